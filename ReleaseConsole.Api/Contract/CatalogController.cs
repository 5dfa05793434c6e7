using Microsoft.AspNetCore.Mvc;
using ReleaseConsole.Api.Catalog;

namespace ReleaseConsole.Api.Contract;

public sealed class CatalogController(CatalogService catalog) : ContractController
{
    /// <summary>API-01</summary>
    [HttpGet("/business/")]
    public async Task<IActionResult> Businesses(CancellationToken cancellationToken) =>
        Envelope((await catalog.GetBusinessesAsync(cancellationToken)).Select(b => new BusinessItem(b.BizId, b.BizName)));

    /// <summary>API-02</summary>
    [HttpGet("/host/")]
    public async Task<IActionResult> Hosts(CancellationToken cancellationToken)
    {
        var bizId = ContractParameters.RequiredQueryInt(Request.Query, "bk_biz_id");
        var hosts = await catalog.GetHostsAsync(bizId, cancellationToken);
        return Envelope(hosts.Select(h => new HostItem(h.InnerIp, h.OuterIp, h.CloudId)));
    }
}
