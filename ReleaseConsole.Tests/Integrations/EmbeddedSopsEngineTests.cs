using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ReleaseConsole.Api.Configuration;
using ReleaseConsole.Api.Data;
using ReleaseConsole.Api.Integrations.Embedded;
using ReleaseConsole.Api.Integrations.Sops;
using ReleaseConsole.Tests.Infrastructure;

namespace ReleaseConsole.Tests.Integrations;

/// <summary>The embedded SOPS on a fake clock: each step takes exactly <see cref="Step"/>.</summary>
public sealed class EmbeddedSopsEngineTests : IAsyncLifetime
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
    private readonly EmbeddedInventory _inventory = new(Options.Create(new EmbeddedOptions()));
    private TestDatabase _database = null!;
    private EmbeddedSopsEngine _engine = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _engine = NewEngine();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private EmbeddedSopsEngine NewEngine() =>
        new(_database, _inventory, Options.Create(new EmbeddedOptions { StepDuration = Step }), _clock);

    private async Task<long> StartAsync(string innerIp = "10.0.0.2", int cloudId = 0, int bizId = 3)
    {
        var id = await _engine.CreateTaskAsync(new SopsCreateTaskRequest(bizId, "release", innerIp, "203.0.113.1", cloudId), default);
        await _engine.StartTaskAsync(bizId, id, default);
        return id;
    }

    private Task<SopsTaskStatus> StatusAsync(long id, int bizId = 3) => _engine.GetTaskStatusAsync(bizId, id, default);

    [Fact]
    public async Task A_created_task_waits_and_a_started_one_runs_every_step_to_FINISHED()
    {
        var id = await _engine.CreateTaskAsync(new SopsCreateTaskRequest(3, "release", "10.0.0.2", "123.123.123.124", 0), default);
        Assert.Equal(ReleaseTaskStatus.Created, (await StatusAsync(id)).State);
        await _engine.StartTaskAsync(3, id, default);
        var started = _clock.GetUtcNow().UtcDateTime;

        _clock.Advance(Step * 2.5);
        var midway = await StatusAsync(id);
        Assert.Equal(ReleaseTaskStatus.Running, midway.State);
        Assert.Equal(["FINISHED", "FINISHED", "RUNNING", "READY", "READY"], midway.Steps.Select(s => s.State));

        _clock.Advance(Step * 3);
        var done = await StatusAsync(id);
        Assert.Equal(ReleaseTaskStatus.Finished, done.State);
        Assert.All(done.Steps, s => Assert.Equal("FINISHED", s.State));
        Assert.Equal(ReleaseTemplate.Steps.Select(s => s.Code), done.Steps.Select(s => s.Code));
        for (var i = 0; i < done.Steps.Count; i++)
        {
            Assert.Equal(started + Step * i, done.Steps[i].StartedAt);
            Assert.Equal(started + Step * (i + 1), done.Steps[i].FinishedAt);
        }
    }

    [Fact]
    public async Task A_host_marked_to_fail_fails_at_its_named_step()
    {
        var id = await StartAsync("10.0.0.9", 0, 2); // fail_at_step: health_check, the last step

        _clock.Advance(Step * 10);
        var status = await StatusAsync(id, 2);

        Assert.Equal(ReleaseTaskStatus.Failed, status.State);
        Assert.Equal(["FINISHED", "FINISHED", "FINISHED", "FINISHED", "FAILED"], status.Steps.Select(s => s.State));
        Assert.Equal("health_check", status.Steps[^1].Code);
    }

    [Fact]
    public async Task Pause_freezes_the_task_and_resume_continues_where_it_stopped()
    {
        var id = await StartAsync();
        _clock.Advance(Step * 1.5);
        await _engine.OperateTaskAsync(3, id, SopsOperation.Pause, default);

        _clock.Advance(TimeSpan.FromHours(1));
        var paused = await StatusAsync(id);
        Assert.Equal(ReleaseTaskStatus.Suspended, paused.State);
        Assert.Equal("SUSPENDED", paused.Steps[1].State);

        await _engine.OperateTaskAsync(3, id, SopsOperation.Resume, default);
        _clock.Advance(Step * 3.4); // 1.5 + 3.4 < 5 steps of running time
        Assert.Equal(ReleaseTaskStatus.Running, (await StatusAsync(id)).State);
        _clock.Advance(Step * 0.2);
        Assert.Equal(ReleaseTaskStatus.Finished, (await StatusAsync(id)).State);
    }

    [Fact]
    public async Task Revoke_ends_the_task_and_terminal_tasks_refuse_operations()
    {
        var id = await StartAsync();
        _clock.Advance(Step * 0.5);
        await _engine.OperateTaskAsync(3, id, SopsOperation.Revoke, default);

        _clock.Advance(Step * 10);
        var revoked = await StatusAsync(id);
        Assert.Equal(ReleaseTaskStatus.Revoked, revoked.State);
        Assert.Equal("REVOKED", revoked.Steps[0].State);

        await Assert.ThrowsAsync<SopsException>(() => _engine.OperateTaskAsync(3, id, SopsOperation.Resume, default));
        await Assert.ThrowsAsync<SopsException>(() => _engine.OperateTaskAsync(3, id, SopsOperation.Revoke, default));
        await Assert.ThrowsAsync<SopsException>(() => _engine.StartTaskAsync(3, id, default));
    }

    [Fact]
    public async Task Unknown_tasks_and_hosts_are_SOPS_errors()
    {
        await Assert.ThrowsAsync<SopsException>(() => StatusAsync(4242));
        await Assert.ThrowsAsync<SopsException>(() => _engine.CreateTaskAsync(new SopsCreateTaskRequest(3, "release", "192.0.2.1", "203.0.113.1", 0), default));
    }

    [Fact]
    public async Task State_lives_in_the_database_so_a_new_engine_carries_on()
    {
        var id = await StartAsync();
        _clock.Advance(Step * 2.5);
        await StatusAsync(id);

        _engine = NewEngine(); // as after a restart of the process
        _clock.Advance(Step * 3);

        Assert.Equal(ReleaseTaskStatus.Finished, (await StatusAsync(id)).State);
    }
}
