using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReleaseConsole.Api;
using ReleaseConsole.Api.Data;
using ReleaseConsole.Api.Integrations.BlueKing;
using ReleaseConsole.Api.Integrations.Cmdb;
using ReleaseConsole.Api.Integrations.Sops;
using ReleaseConsole.Tests.Infrastructure;

namespace ReleaseConsole.Tests.Integrations;

/// <summary>The BlueKing CMDB and SOPS clients against a fake gateway, in both URL forms.</summary>
public sealed class BlueKingClientTests : IDisposable
{
    private const string Secret = "s3cr3t-app-secret";
    private readonly FakeBlueKing _bk = new();
    private readonly CapturedLog _log = new();
    private ServiceProvider? _services;

    private T Resolve<T>(bool gateway = true) where T : notnull
    {
        var settings = new Dictionary<string, string?>
        {
            ["ReleaseConsole:Backend"] = "BlueKing",
            ["BlueKing:AppCode"] = "release-console",
            ["BlueKing:AppSecret"] = Secret,
            ["BlueKing:Username"] = "admin",
            ["BlueKing:RetryDelay"] = "00:00:00.050",
            ["BlueKing:Sops:TemplateId"] = "42",
            ["Metrics:ExporterUrlTemplate"] = "http://{ip}:9601/metrics",
        };
        settings[gateway ? "BlueKing:ApiGatewayUrlTemplate" : "BlueKing:EsbUrl"] = gateway ? "http://bkapi.test/api/{api_name}/prod" : "http://paas.test/";
        var services = new ServiceCollection().AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(_log));
        services.AddReleaseConsoleApi(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), TestDirectory.Create());
        services.ConfigureHttpClientDefaults(b => b.ConfigurePrimaryHttpMessageHandler(() => _bk));
        _services = services.BuildServiceProvider();
        return _services.GetRequiredService<T>();
    }

    public void Dispose() => _services?.Dispose();

    [Fact]
    public async Task Businesses_are_read_page_by_page_through_the_gateway_with_the_auth_header()
    {
        _bk.Respond = call =>
        {
            var start = call.Json.GetProperty("page").GetProperty("start").GetInt32();
            var info = Enumerable.Range(start, Math.Min(200, 450 - start)).Select(i => new { bk_biz_id = i + 1, bk_biz_name = $"biz-{i + 1}", @default = 0 });
            return (HttpStatusCode.OK, FakeBlueKing.Ok(new { count = 450, info }));
        };

        var businesses = await Resolve<ICmdbClient>().GetBusinessesAsync(default);

        Assert.Equal(450, businesses.Count);
        Assert.Equal(Enumerable.Range(1, 450), businesses.Select(b => b.BizId));
        var calls = _bk.Calls.ToList();
        Assert.Equal([0, 200, 400], calls.Select(c => c.Json.GetProperty("page").GetProperty("start").GetInt32()));
        Assert.All(calls, c =>
        {
            Assert.Equal("http://bkapi.test/api/bk-cmdb/prod/api/v3/biz/search/0", c.Uri.ToString());
            Assert.Equal(HttpMethod.Post, c.Method);
            Assert.Equal(200, c.Json.GetProperty("page").GetProperty("limit").GetInt32());
            Assert.Equal("bk_biz_id", c.Json.GetProperty("page").GetProperty("sort").GetString()); // a stable order across pages
            var auth = JsonDocument.Parse(c.Authorization!).RootElement;
            Assert.Equal("release-console", auth.GetProperty("bk_app_code").GetString());
            Assert.Equal(Secret, auth.GetProperty("bk_app_secret").GetString());
            Assert.Equal("admin", auth.GetProperty("bk_username").GetString());
            Assert.DoesNotContain(Secret, c.Body); // only in the header
        });
    }

    [Fact]
    public async Task Hosts_are_read_in_pages_of_500_through_the_ESB_with_the_business_in_the_body()
    {
        _bk.Respond = call =>
        {
            var start = call.Json.GetProperty("page").GetProperty("start").GetInt32();
            var info = Enumerable.Range(start, Math.Min(500, 1200 - start)).Select(i => new
            {
                bk_host_id = i, bk_host_innerip = $"10.1.{i / 250}.{i % 250 + 1},10.9.9.9", bk_host_outerip = i == 0 ? "" : $"203.0.{i / 250}.{i % 250 + 1}",
                bk_cloud_id = i % 3, bk_host_name = $"h{i}",
            });
            return (HttpStatusCode.OK, FakeBlueKing.Ok(new { count = 1200, info }));
        };

        var hosts = await Resolve<ICmdbClient>(gateway: false).GetHostsAsync(7, default);

        Assert.Equal(1200, hosts.Count);
        Assert.Equal(new CmdbHost("10.1.0.1", "", 0, "h0"), hosts[0]);
        Assert.Equal(new CmdbHost("10.1.0.2", "203.0.0.2", 1, "h1"), hosts[1]);
        var calls = _bk.Calls.ToList();
        Assert.Equal(3, calls.Count);
        Assert.All(calls, c =>
        {
            Assert.Equal("http://paas.test/api/c/compapi/v2/cc/list_biz_hosts/", c.Uri.ToString());
            Assert.Equal(7, c.Json.GetProperty("bk_biz_id").GetInt32());
            Assert.Equal(500, c.Json.GetProperty("page").GetProperty("limit").GetInt32());
            Assert.Equal("bk_host_id", c.Json.GetProperty("page").GetProperty("sort").GetString());
        });
    }

    [Fact]
    public async Task A_task_is_created_from_the_template_with_the_host_in_its_constants_then_started()
    {
        _bk.Respond = call => (HttpStatusCode.OK, FakeBlueKing.Ok(call.Uri.AbsolutePath.Contains("create_task") ? new { task_id = 10 } : new { }));
        var sops = Resolve<ISopsClient>();

        var taskId = await sops.CreateTaskAsync(new SopsCreateTaskRequest(2, "发布-10.0.0.1", "10.0.0.1", "123.123.123.123", 1), default);
        await sops.StartTaskAsync(2, taskId, default);

        Assert.Equal(10, taskId);
        var (create, start) = (_bk.Calls.First(), _bk.Calls.Last());
        Assert.Equal("http://bkapi.test/api/bk-sops/prod/create_task/42/2/", create.Uri.ToString());
        Assert.Equal("发布-10.0.0.1", create.Json.GetProperty("name").GetString());
        var constants = create.Json.GetProperty("constants");
        Assert.Equal("10.0.0.1", constants.GetProperty("${ip}").GetString());
        Assert.Equal(1, constants.GetProperty("${bk_cloud_id}").GetInt32());
        Assert.Equal("http://bkapi.test/api/bk-sops/prod/start_task/10/2/", start.Uri.ToString());
        Assert.Equal(HttpMethod.Post, start.Method);
    }

    [Theory]
    [InlineData("CREATED", ReleaseTaskStatus.Created)]
    [InlineData("READY", ReleaseTaskStatus.Created)]
    [InlineData("RUNNING", ReleaseTaskStatus.Running)]
    [InlineData("SUSPENDED", ReleaseTaskStatus.Suspended)]
    [InlineData("NODE_SUSPENDED", ReleaseTaskStatus.Suspended)]
    [InlineData("PENDING_PROCESSING", ReleaseTaskStatus.Suspended)]
    [InlineData("FAILED", ReleaseTaskStatus.Failed)]
    [InlineData("FINISHED", ReleaseTaskStatus.Finished)]
    [InlineData("REVOKED", ReleaseTaskStatus.Revoked)]
    [InlineData("EXPIRED", ReleaseTaskStatus.Revoked)]
    [InlineData("ROLLING_BACK", ReleaseTaskStatus.Running)]
    public async Task SOPS_states_are_mapped_and_unknown_ones_tolerated(string sopsState, ReleaseTaskStatus expected)
    {
        _bk.Respond = _ => (HttpStatusCode.OK, FakeBlueKing.Ok(new { state = sopsState, children = new { } }));

        var status = await Resolve<ISopsClient>().GetTaskStatusAsync(2, 10, default);

        Assert.Equal(expected, status.State);
    }

    [Fact]
    public async Task Task_status_steps_leave_out_start_and_end_events_and_follow_their_start_times()
    {
        _bk.Respond = _ => (HttpStatusCode.OK, FakeBlueKing.Ok(new
        {
            id = "root", state = "FAILED",
            children = new Dictionary<string, object>
            {
                ["n3"] = new { name = "健康检查", state = "FAILED", start_time = "2026-01-02 10:00:20 +0800", finish_time = "2026-01-02 10:00:25 +0800" },
                ["n0"] = new { name = "<class 'pipeline.core.flow.event.EmptyStartEvent'>", state = "FINISHED", start_time = "2026-01-02 10:00:00 +0800", finish_time = "" },
                ["n1"] = new { name = "分发安装包", state = "FINISHED", start_time = "2026-01-02 10:00:01 +0800", finish_time = "2026-01-02 10:00:20 +0800" },
            },
        }));

        var status = await Resolve<ISopsClient>(gateway: false).GetTaskStatusAsync(2, 10, default);

        Assert.Equal(ReleaseTaskStatus.Failed, status.State);
        Assert.Equal(["分发安装包", "健康检查"], status.Steps.Select(s => s.Name));
        Assert.Equal([0, 1], status.Steps.Select(s => s.Index));
        Assert.Equal(new DateTime(2026, 1, 2, 2, 0, 1, DateTimeKind.Utc), status.Steps[0].StartedAt);
        Assert.Equal(DateTimeKind.Utc, status.Steps[1].FinishedAt!.Value.Kind);
        var call = Assert.Single(_bk.Calls);
        Assert.Equal(HttpMethod.Get, call.Method);
        Assert.Equal("http://paas.test/api/c/compapi/v2/sops/get_task_status/?task_id=10&bk_biz_id=2", call.Uri.ToString());
    }

    [Theory]
    [InlineData(SopsOperation.Pause, "pause")]
    [InlineData(SopsOperation.Resume, "resume")]
    [InlineData(SopsOperation.Revoke, "revoke")]
    public async Task Operations_post_their_action(SopsOperation operation, string action)
    {
        _bk.Respond = _ => (HttpStatusCode.OK, FakeBlueKing.Ok(new { }));

        await Resolve<ISopsClient>().OperateTaskAsync(2, 10, operation, default);

        var call = Assert.Single(_bk.Calls);
        Assert.Equal("http://bkapi.test/api/bk-sops/prod/operate_task/10/2/", call.Uri.ToString());
        Assert.Equal(action, call.Json.GetProperty("action").GetString());
    }

    [Fact]
    public async Task A_business_error_is_surfaced_with_its_message_and_not_retried()
    {
        _bk.Respond = _ => (HttpStatusCode.OK, FakeBlueKing.Refused(3545000, "task already started"));

        var error = await Assert.ThrowsAsync<SopsException>(() => Resolve<ISopsClient>().StartTaskAsync(2, 10, default));

        Assert.Contains("task already started", error.Message);
        Assert.Contains("3545000", error.Message);
        Assert.Single(_bk.Calls);
    }

    [Fact]
    public async Task A_failed_start_is_never_retried_and_the_secret_never_appears_in_the_error()
    {
        _bk.Respond = _ => (HttpStatusCode.BadGateway, "<html>bad gateway</html>");

        var error = await Assert.ThrowsAsync<SopsException>(() => Resolve<ISopsClient>().StartTaskAsync(2, 10, default));

        Assert.Contains("HTTP 502", error.Message);
        Assert.DoesNotContain(Secret, error.ToString());
        Assert.Single(_bk.Calls);
    }

    [Fact]
    public async Task A_read_that_meets_a_gateway_error_is_retried()
    {
        _bk.Respond = _ => _bk.Calls.Count == 1
            ? (HttpStatusCode.BadGateway, "")
            : (HttpStatusCode.OK, FakeBlueKing.Ok(new { state = "RUNNING", children = new { } }));

        var status = await Resolve<ISopsClient>().GetTaskStatusAsync(2, 10, default);

        Assert.Equal(ReleaseTaskStatus.Running, status.State);
        Assert.Equal(2, _bk.Calls.Count);
    }

    [Fact]
    public async Task A_CMDB_that_keeps_failing_is_an_error_naming_the_API()
    {
        _bk.Respond = _ => (HttpStatusCode.ServiceUnavailable, "");

        var error = await Assert.ThrowsAsync<BlueKingException>(() => Resolve<ICmdbClient>().GetBusinessesAsync(default));

        Assert.Contains("search_business", error.Message);
        Assert.True(error.IsTransient);
        Assert.Equal(3, _bk.Calls.Count); // the first try and two retries
    }

    [Fact]
    public async Task The_app_secret_never_reaches_the_log_even_at_trace_level()
    {
        _bk.Respond = call => call.Uri.AbsolutePath.Contains("start_task")
            ? (HttpStatusCode.BadGateway, "")
            : (HttpStatusCode.OK, FakeBlueKing.Ok(new { count = 1, info = new[] { new { bk_biz_id = 2, bk_biz_name = "蓝鲸" } } }));
        var cmdb = Resolve<ICmdbClient>();
        var sops = _services!.GetRequiredService<ISopsClient>();

        await cmdb.GetBusinessesAsync(default);
        await Assert.ThrowsAsync<SopsException>(() => sops.StartTaskAsync(2, 10, default));

        Assert.Contains(_log.Lines, l => l.Contains("X-Bkapi-Authorization")); // the header was logged, its value was not
        Assert.DoesNotContain(_log.Lines, l => l.Contains(Secret));
    }

    private sealed class CapturedLog : ILoggerProvider
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturedLog log) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                log.Lines.Enqueue($"{formatter(state, exception)} {exception}");
        }
    }
}
