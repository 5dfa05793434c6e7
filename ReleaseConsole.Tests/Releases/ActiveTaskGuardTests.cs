using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ReleaseConsole.Api.Common;
using ReleaseConsole.Api.Data;
using ReleaseConsole.Api.Releases;
using ReleaseConsole.Tests.Infrastructure;

namespace ReleaseConsole.Tests.Releases;

/// <summary>The one-active-task-per-host rule, with steps long enough that tasks stay RUNNING.</summary>
public sealed class ActiveTaskGuardTests(ActiveTaskGuardTests.SlowStepsFactory factory) : IClassFixture<ActiveTaskGuardTests.SlowStepsFactory>
{
    public sealed class SlowStepsFactory() : ReleaseConsoleFactory(TestDirectory.Create(), new Dictionary<string, string?>
    {
        ["Embedded:StepDuration"] = "00:10:00",
    });

    private static object Host(int bizId, string innerIp, string outerIp, int cloudId) =>
        new { bk_biz_id = bizId, bk_host_innerip = innerIp, bk_host_outerip = outerIp, bk_cloud_id = cloudId };

    [Fact]
    public async Task Many_parallel_releases_of_one_host_create_exactly_one_task()
    {
        using var client = factory.CreateClient();
        var body = Host(2, "10.0.0.1", "123.123.123.123", 1);

        var responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => client.PostAsJsonAsync("/release_task/", body)));
        var answers = await Task.WhenAll(responses.Select(r => ContractAssert.EnvelopeAsync(r)));

        var created = Assert.Single(answers, a => a.GetProperty("result").GetBoolean());
        Assert.All(answers.Where(a => !a.GetProperty("result").GetBoolean()), a =>
        {
            Assert.Equal(ErrorCodes.HostHasActiveTask, a.GetProperty("code").GetInt32());
            Assert.Equal("创建发布任务失败：当前主机存在未完成的任务", a.GetProperty("message").GetString());
        });
        var tasks = await ContractAssert.SuccessAsync(await client.GetAsync("/release_task/?bk_host_innerip=10.0.0.1"));
        var only = Assert.Single(tasks.EnumerateArray(), t => t.GetProperty("bk_cloud_id").GetInt32() == 1);
        Assert.Equal(created.GetProperty("data").GetProperty("task_id").GetInt64(), only.GetProperty("task_id").GetInt64());
        Assert.Equal("RUNNING", only.GetProperty("status").GetString());

        // The same inner IP in cloud 0 (business 3) is another host and may be released meanwhile.
        var other = await ContractAssert.SuccessAsync(await client.PostAsJsonAsync("/release_task/", Host(3, "10.0.0.1", "123.123.123.125", 0)));
        Assert.True(other.GetProperty("task_id").GetInt64() > 0);
    }

    [Fact]
    public async Task Pause_keeps_the_host_busy_resume_runs_on_and_revoke_frees_it()
    {
        var taskId = await factory.ReleaseAsync(5, "10.5.1.17", "123.123.0.143", 0);
        using var scope = factory.Services.CreateScope();
        var releases = scope.ServiceProvider.GetRequiredService<ReleaseService>();
        using var client = factory.CreateClient();
        var again = Host(5, "10.5.1.17", "123.123.0.143", 0);

        await releases.PauseAsync(taskId, CancellationToken.None);
        await factory.WaitForStatusAsync(taskId, ReleaseTaskStatus.Suspended);
        await ContractAssert.ErrorAsync(await client.PostAsJsonAsync("/release_task/", again), ErrorCodes.HostHasActiveTask);

        var refused = await Assert.ThrowsAsync<ReleaseConsoleException>(() => releases.PauseAsync(taskId, CancellationToken.None));
        Assert.Equal(ErrorCodes.BadParameter, refused.Code);

        await releases.ResumeAsync(taskId, CancellationToken.None);
        await factory.WaitForStatusAsync(taskId, ReleaseTaskStatus.Running);

        await releases.RevokeAsync(taskId, CancellationToken.None);
        await factory.WaitForStatusAsync(taskId, ReleaseTaskStatus.Revoked);
        var next = await ContractAssert.SuccessAsync(await client.PostAsJsonAsync("/release_task/", again));
        Assert.NotEqual(taskId, next.GetProperty("task_id").GetInt64());
    }

    [Fact]
    public async Task The_database_itself_refuses_a_second_active_task_for_a_host()
    {
        var dbFactory = factory.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<ReleaseConsoleDbContext>>();
        ReleaseTask Row(int cloudId) => new()
        {
            InnerIp = "192.0.2.10", OuterIp = "198.51.100.10", CloudId = cloudId, Operator = "test",
            Status = ReleaseTaskStatus.Running, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
        };
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            db.ReleaseTasks.AddRange(Row(0), Row(1)); // other cloud, other host
            await db.SaveChangesAsync();
        }
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            db.ReleaseTasks.Add(Row(0));
            await Assert.ThrowsAsync<Microsoft.EntityFrameworkCore.DbUpdateException>(() => db.SaveChangesAsync());
        }
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var finished = Row(0);
            finished.Status = ReleaseTaskStatus.Finished; // history does not count
            db.ReleaseTasks.Add(finished);
            await db.SaveChangesAsync();
        }
    }
}
