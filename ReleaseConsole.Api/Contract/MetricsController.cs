using Microsoft.AspNetCore.Mvc;
using ReleaseConsole.Api.Metrics;

namespace ReleaseConsole.Api.Contract;

public sealed class MetricsController(MetricsService metrics) : ContractController
{
    /// <summary>API-05</summary>
    [HttpGet("/realtime_data/")]
    public async Task<IActionResult> Realtime(CancellationToken cancellationToken)
    {
        var outerIp = ContractParameters.RequiredQuery(Request.Query, "bk_host_outerip");
        var values = await metrics.GetRealtimeAsync(outerIp, cancellationToken);
        return Envelope(values.Select(v => new RealtimeItem(v.Name, v.Value, v.Dimensions)));
    }

    /// <summary>API-06</summary>
    [HttpGet("/time_series/")]
    public async Task<IActionResult> TimeSeries(CancellationToken cancellationToken)
    {
        var outerIp = ContractParameters.RequiredQuery(Request.Query, "bk_host_outerip");
        var start = ContractParameters.RequiredQueryLong(Request.Query, "start_timestamp");
        var end = ContractParameters.RequiredQueryLong(Request.Query, "end_timestamp");
        var points = await metrics.GetTimeSeriesAsync(outerIp, start, end, cancellationToken);
        return Envelope(points.Select(p => new TimeSeriesPair(p.Timestamp, p.Value)));
    }
}
