using Bunit;
using Microsoft.Extensions.DependencyInjection;
using ReleaseConsole.Api.Data;
using ReleaseConsole.Api.Integrations.Sops;
using ReleaseConsole.Api.Releases;
using ReleaseConsole.Components.Pages;

namespace ReleaseConsole.Tests.Components;

public sealed class TaskDetailPageTests : PageTestContext
{
    [Fact]
    public async Task The_detail_shows_each_step_and_follows_the_task_to_the_step_that_failed()
    {
        var taskId = await Releases.ReleaseAsync(new ReleaseRequest(2, "10.0.0.9", "123.123.123.129", 0), CancellationToken.None);
        var rowId = (await Services.GetRequiredService<TaskQueryService>().GetAsync(taskId, CancellationToken.None))!.Task.Id;
        var (_, page) = RenderPage<TaskDetail>($"/tasks/{taskId}", new Dictionary<string, object?> { [nameof(TaskDetail.TaskId)] = taskId });

        page.WaitForAssertion(() => Assert.Equal(5, page.FindAll("td[data-step]").Count));
        Assert.Equal("RUNNING", page.Find("[data-state]").GetAttribute("data-state"));
        Assert.NotEmpty(page.FindAll("[data-action=revoke]"));

        var t0 = DateTime.UtcNow;
        SopsStepStatus Step(int i, string state) => new(i, $"s{i}", $"步骤{i}", state, t0.AddSeconds(i), state == "RUNNING" ? null : t0.AddSeconds(i + 1));
        await Recorder.ApplyAsync(rowId, new SopsTaskStatus(ReleaseTaskStatus.Failed,
            [Step(0, "FINISHED"), Step(1, "FINISHED"), Step(2, "FINISHED"), Step(3, "FINISHED"), Step(4, "FAILED")]),
            Clock.GetUtcNow().UtcDateTime, CancellationToken.None);

        page.WaitForAssertion(() => Assert.Equal("FAILED", page.Find("[data-status]").GetAttribute("data-status")));
        Assert.Equal(["FINISHED", "FINISHED", "FINISHED", "FINISHED", "FAILED"], page.FindAll("[data-state]").Select(e => e.GetAttribute("data-state")));
        Assert.Contains("执行失败", page.Find("[data-testid=task-note]").TextContent);
        Assert.Empty(page.FindAll("[data-action]"));
        Assert.Empty(page.FindAll("[data-testid=metrics-link]"));
    }

    [Fact]
    public void An_unknown_task_says_so()
    {
        var page = Render<TaskDetail>(p => p.Add(x => x.TaskId, 424242L));

        page.WaitForAssertion(() => Assert.Contains("不存在", page.Find("[data-testid=not-found]").TextContent));
    }
}
