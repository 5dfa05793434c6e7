using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using ReleaseConsole.Api.Data;
using ReleaseConsole.Api.Releases;

namespace ReleaseConsole.Tests.Infrastructure;

/// <summary>
/// The whole app on a temporary SQLite file with short embedded timings. One per test class
/// (<c>IClassFixture</c>); tests that need a fresh host or other settings make one of their own.
/// </summary>
public class ReleaseConsoleFactory : WebApplicationFactory<Program>
{
    public ReleaseConsoleFactory() : this(TestDirectory.Create())
    {
    }

    /// <summary>An app on a given data folder (two in turn on one folder act as a restart) with other settings.</summary>
    public static ReleaseConsoleFactory Create(
        string dataDirectory, IDictionary<string, string?>? overrides = null, Action<IServiceCollection>? testServices = null) =>
        new Configured(dataDirectory, overrides) { TestServices = testServices };

    /// <summary>Replacements applied after the app's own registrations.</summary>
    protected Action<IServiceCollection>? TestServices { get; init; }

    // Protected: xunit requires a class fixture to have a single public constructor.
    protected ReleaseConsoleFactory(string dataDirectory, IDictionary<string, string?>? overrides = null)
    {
        DataDirectory = dataDirectory;
        Settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:ReleaseConsole"] = $"Data Source={Path.Combine(dataDirectory, "release-console.db")}",
            ["Embedded:StepDuration"] = "00:00:00.050",
            ["Sops:PollInterval"] = "00:00:00.050",
            ["Metrics:ScrapeInterval"] = "01:00:00", // tests collect on demand with CollectOnceAsync
            ["ReleaseConsole:TimeZone"] = "Asia/Shanghai",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) Settings[key] = value;
    }

    public string DataDirectory { get; }

    public Dictionary<string, string?> Settings { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        // UseSetting reaches the configuration before Program registers services, unlike ConfigureAppConfiguration.
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        if (TestServices is not null) builder.ConfigureTestServices(TestServices);
    }

    public ReleaseTaskFeed Feed => Services.GetRequiredService<ReleaseTaskFeed>();

    /// <summary>Waits for the task to reach a state, from the feed (no polling, no sleeps).</summary>
    public async Task<ReleaseTaskSummary> WaitForStatusAsync(long taskId, ReleaseTaskStatus status, TimeSpan? timeout = null)
    {
        var reached = new TaskCompletionSource<ReleaseTaskSummary>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = Feed.Subscribe(change =>
        {
            if (change.Task.TaskId == taskId && change.Task.Status == status) reached.TrySetResult(change.Task);
            return Task.CompletedTask;
        });
        using var scope = Services.CreateScope();
        var current = await scope.ServiceProvider.GetRequiredService<TaskQueryService>().GetAsync(taskId, CancellationToken.None);
        if (current?.Task.Status == status) return current.Task;
        return await reached.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(30));
    }

    /// <summary>Releases a host through API-03 and returns the task id, failing the test on an error answer.</summary>
    public async Task<long> ReleaseAsync(int bizId, string innerIp, string outerIp, int cloudId)
    {
        using var client = CreateClient();
        var response = await client.PostAsJsonAsync("/release_task/", new
        {
            bk_biz_id = bizId, bk_host_innerip = innerIp, bk_host_outerip = outerIp, bk_cloud_id = cloudId,
        });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("result").GetBoolean(), body.ToString());
        return body.GetProperty("data").GetProperty("task_id").GetInt64();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

internal sealed class Configured(string dataDirectory, IDictionary<string, string?>? overrides)
    : ReleaseConsoleFactory(dataDirectory, overrides);

public static class TestDirectory
{
    public static string Create()
    {
        var path = Path.Combine(Path.GetTempPath(), "release-console-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
