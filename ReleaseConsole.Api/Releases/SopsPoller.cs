using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReleaseConsole.Api.Common;
using ReleaseConsole.Api.Configuration;
using ReleaseConsole.Api.Data;
using ReleaseConsole.Api.Integrations.Sops;

namespace ReleaseConsole.Api.Releases;

/// <summary>
/// Asks SOPS for the state of every active task every <c>Sops:PollInterval</c> and records changes.
/// Active tasks are read from the database, so a restart picks up where the last process stopped.
/// </summary>
public sealed class SopsPoller(
    IDbContextFactory<ReleaseConsoleDbContext> dbFactory,
    ISopsClient sops,
    TaskStateRecorder recorder,
    IOptions<SopsOptions> options,
    TimeProvider clock,
    ILogger<SopsPoller> logger) : PeriodicWorker(clock, logger)
{
    protected override TimeSpan Interval => options.Value.PollInterval;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => PollOnceAsync(cancellationToken);

    public async Task PollOnceAsync(CancellationToken cancellationToken)
    {
        List<ReleaseTask> active;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            active = await db.ReleaseTasks.AsNoTracking()
                .Where(t => t.Status == ReleaseTaskStatus.Created || t.Status == ReleaseTaskStatus.Running || t.Status == ReleaseTaskStatus.Suspended)
                .ToListAsync(cancellationToken);
        }
        var orphanBefore = Clock.GetUtcNow().UtcDateTime - options.Value.OrphanTimeout;
        foreach (var task in active)
        {
            if (task.SopsTaskId is not { } sopsTaskId)
            {
                if (task.CreatedAt < orphanBefore)
                {
                    await recorder.FailAsync(task.Id, "创建 SOPS 任务时进程中断，任务未创建", cancellationToken);
                }
                continue;
            }
            try
            {
                var observedAt = Clock.GetUtcNow().UtcDateTime;
                var status = await sops.GetTaskStatusAsync(task.BizId, sopsTaskId, cancellationToken);
                await recorder.ApplyAsync(task.Id, status, observedAt, cancellationToken);
            }
            catch (SopsException e)
            {
                logger.LogWarning(e, "SOPS get_task_status failed for task {TaskId}", sopsTaskId);
            }
        }
    }
}
