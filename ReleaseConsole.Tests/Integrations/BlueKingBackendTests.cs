using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReleaseConsole.Api.Common;
using ReleaseConsole.Api.Data;
using ReleaseConsole.Tests.Infrastructure;

namespace ReleaseConsole.Tests.Integrations;

/// <summary>The whole app on <c>ReleaseConsole:Backend = BlueKing</c>, the wire answered by <see cref="FakeBlueKing"/>.</summary>
public sealed class BlueKingBackendTests
{
    private static readonly Dictionary<string, string?> BlueKingSettings = new()
    {
        ["ReleaseConsole:Backend"] = "BlueKing",
        ["BlueKing:ApiGatewayUrlTemplate"] = "http://bkapi.test/api/{api_name}/prod",
        ["BlueKing:AppCode"] = "release-console",
        ["BlueKing:AppSecret"] = "not-to-be-seen",
        ["BlueKing:Username"] = "admin",
        ["BlueKing:Sops:TemplateId"] = "42",
        ["Metrics:ExporterUrlTemplate"] = "http://{ip}:9601/metrics",
    };

    [Fact]
    public async Task A_release_runs_through_CMDB_SOPS_and_the_host_exporter_over_HTTP()
    {
        var bk = new FakeBlueKing();
        var polls = 0;
        bk.Respond = call => call.Uri.AbsolutePath switch
        {
            "/api/bk-cmdb/prod/api/v3/biz/search/0" => (HttpStatusCode.OK, FakeBlueKing.Ok(new { count = 1, info = new[] { new { bk_biz_id = 2, bk_biz_name = "蓝鲸" } } })),
            "/api/bk-cmdb/prod/api/v3/hosts/app/2/list_hosts" => (HttpStatusCode.OK, FakeBlueKing.Ok(new
            {
                count = 1, info = new[] { new { bk_host_id = 1, bk_host_innerip = "10.0.0.1", bk_host_outerip = "123.123.123.123", bk_cloud_id = 1 } },
            })),
            "/api/bk-sops/prod/create_task/42/2/" => (HttpStatusCode.OK, FakeBlueKing.Ok(new { task_id = 9001 })),
            "/api/bk-sops/prod/start_task/9001/2/" => (HttpStatusCode.OK, FakeBlueKing.Ok(new { })),
            "/api/bk-sops/prod/get_task_status/9001/2/" => (HttpStatusCode.OK,
                FakeBlueKing.Ok(new { state = Interlocked.Increment(ref polls) < 3 ? "RUNNING" : "FINISHED", children = new { } })),
            "/metrics" when call.Uri.Host == "123.123.123.123" && call.Uri.Port == 9601 => (HttpStatusCode.OK,
                "# TYPE sys_mem_usage gauge\nsys_mem_usage 61\nsys_disk_size{mountpoint=\"/\"} 12.5\nsys_disk_size{mountpoint=\"/da\\\"ta\"} 3\nsys_swap NaN\n"),
            _ => (HttpStatusCode.NotFound, ""),
        };
        await using var app = ReleaseConsoleFactory.Create(TestDirectory.Create(), BlueKingSettings,
            services => services.ConfigureHttpClientDefaults(b => b.ConfigurePrimaryHttpMessageHandler(() => bk)));
        using var client = app.CreateClient();

        var created = await ContractAssert.SuccessAsync(await client.PostAsJsonAsync("/release_task/",
            new { bk_biz_id = 2, bk_host_innerip = "10.0.0.1", bk_host_outerip = "123.123.123.123", bk_cloud_id = 1 }));
        Assert.Equal(9001, created.GetProperty("task_id").GetInt64());
        await app.WaitForStatusAsync(9001, ReleaseTaskStatus.Finished);

        var realtime = await ContractAssert.SuccessAsync(await client.GetAsync("/realtime_data/?bk_host_outerip=123.123.123.123"));
        Assert.Equal(
            ["sys_disk_size mountpoint=\"/\" 12.5", "sys_disk_size mountpoint=\"/da\\\"ta\" 3.0", "sys_mem_usage  61.0"],
            realtime.EnumerateArray().Select(m => $"{m.GetProperty("metric_name")} {m.GetProperty("dimensions")} {m.GetProperty("metric_value").GetRawText()}"));
        Assert.Single(bk.Calls, c => c.Uri.AbsolutePath.StartsWith("/api/bk-sops/prod/start_task/", StringComparison.Ordinal));
        Assert.All(bk.Calls.Where(c => c.Uri.Host == "bkapi.test"), c => Assert.NotNull(c.Authorization));
    }

    [Fact]
    public async Task An_exporter_that_cannot_be_reached_answers_5500002_naming_it()
    {
        var bk = new FakeBlueKing { Respond = _ => (HttpStatusCode.ServiceUnavailable, "") };
        await using var app = ReleaseConsoleFactory.Create(TestDirectory.Create(), BlueKingSettings,
            services => services.ConfigureHttpClientDefaults(b => b.ConfigurePrimaryHttpMessageHandler(() => bk)));
        var db = app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<ReleaseConsoleDbContext>>();
        await using (var context = await db.CreateDbContextAsync())
        {
            context.ReleaseTasks.Add(new ReleaseTask
            {
                SopsTaskId = 1, BizId = 2, InnerIp = "10.0.0.1", OuterIp = "123.123.123.123", CloudId = 1, Operator = "admin",
                Status = ReleaseTaskStatus.Finished, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            });
            await context.SaveChangesAsync();
        }
        using var client = app.CreateClient();

        var message = await ContractAssert.ErrorAsync(await client.GetAsync("/realtime_data/?bk_host_outerip=123.123.123.123"), ErrorCodes.UpstreamFailure);

        Assert.Contains("exporter", message);
        Assert.Contains("123.123.123.123", message);
    }

    [Fact]
    public void Missing_BlueKing_settings_stop_the_start_up_naming_each_key()
    {
        using var app = ReleaseConsoleFactory.Create(TestDirectory.Create(), new Dictionary<string, string?> { ["ReleaseConsole:Backend"] = "BlueKing" });

        // Every invalid section is reported at once (an AggregateException of OptionsValidationExceptions).
        var message = Assert.ThrowsAny<Exception>(() => app.Server).ToString();
        foreach (var key in new[] { "BlueKing:EsbUrl", "BlueKing:AppCode", "BlueKing:AppSecret", "BlueKing:Username", "BlueKing:Sops:TemplateId" })
        {
            Assert.Contains(key, message);
        }
    }

    [Fact]
    public void BlueKing_without_an_exporter_URL_template_stops_the_start_up()
    {
        var settings = new Dictionary<string, string?>(BlueKingSettings) { ["Metrics:ExporterUrlTemplate"] = "" };
        using var app = ReleaseConsoleFactory.Create(TestDirectory.Create(), settings);

        var error = Assert.ThrowsAny<OptionsValidationException>(() => app.Server);

        Assert.Contains("Metrics:ExporterUrlTemplate", string.Join("\n", error.Failures));
        Assert.DoesNotContain("not-to-be-seen", error.ToString());
    }
}
