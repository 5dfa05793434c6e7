using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using ReleaseConsole.Api.Configuration;

namespace ReleaseConsole.Api.Integrations.Embedded;

public sealed record InventoryHost(
    [property: JsonPropertyName("bk_host_innerip")] string InnerIp,
    [property: JsonPropertyName("bk_host_outerip")] string OuterIp,
    [property: JsonPropertyName("bk_cloud_id")] int CloudId,
    [property: JsonPropertyName("bk_host_name")] string? HostName,
    [property: JsonPropertyName("mountpoints")] IReadOnlyList<string>? MountPoints,
    [property: JsonPropertyName("fail_at_step")] string? FailAtStep);

public sealed record InventoryBusiness(
    [property: JsonPropertyName("bk_biz_id")] int BizId,
    [property: JsonPropertyName("bk_biz_name")] string BizName,
    [property: JsonPropertyName("hosts")] IReadOnlyList<InventoryHost> Hosts);

/// <summary>The businesses and hosts of the embedded backend, from <c>Embedded:InventoryPath</c> or the built-in file.</summary>
public sealed class EmbeddedInventory
{
    private sealed record InventoryFile([property: JsonPropertyName("businesses")] IReadOnlyList<InventoryBusiness> Businesses);

    public IReadOnlyList<InventoryBusiness> Businesses { get; }

    public EmbeddedInventory(IOptions<EmbeddedOptions> options)
        : this(Load(options.Value.InventoryPath))
    {
    }

    internal EmbeddedInventory(IReadOnlyList<InventoryBusiness> businesses)
    {
        Validate(businesses);
        Businesses = businesses;
    }

    public InventoryHost? FindHost(string innerIp, int cloudId) =>
        Businesses.SelectMany(b => b.Hosts).FirstOrDefault(h => h.InnerIp == innerIp && h.CloudId == cloudId);

    public InventoryHost? FindHostByOuterIp(string outerIp) =>
        outerIp.Length == 0 ? null : Businesses.SelectMany(b => b.Hosts).FirstOrDefault(h => h.OuterIp == outerIp);

    private static IReadOnlyList<InventoryBusiness> Load(string? path)
    {
        using var stream = string.IsNullOrWhiteSpace(path)
            ? typeof(EmbeddedInventory).Assembly.GetManifestResourceStream("ReleaseConsole.Api.inventory.json")
              ?? throw new InvalidOperationException("The built-in inventory resource is missing from the build.")
            : File.OpenRead(path);
        try
        {
            return JsonSerializer.Deserialize<InventoryFile>(stream)?.Businesses
                ?? throw new InvalidOperationException("it is empty");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new InvalidOperationException($"{EmbeddedOptions.Section}:InventoryPath: the inventory cannot be read: {e.Message}", e);
        }
    }

    private static void Validate(IReadOnlyList<InventoryBusiness> businesses)
    {
        var problems = new List<string>();
        foreach (var duplicate in businesses.GroupBy(b => b.BizId).Where(g => g.Count() > 1))
            problems.Add($"business {duplicate.Key} appears twice");
        var hosts = businesses.SelectMany(b => b.Hosts ?? []).ToList();
        foreach (var duplicate in hosts.GroupBy(h => (h.InnerIp, h.CloudId)).Where(g => g.Count() > 1))
            problems.Add($"host {duplicate.Key.InnerIp} in cloud {duplicate.Key.CloudId} appears twice");
        // CMDB leaves the outer IP empty on intranet-only hosts; a non-empty one names one host.
        foreach (var duplicate in hosts.Where(h => h.OuterIp.Length > 0).GroupBy(h => h.OuterIp).Where(g => g.Count() > 1))
            problems.Add($"outer IP {duplicate.Key} belongs to more than one host");
        foreach (var host in hosts.Where(h => h.FailAtStep is not null && !ReleaseTemplate.HasStep(h.FailAtStep)))
            problems.Add($"host {host.InnerIp}: fail_at_step '{host.FailAtStep}' is not one of {string.Join(", ", ReleaseTemplate.Steps.Select(s => s.Code))}");
        if (problems.Count > 0)
            throw new InvalidOperationException($"{EmbeddedOptions.Section}:InventoryPath: {string.Join("; ", problems)}");
    }
}
