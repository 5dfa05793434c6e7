using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Charts;
using ReleaseConsole.Api.Common;
using ReleaseConsole.Api.Configuration;
using ReleaseConsole.Api.Metrics;
using ReleaseConsole.Api.Releases;
using ReleaseConsole.Components.Model;

namespace ReleaseConsole.Components.Pages;

/// <summary>
/// A released host's metrics: the exporter's values, re-read every <c>Metrics:RealtimeRefreshInterval</c>,
/// and its memory series over a preset range ending now, re-read every <c>Metrics:ScrapeInterval</c>.
/// </summary>
public partial class HostMetrics
{
    internal static readonly IReadOnlyList<(string Key, string Label, TimeSpan Span)> RangePresets =
    [
        ("15m", "15 分钟", TimeSpan.FromMinutes(15)),
        ("1h", "1 小时", TimeSpan.FromHours(1)),
        ("6h", "6 小时", TimeSpan.FromHours(6)),
        ("24h", "24 小时", TimeSpan.FromHours(24)),
    ];

    private readonly CancellationTokenSource _stop = new();
    private bool _released;
    private string? _problem;
    private IReadOnlyList<MetricValue> _realtime = [];
    private DateTime? _realtimeAt;
    private string? _realtimeError;
    private string _range = "1h";
    private (DateTimeOffset From, DateTimeOffset To)? _custom;
    private bool _editingCustom;
    private DateTime? _customFrom;
    private DateTime? _customTo;
    private string? _customError;
    private List<(DateTime Time, double Value)> _series = [];
    private List<ChartSeries<double>> _chart = [];
    private readonly TimeSeriesChartOptions _chartOptions = new()
    {
        TimeLabelFormat = "HH:mm",
        TooltipTimeLabelFormat = "yyyy-MM-dd HH:mm:ss",
        YAxisFormat = "0",
        YAxisRequireZeroPoint = true,
        ShowDataMarkers = false,
    };

    [Inject] public required MetricsService Metrics { get; init; }
    [Inject] public required TaskQueryService Tasks { get; init; }
    [Inject] public required TimeFormatter Time { get; init; }
    [Inject] public required TimeProvider Clock { get; init; }
    [Inject] public required IOptions<MetricsOptions> Options { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }

    [Parameter] public required string OuterIp { get; set; }

    /// <summary>The range preset, kept in the URL.</summary>
    [SupplyParameterFromQuery(Name = "range")] public string? RangeQuery { get; set; }

    /// <summary>A custom range, Unix seconds, kept in the URL; wins over the preset.</summary>
    [SupplyParameterFromQuery(Name = "from")] public long? FromQuery { get; set; }

    [SupplyParameterFromQuery(Name = "to")] public long? ToQuery { get; set; }

    private MetricValue? Memory => _realtime.FirstOrDefault(m => m.Name == MetricsService.MemoryMetric && m.Dimensions.Length == 0);

    private int ScrapeSeconds => (int)Options.Value.ScrapeInterval.TotalSeconds;

    protected override async Task OnParametersSetAsync()
    {
        _custom = FromQuery is { } from && ToQuery is { } to && from < to
            ? (DateTimeOffset.FromUnixTimeSeconds(from), DateTimeOffset.FromUnixTimeSeconds(to))
            : null;
        if (RangePresets.Any(p => p.Key == RangeQuery)) _range = RangeQuery!;
        if (!IpAddresses.IsIPv4(OuterIp))
        {
            _problem = $"'{OuterIp}' 不是合法的 IPv4 地址。";
            return;
        }
        _released = await Tasks.HasFinishedReleaseAsync(OuterIp, CancellationToken.None);
        if (!_released)
        {
            _problem = $"{ErrorCodes.HostNotReleasedMessage}：主机 {OuterIp} 还没有状态为 FINISHED 的发布任务，没有指标可看。";
            return;
        }
        await Task.WhenAll(RefreshRealtimeAsync(), RefreshSeriesAsync());
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (!firstRender || !_released) return;
        // Loops start after the first interactive render, so prerendering does not leave timers behind.
        _ = RefreshLoopAsync(Options.Value.RealtimeRefreshInterval, RefreshRealtimeAsync);
        _ = RefreshLoopAsync(Options.Value.ScrapeInterval, async () =>
        {
            if (ShowsRecentPast) await RefreshSeriesAsync(); // a range wholly in the past does not change
        });
    }

