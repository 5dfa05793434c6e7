namespace ReleaseConsole.Api.Integrations.Metrics;

/// <summary>A scrape that failed: exporter unreachable, timed out or answered an error.</summary>
public sealed class ExporterException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Reads the Prometheus text exposition of the exporter a release installed on a host.</summary>
public interface IExporterScraper
{
    Task<string> ScrapeAsync(string outerIp, CancellationToken cancellationToken);
}
