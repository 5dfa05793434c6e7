using Microsoft.EntityFrameworkCore;
using ReleaseConsole.Api.Data;
using ReleaseConsole.Api.Integrations.Sops;

namespace ReleaseConsole.Api.Releases;

/// <summary>
/// The one place that writes a task's observed SOPS state: the poller and the operator's actions both
/// come through here, one at a time, and every real change is published once.
/// </summary>
public sealed class TaskStateRecorder(
    IDbContextFactory<ReleaseConsoleDbContext> dbFactory,
    ReleaseTaskFeed feed,
    TimeProvider clock)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>
    /// Records what SOPS said at <paramref name="observedAt"/> (taken before the call). An observation
    /// older than the task's last recorded change is dropped: a poll that raced an operator's pause must
    /// not turn the task back to RUNNING for a round.
    /// </summary>
    public async Task<ReleaseTaskChange?> ApplyAsync(int releaseTaskId, SopsTaskStatus observed, DateTime observedAt, CancellationToken cancellationToken)
    {
        ReleaseTaskChange? changed;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var task = await db.ReleaseTasks.Include(t => t.Steps).SingleAsync(t => t.Id == releaseTaskId, cancellationToken);
            if (!task.Status.IsActive() || observedAt < task.UpdatedAt) return null; // terminal states are final; stale news is no news
            var statusChanged = task.Status != observed.State;
            var stepsChanged = MergeSteps(task, observed.Steps);
            if (!statusChanged && !stepsChanged) return null;

            task.Status = observed.State;
            task.UpdatedAt = observedAt; // when SOPS was asked, so that later answers can be ordered against it
            if (!observed.State.IsActive()) task.FinishedAt = observed.Steps.Max(s => s.FinishedAt) ?? clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
            changed = new ReleaseTaskChange(ReleaseTaskSummary.From(task), statusChanged);
        }
        finally
        {
            _gate.Release();
        }
        if (changed is not null) await feed.PublishAsync(changed);
        return changed;
    }

    /// <summary>Marks a task FAILED for a reason outside SOPS (it could not be started, or never got a SOPS id).</summary>
    public async Task<ReleaseTaskChange?> FailAsync(int releaseTaskId, string reason, CancellationToken cancellationToken)
    {
        ReleaseTaskChange changed;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var task = await db.ReleaseTasks.SingleAsync(t => t.Id == releaseTaskId, cancellationToken);
            if (!task.Status.IsActive()) return null;
            var now = clock.GetUtcNow().UtcDateTime;
            task.Status = ReleaseTaskStatus.Failed;
            task.Error = reason.Length > 1024 ? reason[..1024] : reason;
            task.UpdatedAt = now;
            task.FinishedAt = now;
            await db.SaveChangesAsync(cancellationToken);
            changed = new ReleaseTaskChange(ReleaseTaskSummary.From(task), StatusChanged: true);
        }
        finally
        {
            _gate.Release();
        }
        if (changed.Task.TaskId != 0) await feed.PublishAsync(changed); // a task with no SOPS id was never shown

        return changed;
    }

    private static bool MergeSteps(ReleaseTask task, IReadOnlyList<SopsStepStatus> observed)
    {
        var changed = false;
        foreach (var step in observed)
        {
            var stored = task.Steps.FirstOrDefault(s => s.Index == step.Index);
            if (stored is null)
            {
                task.Steps.Add(new ReleaseTaskStep
                {
                    Index = step.Index, Code = step.Code, Name = step.Name, State = step.State,
                    StartedAt = step.StartedAt, FinishedAt = step.FinishedAt,
                });
                changed = true;
            }
            else if (stored.State != step.State || stored.StartedAt != step.StartedAt || stored.FinishedAt != step.FinishedAt)
            {
                (stored.State, stored.StartedAt, stored.FinishedAt) = (step.State, step.StartedAt, step.FinishedAt);
                changed = true;
            }
        }
        return changed;
    }
}
