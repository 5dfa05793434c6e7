using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReleaseConsole.Api.Releases;
using ReleaseConsole.Components.Pages;

namespace ReleaseConsole.Tests.Components;

public sealed class ReleasePageTests : PageTestContext
{
    private IRenderedComponent<IComponent>? _host;

    private IRenderedComponent<Release> RenderPage(int bizId)
    {
        (_host, var page) = RenderPage<Release>($"/?biz={bizId}");
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("td[data-host]")));
        return page;
    }

    [Fact]
    public void The_hosts_of_the_chosen_business_are_listed_with_their_addresses()
    {
        var page = RenderPage(2);

        var rows = page.FindAll("tr.host-row");
        Assert.Contains(rows, r => r.TextContent.Contains("10.0.0.1") && r.TextContent.Contains("123.123.123.123"));
        Assert.DoesNotContain(rows, r => r.TextContent.Contains("10.0.0.2"));
        Assert.All(rows, r => Assert.Contains("未发布", r.TextContent));
    }

    [Fact]
    public async Task A_host_with_an_active_task_cannot_be_selected_and_says_why()
    {
        var taskId = await Releases.ReleaseAsync(new ReleaseRequest(2, "10.0.0.1", "123.123.123.123", 1), CancellationToken.None);

        var page = RenderPage(2);

        var busy = page.Find("td[data-host='10.0.0.1|1']").ParentElement!;
        Assert.True(busy.QuerySelector("input[type=checkbox]")!.HasAttribute("disabled"));
        Assert.Contains("存在未完成的任务", busy.TextContent);
        Assert.Contains($"#{taskId}", busy.TextContent);
        var free = page.Find("td[data-host='10.0.0.9|0'] input[type=checkbox]");
        Assert.False(free.HasAttribute("disabled"));
    }

    [Fact]
    public async Task Selected_hosts_are_released_after_confirmation_and_each_shows_its_task()
    {
        var page = RenderPage(3);

        page.Find("td[data-host='10.0.0.2|0'] input[type=checkbox]").Change(true);
        page.WaitForAssertion(() => Assert.Contains("（1）", page.Find("[data-testid=release-button]").TextContent));
        page.Find("[data-testid=release-button]").Click();
        // The confirmation opens in the dialog provider, beside the page.
        var host = _host!;
        var confirm = host.WaitForElement(".mud-message-box .mud-dialog-actions button:last-child");
        Assert.Contains("10.0.0.2", host.Find(".mud-message-box").TextContent);
        Assert.Contains("发布", confirm.TextContent);
        confirm.Click();

        page.WaitForAssertion(() => Assert.Contains("已创建任务", page.Find("[data-testid=outcome]").TextContent));
        await using var db = await Db.CreateDbContextAsync();
        var task = await db.ReleaseTasks.SingleAsync();
        Assert.Equal(("10.0.0.2", 0), (task.InnerIp, task.CloudId));
        Assert.Contains($"#{task.SopsTaskId}", page.Find("[data-testid=outcome]").TextContent);
        // The row now shows the host as busy, without a reload.
        page.WaitForAssertion(() => Assert.Contains("存在未完成的任务", page.Find("td[data-host='10.0.0.2|0']").ParentElement!.TextContent));
    }

    [Fact]
    public void A_host_without_an_outer_IP_cannot_be_selected_and_says_why()
    {
        var page = RenderPage(8);

        var intranet = page.Find("td[data-host='10.8.2.20|0']").ParentElement!;
        Assert.True(intranet.QuerySelector("input[type=checkbox]")!.HasAttribute("disabled"));
        Assert.Contains("没有外网 IP", intranet.TextContent);
        Assert.Single(page.FindAll("[data-testid=blocker]"));
    }
}
