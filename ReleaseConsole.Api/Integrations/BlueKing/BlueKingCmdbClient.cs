using System.Text.Json;
using ReleaseConsole.Api.Integrations.Cmdb;

namespace ReleaseConsole.Api.Integrations.BlueKing;

/// <summary>CMDB over BlueKing: <c>search_business</c> in pages of 200, <c>list_biz_hosts</c> in pages of 500, every page read.</summary>
internal sealed class BlueKingCmdbClient(BlueKingGateway gateway) : ICmdbClient
{
    internal const int BusinessPageSize = 200;
    internal const int HostPageSize = 500;

    public async Task<IReadOnlyList<CmdbBusiness>> GetBusinessesAsync(CancellationToken cancellationToken)
    {
        var items = await ReadAllPagesAsync(BlueKingApi.SearchBusiness, new Dictionary<string, object>(), BusinessPageSize, "bk_biz_id",
            page => new Dictionary<string, object?> { ["fields"] = new[] { "bk_biz_id", "bk_biz_name" }, ["page"] = page },
            cancellationToken);
        return items.Select(b => new CmdbBusiness(b.GetProperty("bk_biz_id").GetInt32(), b.GetProperty("bk_biz_name").GetString() ?? ""))
            .OrderBy(b => b.BizId).ToList();
    }

    public async Task<IReadOnlyList<CmdbHost>> GetHostsAsync(int bizId, CancellationToken cancellationToken)
    {
        var items = await ReadAllPagesAsync(BlueKingApi.ListBizHosts, new Dictionary<string, object> { ["bk_biz_id"] = bizId }, HostPageSize, "bk_host_id",
            page => new Dictionary<string, object?>
            {
                ["fields"] = new[] { "bk_host_id", "bk_host_innerip", "bk_host_outerip", "bk_cloud_id", "bk_host_name" },
                ["page"] = page,
            },
            cancellationToken);
        return items.Select(h => new CmdbHost(
                Text(h, "bk_host_innerip"), Text(h, "bk_host_outerip"),
                h.TryGetProperty("bk_cloud_id", out var cloud) && cloud.TryGetInt32(out var cloudId) ? cloudId : 0,
                h.TryGetProperty("bk_host_name", out var name) ? name.GetString() : null))
            .ToList();
    }

    private async Task<List<JsonElement>> ReadAllPagesAsync(
        BlueKingApi api,
        IReadOnlyDictionary<string, object> pathValues,
        int pageSize,
        string sortBy,
        Func<object, IReadOnlyDictionary<string, object?>> body,
        CancellationToken cancellationToken)
    {
        var all = new List<JsonElement>();
        for (var start = 0; ; start += pageSize)
        {
            var data = await gateway.CallAsync(api, pathValues, body(new { start, limit = pageSize, sort = sortBy }), cancellationToken);
            var count = data.GetProperty("count").GetInt32();
            var page = data.GetProperty("info").EnumerateArray().ToList();
            all.AddRange(page);
            if (page.Count == 0 || start + pageSize >= count) return all;
        }
    }

    // CMDB may store several comma-separated addresses in one field; the first is the host's address.
    private static string Text(JsonElement host, string field) =>
        host.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!.Split(',', StringSplitOptions.TrimEntries)[0]
            : "";
}
