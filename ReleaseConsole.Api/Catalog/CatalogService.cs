using ReleaseConsole.Api.Common;
using ReleaseConsole.Api.Integrations.Cmdb;

namespace ReleaseConsole.Api.Catalog;

/// <summary>Businesses and hosts, as CMDB knows them.</summary>
public sealed class CatalogService(ICmdbClient cmdb, ILogger<CatalogService> logger)
{
    public Task<IReadOnlyList<CmdbBusiness>> GetBusinessesAsync(CancellationToken cancellationToken) =>
        CallCmdbAsync(() => cmdb.GetBusinessesAsync(cancellationToken));

    /// <summary>The hosts of a business; 5501004 when CMDB has no such business.</summary>
    public async Task<IReadOnlyList<CmdbHost>> GetHostsAsync(int bizId, CancellationToken cancellationToken)
    {
        var businesses = await GetBusinessesAsync(cancellationToken);
        if (businesses.All(b => b.BizId != bizId))
        {
            throw new ReleaseConsoleException(ErrorCodes.UnknownBusiness, $"业务不存在：bk_biz_id={bizId}");
        }
        return await CallCmdbAsync(() => cmdb.GetHostsAsync(bizId, cancellationToken));
    }

    /// <summary>The host (inner IP, cloud id) of a business; 5501003 when the business has no such host.</summary>
    public async Task<CmdbHost> GetHostAsync(int bizId, string innerIp, int cloudId, CancellationToken cancellationToken)
    {
        var hosts = await GetHostsAsync(bizId, cancellationToken);
        return hosts.FirstOrDefault(h => h.InnerIp == innerIp && h.CloudId == cloudId)
            ?? throw new ReleaseConsoleException(ErrorCodes.HostNotInBusiness,
                $"主机不属于该业务：业务 {bizId} 中没有内网IP为 {innerIp}、云区域为 {cloudId} 的主机");
    }

    private async Task<T> CallCmdbAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (e is not (OperationCanceledException or ReleaseConsoleException))
        {
            logger.LogWarning(e, "CMDB call failed");
            throw ReleaseConsoleException.Upstream("CMDB", e.Message, e);
        }
    }
}
