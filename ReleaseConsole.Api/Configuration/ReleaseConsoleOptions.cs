using System.ComponentModel.DataAnnotations;

namespace ReleaseConsole.Api.Configuration;

public enum BackendKind { Embedded, BlueKing }

/// <summary>Section <c>ReleaseConsole</c>.</summary>
public sealed class ReleaseConsoleOptions
{
    public const string Section = "ReleaseConsole";

    public BackendKind Backend { get; set; } = BackendKind.Embedded;

    /// <summary>IANA id of the zone <c>create_time</c> is written in; empty means the server's zone.</summary>
    public string? TimeZone { get; set; }

    [Required(AllowEmptyStrings = false)]
    public string DefaultOperator { get; set; } = "admin";

    public TimeZoneInfo ResolveTimeZone() =>
        string.IsNullOrWhiteSpace(TimeZone) ? TimeZoneInfo.Local : TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}

/// <summary>Section <c>Embedded</c>: the in-process CMDB, SOPS and exporters.</summary>
public sealed class EmbeddedOptions
{
    public const string Section = "Embedded";

    /// <summary>JSON inventory of businesses and hosts; empty means the built-in one.</summary>
    public string? InventoryPath { get; set; }

    public TimeSpan StepDuration { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>Section <c>Sops</c>.</summary>
public sealed class SopsOptions
{
    public const string Section = "Sops";

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A task row that never got a SOPS id (the process died mid-create) is failed after this long.</summary>
    public TimeSpan OrphanTimeout { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>Section <c>Metrics</c>.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    public TimeSpan ScrapeInterval { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>e.g. <c>http://{ip}:9601/metrics</c>; empty means the embedded exporters.</summary>
    public string? ExporterUrlTemplate { get; set; }

    public TimeSpan ScrapeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the host metrics page re-reads the exporter.</summary>
    public TimeSpan RealtimeRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    [Range(1, 64)]
    public int ScrapeParallelism { get; set; } = 4;
}
