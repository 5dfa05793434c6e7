using Microsoft.Extensions.Options;
using ReleaseConsole.Api.Configuration;

namespace ReleaseConsole.Api.Integrations.Metrics;

/// <summary>Scrapes a real exporter over HTTP at <c>Metrics:ExporterUrlTemplate</c>.</summary>
internal sealed class HttpExporterScraper(HttpClient http, IOptions<MetricsOptions> options) : IExporterScraper
{
    public async Task<string> ScrapeAsync(string outerIp, CancellationToken cancellationToken)
    {
        // Only IP literals reach here (the services validate them), so the template cannot be steered elsewhere.
        var url = options.Value.ExporterUrlTemplate!.Replace("{ip}", outerIp, StringComparison.Ordinal);
        try
        {
            using var response = await http.GetAsync(url, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new ExporterException($"exporter of {outerIp} answered HTTP {(int)response.StatusCode}");
            }
            return await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (Exception e) when (e is not ExporterException && !cancellationToken.IsCancellationRequested)
        {
            // Network errors, timeouts and Polly rejections alike; the type says which without leaking the URL's secrets.
            throw new ExporterException($"exporter of {outerIp} is unreachable ({e.GetType().Name})", e);
        }
    }
}
