using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ReleaseConsole.Api.Common;
using ReleaseConsole.Api.Data;
using ReleaseConsole.Api.Metrics;
using ReleaseConsole.Tests.Infrastructure;

namespace ReleaseConsole.Tests.Contract;

/// <summary>API-05 GET /realtime_data/ and API-06 GET /time_series/.</summary>
public sealed class MetricsContractTests(MetricsContractTests.ReleasedHostFactory factory) : IClassFixture<MetricsContractTests.ReleasedHostFactory>
{
    public const string ReleasedOuterIp = "123.123.123.123";
    private readonly HttpClient _client = factory.CreateClient();

    /// <summary>The app with the first example host released once, before any test of the class.</summary>
    public sealed class ReleasedHostFactory : ReleaseConsoleFactory, IAsyncLifetime
    {
        public async Task InitializeAsync()
        {
            var taskId = await ReleaseAsync(2, "10.0.0.1", ReleasedOuterIp, 1);
            await WaitForStatusAsync(taskId, ReleaseTaskStatus.Finished);
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }

    [Fact]
    public async Task Realtime_data_is_a_live_scrape_with_float_values_sorted_by_name_then_dimensions()
    {
        var data = await ContractAssert.SuccessAsync(await _client.GetAsync($"/realtime_data/?bk_host_outerip={ReleasedOuterIp}"));

        var items = data.EnumerateArray().ToList();
        foreach (var item in items)
        {
            ContractAssert.Keys(item, ("metric_name", JsonValueKind.String), ("metric_value", JsonValueKind.Number), ("dimensions", JsonValueKind.String));
            Assert.Contains('.', item.GetProperty("metric_value").GetRawText()); // a float, even when whole
        }
        var keys = items.Select(i => (Name: i.GetProperty("metric_name").GetString()!, Dims: i.GetProperty("dimensions").GetString()!)).ToList();
        Assert.Equal(keys.OrderBy(k => k.Name, StringComparer.Ordinal).ThenBy(k => k.Dims, StringComparer.Ordinal), keys);
        Assert.Contains(("sys_disk_size", "mountpoint=\"/\""), keys);
        Assert.Contains(("sys_disk_size", "mountpoint=\"/data\""), keys);
        var memory = Assert.Single(items, i => i.GetProperty("metric_name").GetString() == "sys_mem_usage");
        Assert.Equal("", memory.GetProperty("dimensions").GetString());
        Assert.InRange(memory.GetProperty("metric_value").GetDouble(), 0, 100);
    }

    [Theory]
    [InlineData("/realtime_data/?bk_host_outerip=123.123.123.124")]
    [InlineData("/time_series/?bk_host_outerip=123.123.123.124&start_timestamp=0&end_timestamp=2000000000")]
    public async Task A_host_without_a_FINISHED_release_answers_5501002_with_the_exact_message(string path)
    {
        var message = await ContractAssert.ErrorAsync(await _client.GetAsync(path), ErrorCodes.HostNotReleased);
        Assert.Equal("查询失败，该主机尚未发布服务", message);
    }

    [Theory]
    [InlineData("/realtime_data/", "bk_host_outerip")]
    [InlineData("/realtime_data/?bk_host_outerip=", "bk_host_outerip")]
    [InlineData("/realtime_data/?bk_host_outerip=localhost", "bk_host_outerip")]
    [InlineData("/realtime_data/?bk_host_outerip=123.123.123", "bk_host_outerip")]
    [InlineData("/time_series/?start_timestamp=1&end_timestamp=2", "bk_host_outerip")]
    [InlineData("/time_series/?bk_host_outerip=123.123.123.123&end_timestamp=2", "start_timestamp")]
    [InlineData("/time_series/?bk_host_outerip=123.123.123.123&start_timestamp=1", "end_timestamp")]
    [InlineData("/time_series/?bk_host_outerip=123.123.123.123&start_timestamp=abc&end_timestamp=2", "start_timestamp")]
    [InlineData("/time_series/?bk_host_outerip=123.123.123.123&start_timestamp=1&end_timestamp=1.5", "end_timestamp")]
    [InlineData("/time_series/?bk_host_outerip=123.123.123.123&start_timestamp=20&end_timestamp=10", "start_timestamp")]
    [InlineData("/time_series/?bk_host_outerip=999.1.1.1&start_timestamp=1&end_timestamp=2", "bk_host_outerip")]
    public async Task Bad_parameters_answer_5500001_naming_the_parameter(string path, string parameter)
    {
        var message = await ContractAssert.ErrorAsync(await _client.GetAsync(path), ErrorCodes.BadParameter);
        Assert.Contains(parameter, message);
    }

    [Fact]
    public async Task The_time_series_holds_collected_memory_samples_ascending_inside_the_range()
    {
        var collector = factory.Services.GetRequiredService<MetricsCollector>();
        Assert.True(await collector.CollectOnceAsync(CancellationToken.None) >= 1);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var data = await ContractAssert.SuccessAsync(
            await _client.GetAsync($"/time_series/?bk_host_outerip={ReleasedOuterIp}&start_timestamp={now - 3600}&end_timestamp={now + 5}"));

        var points = data.EnumerateArray().ToList();
        Assert.NotEmpty(points);
        foreach (var point in points)
        {
            Assert.Equal(2, point.GetArrayLength());
            Assert.True(point[0].TryGetInt64(out var timestamp) && !point[0].GetRawText().Contains('.'), "the timestamp is an int");
            Assert.InRange(timestamp, now - 3600, now + 5);
            Assert.Contains('.', point[1].GetRawText());
            Assert.InRange(point[1].GetDouble(), 0, 100);
        }
        var timestamps = points.Select(p => p[0].GetInt64()).ToList();
        Assert.Equal(timestamps.Order(), timestamps);

        var empty = await ContractAssert.SuccessAsync(
            await _client.GetAsync($"/time_series/?bk_host_outerip={ReleasedOuterIp}&start_timestamp=1&end_timestamp=1000"));
        Assert.Empty(empty.EnumerateArray());
    }
}
