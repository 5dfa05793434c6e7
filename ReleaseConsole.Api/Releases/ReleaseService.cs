using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ReleaseConsole.Api.Catalog;
using ReleaseConsole.Api.Common;
using ReleaseConsole.Api.Data;
using ReleaseConsole.Api.Integrations.Embedded;
using ReleaseConsole.Api.Integrations.Sops;

namespace ReleaseConsole.Api.Releases;

/// <summary>Starts releases and operates running ones (pause, resume, revoke).</summary>
public sealed class ReleaseService(
    IDbContextFactory<ReleaseConsoleDbContext> dbFactory,
    CatalogService catalog,
    ISopsClient sops,
    TaskStateRecorder recorder,
    ReleaseTaskFeed feed,
    IOperatorAccessor operatorAccessor,
    TimeProvider clock,
    ILogger<ReleaseService> logger)
{
    /// <summary>Releases onto one host and returns the SOPS task id.</summary>
    public async Task<long> ReleaseAsync(ReleaseRequest request, CancellationToken cancellationToken)
    {
        IpAddresses.RequireIPv4(request.InnerIp, "bk_host_innerip");
        IpAddresses.RequireIPv4(request.OuterIp, "bk_host_outerip");
        var host = await catalog.GetHostAsync(request.BizId, request.InnerIp, request.CloudId, cancellationToken);
        if (host.OuterIp != request.OuterIp)
        {
            throw ReleaseConsoleException.BadParameter("bk_host_outerip",
                $"与 CMDB 记录不符：主机 {request.InnerIp}（云区域 {request.CloudId}）的外网IP为 '{host.OuterIp}'");
        }

        var task = await ReserveHostAsync(request, cancellationToken);
        long sopsTaskId;
        try
        {
            sopsTaskId = await sops.CreateTaskAsync(
                new SopsCreateTaskRequest(request.BizId, $"{ReleaseTemplate.Name}-{request.InnerIp}-{clock.GetUtcNow():yyyyMMddHHmmss}", request.InnerIp, request.OuterIp, request.CloudId),
                cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Nothing was created in SOPS: give the host back so that the operator can simply try again.
            await ReleaseReservationAsync(task.Id);
            logger.LogWarning(e, "SOPS create_task failed for {InnerIp} (cloud {CloudId})", request.InnerIp, request.CloudId);
            throw ReleaseConsoleException.Upstream("SOPS", $"创建任务失败：{e.Message}", e);
        }

        await using (var db = await dbFactory.CreateDbContextAsync(CancellationToken.None))
        {
            db.Attach(task);
            task.SopsTaskId = sopsTaskId;
            await db.SaveChangesAsync(CancellationToken.None);
        }
        await feed.PublishAsync(new ReleaseTaskChange(ReleaseTaskSummary.From(task), StatusChanged: true));

        try
        {
            await sops.StartTaskAsync(request.BizId, sopsTaskId, CancellationToken.None);
        }
        catch (Exception e)
        {
            // start_task is never retried blindly: it may have started. The poller records what SOPS says;
            // a task that stays CREATED can be revoked from the task list.
            logger.LogWarning(e, "SOPS start_task failed for task {TaskId}", sopsTaskId);
            throw ReleaseConsoleException.Upstream("SOPS", $"任务 {sopsTaskId} 已创建但启动失败：{e.Message}", e);
        }
        await RefreshAsync(task.Id, request.BizId, sopsTaskId, CancellationToken.None);
        return sopsTaskId;
    }

    public Task PauseAsync(long taskId, CancellationToken cancellationToken) =>
        OperateAsync(taskId, SopsOperation.Pause, s => s == ReleaseTaskStatus.Running, "暂停", cancellationToken);

    public Task ResumeAsync(long taskId, CancellationToken cancellationToken) =>
        OperateAsync(taskId, SopsOperation.Resume, s => s == ReleaseTaskStatus.Suspended, "继续", cancellationToken);

    public Task RevokeAsync(long taskId, CancellationToken cancellationToken) =>
        OperateAsync(taskId, SopsOperation.Revoke, s => s.IsActive(), "撤销", cancellationToken);

    private async Task OperateAsync(long taskId, SopsOperation operation, Func<ReleaseTaskStatus, bool> allowed, string verb, CancellationToken cancellationToken)
    {
        ReleaseTask task;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            task = await db.ReleaseTasks.AsNoTracking().SingleOrDefaultAsync(t => t.SopsTaskId == taskId, cancellationToken)
                ?? throw ReleaseConsoleException.BadParameter("task_id", $"任务不存在：{taskId}");
        }
        if (!allowed(task.Status))
        {
            throw ReleaseConsoleException.BadParameter("task_id", $"任务 {taskId} 当前状态为 {task.Status.ToContractString()}，不能{verb}");
        }
        try
        {
            await sops.OperateTaskAsync(task.BizId, taskId, operation, cancellationToken);
        }
        catch (SopsException e)
        {
            throw ReleaseConsoleException.Upstream("SOPS", $"{verb}任务 {taskId} 失败：{e.Message}", e);
        }
        await RefreshAsync(task.Id, task.BizId, taskId, cancellationToken);
    }

    private async Task RefreshAsync(int releaseTaskId, int bizId, long sopsTaskId, CancellationToken cancellationToken)
    {
        try
        {
            var observedAt = clock.GetUtcNow().UtcDateTime;
            var status = await sops.GetTaskStatusAsync(bizId, sopsTaskId, cancellationToken);
            await recorder.ApplyAsync(releaseTaskId, status, observedAt, cancellationToken);
        }
        catch (SopsException e)
        {
            // The operation went through; the poller will record the state on its next round.
            logger.LogWarning(e, "SOPS get_task_status failed for task {TaskId}", sopsTaskId);
        }
    }

    /// <summary>Inserts the CREATED row; the partial unique index refuses a second active task for the host.</summary>
    private async Task<ReleaseTask> ReserveHostAsync(ReleaseRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var task = new ReleaseTask
        {
            BizId = request.BizId,
            InnerIp = request.InnerIp,
            OuterIp = request.OuterIp,
            CloudId = request.CloudId,
            Operator = operatorAccessor.CurrentOperator,
            Status = ReleaseTaskStatus.Created,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.ReleaseTasks.Add(task);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is SqliteException { SqliteExtendedErrorCode: 2067 /* SQLITE_CONSTRAINT_UNIQUE */ })
        {
            throw new ReleaseConsoleException(ErrorCodes.HostHasActiveTask, ErrorCodes.HostHasActiveTaskMessage);
        }
        db.Entry(task).State = EntityState.Detached;
        return task;
    }

    private async Task ReleaseReservationAsync(int releaseTaskId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.ReleaseTasks.Where(t => t.Id == releaseTaskId && t.SopsTaskId == null).ExecuteDeleteAsync();
    }
}
