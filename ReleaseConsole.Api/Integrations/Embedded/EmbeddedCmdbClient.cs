using ReleaseConsole.Api.Integrations.Cmdb;

namespace ReleaseConsole.Api.Integrations.Embedded;

/// <summary>CMDB answered from the embedded inventory.</summary>
internal sealed class EmbeddedCmdbClient(EmbeddedInventory inventory) : ICmdbClient
{
    public Task<IReadOnlyList<CmdbBusiness>> GetBusinessesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CmdbBusiness>>(
            inventory.Businesses.OrderBy(b => b.BizId).Select(b => new CmdbBusiness(b.BizId, b.BizName)).ToList());

    public Task<IReadOnlyList<CmdbHost>> GetHostsAsync(int bizId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CmdbHost>>(
            inventory.Businesses.FirstOrDefault(b => b.BizId == bizId)?.Hosts
                .Select(h => new CmdbHost(h.InnerIp, h.OuterIp, h.CloudId, h.HostName)).ToList() ?? []);
}
