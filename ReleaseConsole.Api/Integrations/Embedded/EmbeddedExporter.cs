using System.Globalization;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using ReleaseConsole.Api.Integrations.Metrics;

namespace ReleaseConsole.Api.Integrations.Embedded;

/// <summary>
/// The exporter a release installs, simulated for every inventory host: Prometheus text with
/// <c>sys_mem_usage</c> and <c>sys_disk_size</c> per mount point, moving smoothly over time with
/// per-host noise, deterministic for a given host and second.
/// </summary>
internal sealed class EmbeddedExporter(EmbeddedInventory inventory, TimeProvider clock) : IExporterScraper
{
    public Task<string> ScrapeAsync(string outerIp, CancellationToken cancellationToken)
    {
        var host = inventory.FindHostByOuterIp(outerIp)
            ?? throw new ExporterException($"exporter of {outerIp} is unreachable (no such host)");
        return Task.FromResult(Render(host, clock.GetUtcNow().ToUnixTimeSeconds()));
    }

    internal static string Render(InventoryHost host, long unixSeconds)
    {
        var text = new StringBuilder();
        text.Append("# HELP sys_mem_usage Memory in use, percent of total.\n");
        text.Append("# TYPE sys_mem_usage gauge\n");
        text.Append(CultureInfo.InvariantCulture, $"sys_mem_usage {MemoryUsage(host.OuterIp, unixSeconds):R}\n");
        text.Append("# HELP sys_disk_size Disk space in use per mount point, GB.\n");
        text.Append("# TYPE sys_disk_size gauge\n");
        foreach (var mount in host.MountPoints ?? ["/"])
        {
            var escaped = mount.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
            text.Append(CultureInfo.InvariantCulture, $"sys_disk_size{{mountpoint=\"{escaped}\"}} {DiskUsed(host.OuterIp, mount, unixSeconds):R}\n");
        }
        return text.ToString();
    }

    internal static double MemoryUsage(string outerIp, long t)
    {
        var seed = Seed(outerIp);
        var baseline = 30 + seed % 40;
        var wave = 12 * Math.Sin(2 * Math.PI * t / 900 + seed % 7) + 4 * Math.Sin(2 * Math.PI * t / 97 + seed % 5);
        var noise = (Seed($"{outerIp}/{t / 5}") % 1000) / 250.0 - 2;
        return Math.Clamp(baseline + wave + noise, 1, 99);
    }

    internal static double DiskUsed(string outerIp, string mount, long t)
    {
        var seed = Seed($"{outerIp}{mount}");
        var baseline = 3 + seed % 60 + (seed % 997) / 997.0;
        return baseline + 0.4 * Math.Sin(2 * Math.PI * t / 3600 + seed % 11) + (Seed($"{outerIp}{mount}/{t / 15}") % 100) / 1000.0;
    }

    // A stable hash: string.GetHashCode is randomised per process, and values must not jump on restart.
    private static ulong Seed(string value) => BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
