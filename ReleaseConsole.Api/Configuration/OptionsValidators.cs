using Microsoft.Extensions.Options;

namespace ReleaseConsole.Api.Configuration;

/// <summary>Start-up checks that name the key to fix.</summary>
internal sealed class ReleaseConsoleOptionsValidator : IValidateOptions<ReleaseConsoleOptions>
{
    public ValidateOptionsResult Validate(string? name, ReleaseConsoleOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.TimeZone) && !TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _))
        {
            failures.Add($"{ReleaseConsoleOptions.Section}:TimeZone '{options.TimeZone}' is not a known IANA time zone id.");
        }
        if (string.IsNullOrWhiteSpace(options.DefaultOperator))
        {
            failures.Add($"{ReleaseConsoleOptions.Section}:DefaultOperator must not be empty.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

internal sealed class EmbeddedOptionsValidator : IValidateOptions<EmbeddedOptions>
{
    public ValidateOptionsResult Validate(string? name, EmbeddedOptions options)
    {
        var failures = new List<string>();
        if (options.StepDuration <= TimeSpan.Zero)
        {
            failures.Add($"{EmbeddedOptions.Section}:StepDuration must be positive.");
        }
        if (!string.IsNullOrWhiteSpace(options.InventoryPath) && !File.Exists(options.InventoryPath))
        {
            failures.Add($"{EmbeddedOptions.Section}:InventoryPath '{options.InventoryPath}' does not exist.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

internal sealed class SopsOptionsValidator : IValidateOptions<SopsOptions>
{
    public ValidateOptionsResult Validate(string? name, SopsOptions options) =>
        options.PollInterval <= TimeSpan.Zero || options.OrphanTimeout <= TimeSpan.Zero
            ? ValidateOptionsResult.Fail($"{SopsOptions.Section}:PollInterval and {SopsOptions.Section}:OrphanTimeout must be positive.")
            : ValidateOptionsResult.Success;
}

internal sealed class MetricsOptionsValidator(IOptions<ReleaseConsoleOptions> console) : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options)
    {
        var failures = new List<string>();
        if (console.Value.Backend == BackendKind.BlueKing && string.IsNullOrWhiteSpace(options.ExporterUrlTemplate))
        {
            failures.Add($"{MetricsOptions.Section}:ExporterUrlTemplate must be set when {ReleaseConsoleOptions.Section}:Backend is BlueKing: the embedded exporters only know embedded hosts.");
        }
        if (options.ScrapeInterval <= TimeSpan.Zero) failures.Add($"{MetricsOptions.Section}:ScrapeInterval must be positive.");
        if (options.Retention <= TimeSpan.Zero) failures.Add($"{MetricsOptions.Section}:Retention must be positive.");
        if (options.ScrapeTimeout <= TimeSpan.Zero) failures.Add($"{MetricsOptions.Section}:ScrapeTimeout must be positive.");
        if (options.RealtimeRefreshInterval <= TimeSpan.Zero) failures.Add($"{MetricsOptions.Section}:RealtimeRefreshInterval must be positive.");
        if (options.ScrapeParallelism is < 1 or > 64) failures.Add($"{MetricsOptions.Section}:ScrapeParallelism must be between 1 and 64.");
        if (!string.IsNullOrWhiteSpace(options.ExporterUrlTemplate))
        {
            var probe = options.ExporterUrlTemplate.Replace("{ip}", "127.0.0.1", StringComparison.Ordinal);
            if (!options.ExporterUrlTemplate.Contains("{ip}", StringComparison.Ordinal)
                || !Uri.TryCreate(probe, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                failures.Add($"{MetricsOptions.Section}:ExporterUrlTemplate must be an http(s) URL containing {{ip}}, e.g. http://{{ip}}:9601/metrics.");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