    private async Task RefreshLoopAsync(TimeSpan interval, Func<Task> refresh)
    {
        using var timer = new PeriodicTimer(interval, Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                await InvokeAsync(async () =>
                {
                    await refresh();
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RefreshRealtimeAsync()
    {
        try
        {
            _realtime = await Metrics.GetRealtimeAsync(OuterIp, _stop.Token);
            _realtimeAt = Clock.GetUtcNow().UtcDateTime;
            _realtimeError = null;
        }
        catch (ReleaseConsoleException e)
        {
            _realtimeError = e.Message; // keep the last values on screen, say why they are old
        }
    }

    private async Task RefreshSeriesAsync()
    {
        var (start, end) = ShownRange();
        var span = end - start;
        var points = await Metrics.GetTimeSeriesAsync(OuterIp, start.ToUnixTimeSeconds(), end.ToUnixTimeSeconds(), _stop.Token);
        _series = points.Select(p => (Time.ToLocal(DateTime.UnixEpoch.AddSeconds(p.Timestamp)), p.Value)).ToList();
        _chartOptions.TimeLabelSpacing = span <= TimeSpan.FromHours(1) ? TimeSpan.FromMinutes(5) : TimeSpan.FromHours(span.TotalHours / 6);
        _chart =
        [
            new ChartSeries<double>
            {
                Name = "sys_mem_usage",
                Data = _series.Select(p => new TimeValue<double>(p.Time, Math.Round(p.Value, 2))).ToList(),
            },
        ];
    }

    // The URL change re-runs OnParametersSetAsync, which reloads the series for the new range.
    private void SelectRange(string range)
    {
        _editingCustom = false;
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["range"] = range, ["from"] = null, ["to"] = null,
        }), replace: true);
    }

    /// <summary>The custom range, else the preset ending now.</summary>
    private (DateTimeOffset From, DateTimeOffset To) ShownRange()
    {
        if (_custom is { } custom) return custom;
        var now = Clock.GetUtcNow();
        return (now - RangePresets.First(p => p.Key == _range).Span, now);
    }

    private bool ShowsRecentPast => _custom is not { } custom || custom.To >= Clock.GetUtcNow() - Options.Value.ScrapeInterval;

    private void EditCustomRange()
    {
        var (start, end) = ShownRange();
        _customFrom = Time.ToLocal(start.UtcDateTime);
        _customTo = Time.ToLocal(end.UtcDateTime);
        _customError = null;
        _editingCustom = true;
    }

    private void ApplyCustomRange()
    {
        if (_customFrom is not { } from || _customTo is not { } to)
        {
            _customError = "请填写开始和结束时间。";
            return;
        }
        if (from >= to)
        {
            _customError = "开始时间必须早于结束时间。";
            return;
        }
        _customError = null;
        _editingCustom = false;
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["range"] = null,
            ["from"] = new DateTimeOffset(Time.ToUtc(from)).ToUnixTimeSeconds(),
            ["to"] = new DateTimeOffset(Time.ToUtc(to)).ToUnixTimeSeconds(),
        }), replace: true);
    }

    private static string MountPointOf(MetricValue disk)
    {
        const string prefix = "mountpoint=\"";
        var start = disk.Dimensions.IndexOf(prefix, StringComparison.Ordinal);
        return start < 0 ? disk.Dimensions : disk.Dimensions[(start + prefix.Length)..].TrimEnd('"');
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _stop.Dispose();
    }
}
