using ReleaseConsole.Api.Data;
using ReleaseConsole.Tests.Infrastructure;

namespace ReleaseConsole.Tests.Releases;

public sealed class RestartTests
{
    [Fact]
    public async Task A_task_running_when_the_app_stops_is_finished_after_it_starts_again()
    {
        var directory = TestDirectory.Create();
        var slow = new Dictionary<string, string?> { ["Embedded:StepDuration"] = "00:00:01" };
        long taskId;
        await using (var first = ReleaseConsoleFactory.Create(directory, slow))
        {
            taskId = await first.ReleaseAsync(8, "10.8.1.20", "123.123.0.170", 0);
            await first.WaitForStatusAsync(taskId, ReleaseTaskStatus.Running);
        }

        await using var second = ReleaseConsoleFactory.Create(directory, slow);
        _ = second.Server; // start the host: its poller picks the task up from the database
        var finished = await second.WaitForStatusAsync(taskId, ReleaseTaskStatus.Finished);

        Assert.Equal("10.8.1.20", finished.InnerIp);
    }
}
