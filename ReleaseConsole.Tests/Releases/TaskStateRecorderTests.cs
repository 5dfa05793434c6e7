using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ReleaseConsole.Api.Data;
using ReleaseConsole.Api.Integrations.Sops;
using ReleaseConsole.Api.Releases;
using ReleaseConsole.Tests.Infrastructure;

namespace ReleaseConsole.Tests.Releases;

public sealed class TaskStateRecorderTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly List<ReleaseTaskChange> _published = [];

    private async Task<(TaskStateRecorder Recorder, TestDatabase Db, int Id)> ArrangeAsync()
    {
        var db = await TestDatabase.CreateAsync();
        var feed = new ReleaseTaskFeed(NullLogger<ReleaseTaskFeed>.Instance);
        feed.Subscribe(c =>
        {
            _published.Add(c);
            return Task.CompletedTask;
        });
        var now = _clock.GetUtcNow().UtcDateTime;
        var task = new ReleaseTask
        {
            SopsTaskId = 5, BizId = 2, InnerIp = "10.0.0.1", OuterIp = "123.123.123.123", CloudId = 1, Operator = "admin",
            Status = ReleaseTaskStatus.Running, CreatedAt = now, UpdatedAt = now,
        };
        await using (var context = db.CreateDbContext())
        {
            context.ReleaseTasks.Add(task);
            await context.SaveChangesAsync();
        }
        return (new TaskStateRecorder(db, feed, _clock), db, task.Id);
    }

    private static SopsTaskStatus Status(ReleaseTaskStatus state, string stepState) =>
        new(state, [new SopsStepStatus(0, "check_host", "检查主机", stepState, new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc), null)]);

    [Fact]
    public async Task A_change_is_stored_and_published_once()
    {
        var (recorder, db, id) = await ArrangeAsync();
        _clock.Advance(TimeSpan.FromSeconds(2));
        var seen = _clock.GetUtcNow().UtcDateTime;

        await recorder.ApplyAsync(id, Status(ReleaseTaskStatus.Suspended, "SUSPENDED"), seen, default);
        await recorder.ApplyAsync(id, Status(ReleaseTaskStatus.Suspended, "SUSPENDED"), seen, default); // nothing new

        var change = Assert.Single(_published);
        Assert.True(change.StatusChanged);
        Assert.Equal(ReleaseTaskStatus.Suspended, change.Task.Status);
        await using var context = db.CreateDbContext();
        Assert.Equal("SUSPENDED", Assert.Single(context.ReleaseTaskSteps).State);
    }

    [Fact]
    public async Task An_observation_older_than_the_last_change_is_dropped()
    {
        var (recorder, db, id) = await ArrangeAsync();
        var pollStarted = _clock.GetUtcNow().UtcDateTime.AddSeconds(1);
        _clock.Advance(TimeSpan.FromSeconds(2));
        await recorder.ApplyAsync(id, Status(ReleaseTaskStatus.Suspended, "SUSPENDED"), _clock.GetUtcNow().UtcDateTime, default); // the pause
        _clock.Advance(TimeSpan.FromSeconds(1));

        var stale = await recorder.ApplyAsync(id, Status(ReleaseTaskStatus.Running, "RUNNING"), pollStarted, default);

        Assert.Null(stale);
        Assert.Equal([ReleaseTaskStatus.Suspended], _published.Select(p => p.Task.Status));
        await using var context = db.CreateDbContext();
        Assert.Equal(ReleaseTaskStatus.Suspended, context.ReleaseTasks.Single().Status);
    }

    [Fact]
    public async Task A_finished_task_stays_finished()
    {
        var (recorder, _, id) = await ArrangeAsync();
        _clock.Advance(TimeSpan.FromSeconds(1));
        await recorder.ApplyAsync(id, Status(ReleaseTaskStatus.Finished, "FINISHED"), _clock.GetUtcNow().UtcDateTime, default);
        _clock.Advance(TimeSpan.FromSeconds(1));

        var later = await recorder.ApplyAsync(id, Status(ReleaseTaskStatus.Running, "RUNNING"), _clock.GetUtcNow().UtcDateTime, default);

        Assert.Null(later);
        Assert.Equal([ReleaseTaskStatus.Finished], _published.Select(p => p.Task.Status));
    }
}
