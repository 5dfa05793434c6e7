namespace ReleaseConsole.Api.Integrations.Cmdb;

public sealed record CmdbBusiness(int BizId, string BizName);

public sealed record CmdbHost(string InnerIp, string OuterIp, int CloudId, string? HostName = null);

/// <summary>BlueKing CMDB (配置平台): <c>search_business</c> and <c>list_biz_hosts</c>.</summary>
public interface ICmdbClient
{
    Task<IReadOnlyList<CmdbBusiness>> GetBusinessesAsync(CancellationToken cancellationToken);

    /// <summary>All hosts of a business, every page read; empty for a business with no hosts.</summary>
    Task<IReadOnlyList<CmdbHost>> GetHostsAsync(int bizId, CancellationToken cancellationToken);
}
