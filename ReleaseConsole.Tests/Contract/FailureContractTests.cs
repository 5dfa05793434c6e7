using System.Net.Http.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using ReleaseConsole.Api.Common;
using ReleaseConsole.Api.Integrations.Sops;
using ReleaseConsole.Api.Releases;
using ReleaseConsole.Tests.Infrastructure;

namespace ReleaseConsole.Tests.Contract;

/// <summary>Outside systems failing (5500002) and the unexpected (5500500) still answer the envelope.</summary>
public sealed class FailureContractTests(ReleaseConsoleFactory factory) : IClassFixture<ReleaseConsoleFactory>
{
    private static readonly object Example = new { bk_biz_id = 2, bk_host_innerip = "10.0.0.1", bk_host_outerip = "123.123.123.123", bk_cloud_id = 1 };

    [Fact]
    public async Task A_SOPS_that_cannot_create_the_task_answers_5500002_and_leaves_the_host_free()
    {
        using var broken = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<ISopsClient, UnreachableSops>()));
        using var client = broken.CreateClient();

        var message = await ContractAssert.ErrorAsync(await client.PostAsJsonAsync("/release_task/", Example), ErrorCodes.UpstreamFailure);

        Assert.Contains("SOPS", message);
        Assert.DoesNotContain("secret", message, StringComparison.OrdinalIgnoreCase);
        var tasks = await ContractAssert.SuccessAsync(await client.GetAsync("/release_task/?bk_host_innerip=10.0.0.1"));
        Assert.Empty(tasks.EnumerateArray());
        // The host was not left reserved: a second try reaches SOPS again instead of answering 5501001.
        await ContractAssert.ErrorAsync(await client.PostAsJsonAsync("/release_task/", Example), ErrorCodes.UpstreamFailure);
    }

    [Fact]
    public async Task An_unexpected_exception_answers_5500500_with_a_trace_id_and_no_stack_trace()
    {
        using var broken = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddScoped<IOperatorAccessor, ExplodingOperator>()));
        using var client = broken.CreateClient();

        var response = await client.PostAsJsonAsync("/release_task/", Example);
        var message = await ContractAssert.ErrorAsync(response, ErrorCodes.Unexpected);

        Assert.Matches("trace_id：[0-9a-f]{32}", message);
        Assert.DoesNotContain("boom", message);
        Assert.DoesNotContain(" at ", message);
    }

    private sealed class UnreachableSops : ISopsClient
    {
        public Task<long> CreateTaskAsync(SopsCreateTaskRequest request, CancellationToken cancellationToken) =>
            throw new SopsException("connection refused");
        public Task StartTaskAsync(int bizId, long taskId, CancellationToken cancellationToken) => throw new SopsException("connection refused");
        public Task<SopsTaskStatus> GetTaskStatusAsync(int bizId, long taskId, CancellationToken cancellationToken) => throw new SopsException("connection refused");
        public Task OperateTaskAsync(int bizId, long taskId, SopsOperation operation, CancellationToken cancellationToken) => throw new SopsException("connection refused");
    }

    private sealed class ExplodingOperator : IOperatorAccessor
    {
        public string CurrentOperator => throw new InvalidOperationException("boom: secret internals");
    }
}
