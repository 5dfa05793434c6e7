using ReleaseConsole.Api.Data;

namespace ReleaseConsole.Api.Releases;

/// <summary>What pages, routes and the hub know of a release task.</summary>
public sealed record ReleaseTaskSummary(
    int Id,
    long TaskId,
    int BizId,
    string Operator,
    string InnerIp,
    string OuterIp,
    int CloudId,
    ReleaseTaskStatus Status,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    string? Error)
{
    internal static ReleaseTaskSummary From(ReleaseTask task) =>
        new(task.Id, task.SopsTaskId ?? 0, task.BizId, task.Operator, task.InnerIp, task.OuterIp, task.CloudId,
            task.Status, task.CreatedAt, task.UpdatedAt, task.Error);
}

public sealed record ReleaseTaskStepView(int Index, string Code, string Name, string State, DateTime? StartedAt, DateTime? FinishedAt);

public sealed record ReleaseTaskDetail(ReleaseTaskSummary Task, IReadOnlyList<ReleaseTaskStepView> Steps, DateTime? FinishedAt);

/// <summary>Filters of the task list; every one optional (absent = the contract's unfiltered list).</summary>
public sealed record ReleaseTaskQuery(
    ReleaseTaskStatus? Status = null,
    int? BizId = null,
    string? InnerIp = null,
    int? Page = null,
    int? PageSize = null);

public sealed record ReleaseRequest(int BizId, string InnerIp, string OuterIp, int CloudId);
