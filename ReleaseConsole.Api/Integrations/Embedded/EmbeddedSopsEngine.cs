using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReleaseConsole.Api.Configuration;
using ReleaseConsole.Api.Data;
using ReleaseConsole.Api.Integrations.Sops;

namespace ReleaseConsole.Api.Integrations.Embedded;

/// <summary>A task of the embedded SOPS, persisted so that it survives a restart of the console.</summary>
public sealed class SimulatedSopsTask
{
    public long Id { get; set; }
    public int BizId { get; set; }
    public required string Name { get; set; }
    public required string InnerIp { get; set; }
    public int CloudId { get; set; }
    public ReleaseTaskStatus State { get; set; }

    /// <summary>Fixed at creation so that a change of <c>Embedded:StepDuration</c> does not rewrite running tasks.</summary>
    public long StepDurationMs { get; set; }

    public int? FailAtStep { get; set; }
    public int CurrentStep { get; set; }

    /// <summary>When the current step last started or resumed running; null while not running.</summary>
    public DateTime? CurrentStepResumedAt { get; set; }

    /// <summary>Time the current step had already run before its last pause.</summary>
    public long CurrentStepElapsedMs { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public List<SimulatedSopsStep> Steps { get; set; } = [];
}

public sealed class SimulatedSopsStep
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string State { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
}

/// <summary>
/// An in-process SOPS: runs the release template step by step on the wall clock. Its state is the
/// database row, advanced exactly (to the millisecond a step ends) whenever it is read or operated,
/// so time keeps flowing while the console is down, as it would in a real SOPS.
/// </summary>
internal sealed class EmbeddedSopsEngine(
    IDbContextFactory<ReleaseConsoleDbContext> dbFactory,
    EmbeddedInventory inventory,
    IOptions<EmbeddedOptions> options,
    TimeProvider clock) : ISopsClient
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<long> CreateTaskAsync(SopsCreateTaskRequest request, CancellationToken cancellationToken)
    {
        var host = inventory.FindHost(request.InnerIp, request.CloudId)
            ?? throw new SopsException($"host {request.InnerIp} (cloud {request.CloudId}) is not in the CMDB");
        var failAt = host.FailAtStep is null ? (int?)null : ReleaseTemplate.Steps.ToList().FindIndex(s => s.Code == host.FailAtStep);
        var task = new SimulatedSopsTask
        {
            BizId = request.BizId,
            Name = request.TaskName,
            InnerIp = request.InnerIp,
            CloudId = request.CloudId,
            State = ReleaseTaskStatus.Created,
            StepDurationMs = (long)options.Value.StepDuration.TotalMilliseconds,
            FailAtStep = failAt,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            Steps = ReleaseTemplate.Steps.Select(s => new SimulatedSopsStep { Code = s.Code, Name = s.Name, State = "READY" }).ToList(),
        };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.SimulatedSopsTasks.Add(task);
        await db.SaveChangesAsync(cancellationToken);
        return task.Id;
    }

    public Task StartTaskAsync(int bizId, long taskId, CancellationToken cancellationToken) =>
        MutateAsync(bizId, taskId, (task, now) =>
        {
            if (task.State != ReleaseTaskStatus.Created) throw new SopsException($"task {taskId} is already started");
            task.State = ReleaseTaskStatus.Running;
            task.CurrentStep = 0;
            task.CurrentStepResumedAt = now;
            task.Steps[0].State = "RUNNING";
            task.Steps[0].StartedAt = now;
        }, cancellationToken);

    public async Task<SopsTaskStatus> GetTaskStatusAsync(int bizId, long taskId, CancellationToken cancellationToken)
    {
        SopsTaskStatus? status = null;
        await MutateAsync(bizId, taskId, (task, _) => status = ToStatus(task), cancellationToken);
        return status!;
    }

    public Task OperateTaskAsync(int bizId, long taskId, SopsOperation operation, CancellationToken cancellationToken) =>
        MutateAsync(bizId, taskId, (task, now) =>
        {
            var step = task.Steps[Math.Min(task.CurrentStep, task.Steps.Count - 1)];
            switch (operation)
            {
                case SopsOperation.Pause when task.State == ReleaseTaskStatus.Running:
                    task.CurrentStepElapsedMs += (long)(now - task.CurrentStepResumedAt!.Value).TotalMilliseconds;
                    task.CurrentStepResumedAt = null;
                    task.State = ReleaseTaskStatus.Suspended;
                    step.State = "SUSPENDED";
                    break;
                case SopsOperation.Resume when task.State == ReleaseTaskStatus.Suspended:
                    task.CurrentStepResumedAt = now;
                    task.State = ReleaseTaskStatus.Running;
                    step.State = "RUNNING";
                    break;
                case SopsOperation.Revoke when task.State.IsActive():
                    task.State = ReleaseTaskStatus.Revoked;
                    task.FinishedAt = now;
                    task.CurrentStepResumedAt = null;
                    if (step.State is "RUNNING" or "SUSPENDED")
                    {
                        step.State = "REVOKED";
                        step.FinishedAt = now;
                    }
                    break;
                default:
                    throw new SopsException($"task {taskId} is {task.State.ToContractString()} and cannot be {operation.ToString().ToLowerInvariant()}d");
            }
        }, cancellationToken);

    private async Task MutateAsync(int bizId, long taskId, Action<SimulatedSopsTask, DateTime> change, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var task = await db.SimulatedSopsTasks.SingleOrDefaultAsync(t => t.Id == taskId && t.BizId == bizId, cancellationToken)
                ?? throw new SopsException($"task {taskId} of business {bizId} does not exist");
            var now = clock.GetUtcNow().UtcDateTime;
            Advance(task, now);
            change(task, now);
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Plays the task forward to <paramref name="now"/>, recording each step's end at the moment it happened.</summary>
    private static void Advance(SimulatedSopsTask task, DateTime now)
    {
        while (task.State == ReleaseTaskStatus.Running)
        {
            var stepEnd = task.CurrentStepResumedAt!.Value.AddMilliseconds(task.StepDurationMs - task.CurrentStepElapsedMs);
            if (stepEnd > now) return;
            var step = task.Steps[task.CurrentStep];
            step.FinishedAt = stepEnd;
            if (task.FailAtStep == task.CurrentStep)
            {
                step.State = "FAILED";
                task.State = ReleaseTaskStatus.Failed;
                task.FinishedAt = stepEnd;
                task.CurrentStepResumedAt = null;
                return;
            }
            step.State = "FINISHED";
            task.CurrentStep++;
            task.CurrentStepElapsedMs = 0;
            if (task.CurrentStep == task.Steps.Count)
            {
                task.State = ReleaseTaskStatus.Finished;
                task.FinishedAt = stepEnd;
                task.CurrentStepResumedAt = null;
                return;
            }
            task.CurrentStepResumedAt = stepEnd;
            task.Steps[task.CurrentStep].State = "RUNNING";
            task.Steps[task.CurrentStep].StartedAt = stepEnd;
        }
    }

    private static SopsTaskStatus ToStatus(SimulatedSopsTask task) =>
        new(task.State, task.Steps.Select((s, i) => new SopsStepStatus(i, s.Code, s.Name, s.State, s.StartedAt, s.FinishedAt)).ToList());
}
