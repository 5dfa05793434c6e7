using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReleaseConsole.Api.Common;
using ReleaseConsole.Api.Configuration;
using ReleaseConsole.Api.Data;
using ReleaseConsole.Api.Integrations.Metrics;

namespace ReleaseConsole.Api.Metrics;

/// <summary>
/// Every <c>Metrics:ScrapeInterval</c>, scrapes each host with a FINISHED release, stores its
/// <c>sys_mem_usage</c> for API-06, and prunes samples older than <c>Metrics:Retention</c>.
/// </summary>
public sealed class MetricsCollector(
    IDbContextFactory<ReleaseConsoleDbContext> dbFactory,
    IExporterScraper scraper,
    IOptions<MetricsOptions> options,
    TimeProvider clock,
    ILogger<MetricsCollector> logger) : PeriodicWorker(clock, logger)
{
    protected override TimeSpan Interval => options.Value.ScrapeInterval;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => CollectOnceAsync(cancellationToken);

    /// <summary>One round: returns how many samples were stored.</summary>
    public async Task<int> CollectOnceAsync(CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        List<string> hosts;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            hosts = await db.ReleaseTasks.Where(t => t.Status == ReleaseTaskStatus.Finished)
                .Select(t => t.OuterIp).Distinct().ToListAsync(cancellationToken);
        }

        var samples = new List<MetricSample>();
        await Parallel.ForEachAsync(
            hosts.Where(IpAddresses.IsIPv4),
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.ScrapeParallelism, CancellationToken = cancellationToken },
            async (outerIp, ct) =>
            {
                try
                {
                    var memory = PrometheusTextParser.Parse(await scraper.ScrapeAsync(outerIp, ct))
                        .FirstOrDefault(s => s.Name == MetricsService.MemoryMetric && s.Labels.Count == 0 && double.IsFinite(s.Value));
                    if (memory is null)
                    {
                        logger.LogWarning("Exporter of {OuterIp} has no finite {Metric}", outerIp, MetricsService.MemoryMetric);
                        return;
                    }
                    var timestamp = memory.TimestampMs is { } ms ? ms / 1000 : now.ToUnixTimeSeconds();
                    lock (samples) samples.Add(new MetricSample { OuterIp = outerIp, Timestamp = timestamp, Value = memory.Value });
                }
                catch (Exception e) when (e is ExporterException or PrometheusFormatException)
                {
                    logger.LogWarning(e, "Scrape of {OuterIp} failed", outerIp);
                }
            });

        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            db.MetricSamples.AddRange(samples);
            await db.SaveChangesAsync(cancellationToken);
            var cutoff = (now - options.Value.Retention).ToUnixTimeSeconds();
            await db.MetricSamples.Where(s => s.Timestamp < cutoff).ExecuteDeleteAsync(cancellationToken);
        }
        return samples.Count;
    }
}
