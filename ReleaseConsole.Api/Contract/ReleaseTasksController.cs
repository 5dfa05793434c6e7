using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using ReleaseConsole.Api.Common;
using ReleaseConsole.Api.Configuration;
using ReleaseConsole.Api.Data;
using ReleaseConsole.Api.Releases;

namespace ReleaseConsole.Api.Contract;

public sealed class ReleaseTasksController(
    ReleaseService releases,
    TaskQueryService tasks,
    IOptions<ReleaseConsoleOptions> options) : ContractController
{
    /// <summary>API-03</summary>
    [HttpPost("/release_task/")]
    public async Task<IActionResult> Create(CancellationToken cancellationToken)
    {
        var body = await ContractParameters.ReadJsonObjectAsync(Request, cancellationToken);
        var request = new ReleaseRequest(
            ContractParameters.RequiredInt(body, "bk_biz_id"),
            ContractParameters.RequiredString(body, "bk_host_innerip"),
            ContractParameters.RequiredString(body, "bk_host_outerip"),
            ContractParameters.RequiredInt(body, "bk_cloud_id"));
        var taskId = await releases.ReleaseAsync(request, cancellationToken);
        return Envelope(new CreatedTaskItem(taskId));
    }

    /// <summary>API-04, with the optional filters bk_biz_id, bk_host_innerip, page and page_size.</summary>
    [HttpGet("/release_task/")]
    public async Task<IActionResult> List(CancellationToken cancellationToken)
    {
        var query = Request.Query;
        ReleaseTaskStatus? status = null;
        if (ContractParameters.OptionalQuery(query, "status") is { Length: > 0 } statusText)
        {
            status = ReleaseTaskStatusExtensions.TryParseContract(statusText, out var parsed)
                ? parsed
                : throw ReleaseConsoleException.BadParameter("status",
                    $"取值 '{statusText}' 无效，应为 {string.Join(", ", ReleaseTaskStatusExtensions.All.Select(s => s.ToContractString()))} 之一");
        }
        var innerIp = ContractParameters.OptionalQuery(query, "bk_host_innerip") is { Length: > 0 } ip
            ? IpAddresses.RequireIPv4(ip, "bk_host_innerip")
            : null;
        var page = ContractParameters.OptionalQueryInt(query, "page");
        if (page < 1) throw ReleaseConsoleException.BadParameter("page", "必须大于等于 1");
        var pageSize = ContractParameters.OptionalQueryInt(query, "page_size");
        if (pageSize is < 1 or > TaskQueryService.MaxPageSize)
        {
            throw ReleaseConsoleException.BadParameter("page_size", $"必须在 1 到 {TaskQueryService.MaxPageSize} 之间");
        }

        var list = await tasks.ListAsync(
            new ReleaseTaskQuery(status, ContractParameters.OptionalQueryInt(query, "bk_biz_id"), innerIp, page, pageSize),
            cancellationToken);
        var zone = options.Value.ResolveTimeZone();
        return Envelope(list.Select(t => TaskItem.From(t, zone)));
    }
}
