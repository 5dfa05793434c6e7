using Microsoft.EntityFrameworkCore;
using ReleaseConsole.Api.Common;
using ReleaseConsole.Api.Data;
using ReleaseConsole.Api.Integrations.Metrics;
using ReleaseConsole.Api.Releases;

namespace ReleaseConsole.Api.Metrics;

public sealed record MetricValue(string Name, double Value, string Dimensions);

public sealed record TimeSeriesPoint(long Timestamp, double Value);

/// <summary>Metrics of released hosts: a live scrape (API-05) and the stored memory series (API-06).</summary>
public sealed class MetricsService(
    IExporterScraper scraper,
    TaskQueryService tasks,
    IDbContextFactory<ReleaseConsoleDbContext> dbFactory,
    ILogger<MetricsService> logger)
{
    public const string MemoryMetric = "sys_mem_usage";

    /// <summary>The host's exporter scraped now, ordered by metric name then dimensions. Non-finite values are left out (JSON has no NaN).</summary>
    public async Task<IReadOnlyList<MetricValue>> GetRealtimeAsync(string outerIp, CancellationToken cancellationToken)
    {
        await RequireReleasedAsync(outerIp, cancellationToken);
        var samples = await ScrapeAsync(outerIp, cancellationToken);
        return samples.Where(s => double.IsFinite(s.Value))
            .Select(s => new MetricValue(s.Name, s.Value, s.Dimensions))
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .ThenBy(m => m.Dimensions, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Memory usage of the host in [start, end] (Unix seconds, inclusive), oldest first.</summary>
    public async Task<IReadOnlyList<TimeSeriesPoint>> GetTimeSeriesAsync(string outerIp, long start, long end, CancellationToken cancellationToken)
    {
        IpAddresses.RequireIPv4(outerIp, "bk_host_outerip");
        if (start > end)
        {
            throw ReleaseConsoleException.BadParameter("start_timestamp", $"不能大于 end_timestamp（{start} > {end}）");
        }
        await RequireReleasedAsync(outerIp, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.MetricSamples.AsNoTracking()
            .Where(s => s.OuterIp == outerIp && s.Timestamp >= start && s.Timestamp <= end)
            .OrderBy(s => s.Timestamp).ThenBy(s => s.Id)
            .Select(s => new TimeSeriesPoint(s.Timestamp, s.Value))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Scrapes and parses one exporter; failures become 5500002 naming the exporter.</summary>
    internal async Task<IReadOnlyList<PrometheusSample>> ScrapeAsync(string outerIp, CancellationToken cancellationToken)
    {
        try
        {
            return PrometheusTextParser.Parse(await scraper.ScrapeAsync(outerIp, cancellationToken));
        }
        catch (ExporterException e)
        {
            logger.LogWarning(e, "Scrape of {OuterIp} failed", outerIp);
            throw ReleaseConsoleException.Upstream("exporter", e.Message, e);
        }
        catch (PrometheusFormatException e)
        {
            logger.LogWarning(e, "Exporter of {OuterIp} wrote malformed text", outerIp);
            throw ReleaseConsoleException.Upstream("exporter", $"{outerIp} 返回的 Prometheus 文本格式错误：{e.Message}", e);
        }
    }

    private async Task RequireReleasedAsync(string outerIp, CancellationToken cancellationToken)
    {
        IpAddresses.RequireIPv4(outerIp, "bk_host_outerip");
        if (!await tasks.HasFinishedReleaseAsync(outerIp, cancellationToken))
        {
            throw new ReleaseConsoleException(ErrorCodes.HostNotReleased, ErrorCodes.HostNotReleasedMessage);
        }
    }
}
