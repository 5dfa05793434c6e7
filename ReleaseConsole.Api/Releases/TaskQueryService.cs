using Microsoft.EntityFrameworkCore;
using ReleaseConsole.Api.Data;

namespace ReleaseConsole.Api.Releases;

/// <summary>Reads release tasks: the list (API-04), one task with its steps, the latest task per host.</summary>
public sealed class TaskQueryService(IDbContextFactory<ReleaseConsoleDbContext> dbFactory)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 1000;

    public async Task<IReadOnlyList<ReleaseTaskSummary>> ListAsync(ReleaseTaskQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var tasks = db.ReleaseTasks.AsNoTracking().Where(t => t.SopsTaskId != null);
        if (query.Status is { } status) tasks = tasks.Where(t => t.Status == status);
        if (query.BizId is { } bizId) tasks = tasks.Where(t => t.BizId == bizId);
        if (query.InnerIp is { } innerIp) tasks = tasks.Where(t => t.InnerIp == innerIp);
        tasks = tasks.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id);
        if (query.Page is not null || query.PageSize is not null)
        {
            var size = query.PageSize ?? DefaultPageSize;
            tasks = tasks.Skip(((query.Page ?? 1) - 1) * size).Take(size);
        }
        return (await tasks.ToListAsync(cancellationToken)).Select(ReleaseTaskSummary.From).ToList();
    }

    public async Task<ReleaseTaskDetail?> GetAsync(long taskId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var task = await db.ReleaseTasks.AsNoTracking().Include(t => t.Steps)
            .SingleOrDefaultAsync(t => t.SopsTaskId == taskId, cancellationToken);
        return task is null
            ? null
            : new ReleaseTaskDetail(
                ReleaseTaskSummary.From(task),
                task.Steps.OrderBy(s => s.Index)
                    .Select(s => new ReleaseTaskStepView(s.Index, s.Code, s.Name, s.State, s.StartedAt, s.FinishedAt)).ToList(),
                task.FinishedAt);
    }

    /// <summary>The newest task of each of the given hosts, keyed by (inner IP, cloud id).</summary>
    public async Task<IReadOnlyDictionary<(string InnerIp, int CloudId), ReleaseTaskSummary>> GetLatestByHostAsync(
        IEnumerable<(string InnerIp, int CloudId)> hosts, CancellationToken cancellationToken)
    {
        var wanted = hosts.ToHashSet();
        var innerIps = wanted.Select(h => h.InnerIp).Distinct().ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var latestIds = db.ReleaseTasks
            .Where(t => t.SopsTaskId != null && innerIps.Contains(t.InnerIp))
            .GroupBy(t => new { t.InnerIp, t.CloudId })
            .Select(g => g.Max(t => t.Id));
        var latest = await db.ReleaseTasks.AsNoTracking().Where(t => latestIds.Contains(t.Id)).ToListAsync(cancellationToken);
        return latest.Where(t => wanted.Contains((t.InnerIp, t.CloudId)))
            .ToDictionary(t => (t.InnerIp, t.CloudId), ReleaseTaskSummary.From);
    }

    /// <summary>Whether the host with this outer IP has a FINISHED release (API-05, API-06).</summary>
    public async Task<bool> HasFinishedReleaseAsync(string outerIp, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ReleaseTasks.AnyAsync(t => t.OuterIp == outerIp && t.Status == ReleaseTaskStatus.Finished, cancellationToken);
    }
}
