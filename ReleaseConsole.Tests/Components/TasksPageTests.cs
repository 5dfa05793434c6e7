using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ReleaseConsole.Api.Data;
using ReleaseConsole.Api.Integrations.Sops;
using ReleaseConsole.Api.Releases;
using ReleaseConsole.Components.Pages;

namespace ReleaseConsole.Tests.Components;

public sealed class TasksPageTests : PageTestContext
{
    private IRenderedComponent<IComponent>? _host;

    private IRenderedComponent<Tasks> RenderPage(string? status = null)
    {
        (_host, var page) = RenderPage<Tasks>(status is null ? "/tasks" : $"/tasks?status={status}");
        return page;
    }

    private static string ChipOf(IRenderedComponent<Tasks> page, long taskId) =>
        page.Find($"td[data-task-id='{taskId}']").ParentElement!.QuerySelector("[data-status]")!.GetAttribute("data-status")!;

    [Fact]
    public async Task Tasks_are_listed_newest_first_with_their_state()
    {
        var first = await Releases.ReleaseAsync(new ReleaseRequest(3, "10.0.0.2", "123.123.123.124", 0), CancellationToken.None);
        var second = await Releases.ReleaseAsync(new ReleaseRequest(3, "10.3.1.14", "123.123.0.138", 0), CancellationToken.None);

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("td[data-task-id]").Count));
        var ids = page.FindAll("td[data-task-id]").Select(td => long.Parse(td.GetAttribute("data-task-id")!)).ToList();
        Assert.Equal([second, first], ids);
        Assert.Equal("RUNNING", ChipOf(page, first));
        Assert.Contains(page.FindAll("[data-action=pause]"), _ => true);
    }

    [Fact]
    public async Task A_published_change_turns_the_row_chip_without_a_reload()
    {
        var taskId = await Releases.ReleaseAsync(new ReleaseRequest(3, "10.0.0.2", "123.123.123.124", 0), CancellationToken.None);
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Equal("RUNNING", ChipOf(page, taskId)));
        var row = await FindRowIdAsync(taskId);

        await Recorder.ApplyAsync(row, new SopsTaskStatus(ReleaseTaskStatus.Finished, []), Clock.GetUtcNow().UtcDateTime, CancellationToken.None);

        page.WaitForAssertion(() => Assert.Equal("FINISHED", ChipOf(page, taskId)));
        Assert.Empty(page.FindAll("[data-action=pause]"));
    }

    [Fact]
    public async Task The_status_filter_shows_only_that_state_and_drops_rows_that_leave_it()
    {
        var running = await Releases.ReleaseAsync(new ReleaseRequest(3, "10.0.0.2", "123.123.123.124", 0), CancellationToken.None);
        var paused = await Releases.ReleaseAsync(new ReleaseRequest(3, "10.3.1.14", "123.123.0.138", 0), CancellationToken.None);
        await Releases.PauseAsync(paused, CancellationToken.None);

        var page = RenderPage("SUSPENDED");

        page.WaitForAssertion(() => Assert.Single(page.FindAll("td[data-task-id]")));
        Assert.Equal("SUSPENDED", ChipOf(page, paused));
        await Releases.ResumeAsync(paused, CancellationToken.None);
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("td[data-task-id]")));
        Assert.NotEqual(running, paused);
    }

    private async Task<int> FindRowIdAsync(long taskId)
    {
        var query = Services.GetRequiredService<TaskQueryService>();
        return (await query.GetAsync(taskId, CancellationToken.None))!.Task.Id;
    }

    [Theory]
    [InlineData("pause", "SUSPENDED")]
    [InlineData("revoke", "REVOKED")]
    public async Task An_operation_asks_for_confirmation_then_changes_the_task(string action, string expected)
    {
        var taskId = await Releases.ReleaseAsync(new ReleaseRequest(3, "10.0.0.2", "123.123.123.124", 0), CancellationToken.None);
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Equal("RUNNING", ChipOf(page, taskId)));

        page.Find($"[data-action={action}]").Click();
        var host = _host!;
        var dialog = host.WaitForElement(".mud-message-box");
        Assert.Contains($"#{taskId}", dialog.TextContent);
        Assert.Equal("RUNNING", ChipOf(page, taskId)); // nothing happens before the answer
        host.Find(".mud-message-box .mud-dialog-actions button:last-child").Click();

        page.WaitForAssertion(() => Assert.Equal(expected, ChipOf(page, taskId)));
    }

    [Fact]
    public async Task Cancelling_the_confirmation_changes_nothing()
    {
        var taskId = await Releases.ReleaseAsync(new ReleaseRequest(3, "10.0.0.2", "123.123.123.124", 0), CancellationToken.None);
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Equal("RUNNING", ChipOf(page, taskId)));

        page.Find("[data-action=revoke]").Click();
        var host = _host!;
        host.WaitForElement(".mud-message-box");
        host.Find(".mud-message-box .mud-dialog-actions button:first-child").Click();

        host.WaitForAssertion(() => Assert.Empty(host.FindAll(".mud-message-box")));
        var stored = await Services.GetRequiredService<TaskQueryService>().GetAsync(taskId, CancellationToken.None);
        Assert.Equal(ReleaseTaskStatus.Running, stored!.Task.Status);
    }
}
