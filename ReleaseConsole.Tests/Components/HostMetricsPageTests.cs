using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ReleaseConsole.Api.Data;
using ReleaseConsole.Components.Pages;

namespace ReleaseConsole.Tests.Components;

public sealed class HostMetricsPageTests : PageTestContext
{
    private async Task SeedReleasedHostAsync(string outerIp, int samples)
    {
        var now = Clock.GetUtcNow();
        await using var db = await Db.CreateDbContextAsync();
        db.ReleaseTasks.Add(new ReleaseTask
        {
            SopsTaskId = 1, BizId = 3, InnerIp = "10.0.0.2", OuterIp = outerIp, CloudId = 0, Operator = "admin",
            Status = ReleaseTaskStatus.Finished, CreatedAt = now.UtcDateTime.AddMinutes(-30), UpdatedAt = now.UtcDateTime,
        });
        for (var i = 0; i < samples; i++)
        {
            // One a minute, half a minute off the minute, so no sample sits on a range's edge.
            db.MetricSamples.Add(new MetricSample { OuterIp = outerIp, Timestamp = now.AddSeconds(-(i * 60 + 30)).ToUnixTimeSeconds(), Value = 40 + i });
        }
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task A_released_host_shows_its_live_values_and_a_memory_chart()
    {
        await SeedReleasedHostAsync("123.123.123.124", samples: 20);

        var page = Render<HostMetrics>(p => p.Add(x => x.OuterIp, "123.123.123.124"));

        page.WaitForAssertion(() => Assert.Matches(@"^\d+\.\d %$", page.Find("[data-testid=memory-value]").TextContent.Trim()));
        var mounts = page.FindAll("[data-testid=disk-table] tbody tr").Select(r => r.Children[0].TextContent).ToList();
        Assert.Equal(["/", "/data"], mounts);
        Assert.Contains("20 个点", page.Find("[data-testid=time-series]").TextContent);
        page.WaitForAssertion(() =>
        {
            var line = page.Find("[data-testid=time-series] path.mud-chart-line").GetAttribute("d")!;
            Assert.Equal(20, line.Split(['M', 'L'], StringSplitOptions.RemoveEmptyEntries).Length); // one vertex per sample
        });
        Assert.Empty(page.FindAll("[data-testid=metrics-unavailable]"));
    }

    [Fact]
    public async Task A_range_preset_narrows_the_series()
    {
        await SeedReleasedHostAsync("123.123.123.124", samples: 40);

        Services.GetRequiredService<NavigationManager>().NavigateTo("/hosts/123.123.123.124/metrics?range=15m");
        var page = Render<HostMetrics>(p => p.Add(x => x.OuterIp, "123.123.123.124"));

        page.WaitForAssertion(() => Assert.Contains("个点", page.Find("[data-testid=time-series]").TextContent));
        Assert.Contains("15 个点", page.Find("[data-testid=time-series]").TextContent); // of 40, those of the last 15 minutes
        Assert.Contains("mud-button-filled", page.Find("[data-range='15m']").ClassName);
        Assert.DoesNotContain("mud-button-filled", page.Find("[data-range='1h']").ClassName);
    }

    [Fact]
    public void A_host_without_a_FINISHED_release_says_so_instead_of_a_chart()
    {
        var page = Render<HostMetrics>(p => p.Add(x => x.OuterIp, "123.123.123.125"));

        page.WaitForAssertion(() => Assert.Contains("尚未发布服务", page.Find("[data-testid=metrics-unavailable]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=time-series]"));
        Assert.Empty(page.FindAll(".mud-chart"));
    }

    [Fact]
    public async Task A_custom_range_from_the_URL_shows_only_its_samples_and_does_not_refresh()
    {
        await SeedReleasedHostAsync("123.123.123.124", samples: 40);
        var now = Clock.GetUtcNow().ToUnixTimeSeconds();
        // Samples are 30 s, 90 s, 150 s … old: those 270 s to 630 s old are the 5th to the 11th.
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/hosts/123.123.123.124/metrics?from={now - 640}&to={now - 260}");

        var page = Render<HostMetrics>(p => p.Add(x => x.OuterIp, "123.123.123.124"));

        page.WaitForAssertion(() => Assert.Contains("7 个点", page.Find("[data-testid=time-series]").TextContent));
        Assert.Contains("不刷新", page.Find("[data-testid=time-series]").TextContent);
        await using var db = await Db.CreateDbContextAsync();
        var first = db.MetricSamples.Where(m => m.Timestamp >= now - 640).Min(m => m.Timestamp);
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var firstLocal = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(first), shanghai).ToString("yyyy-MM-dd HH:mm:ss");
        Assert.Contains($"个点 · {firstLocal} 至", page.Find("[data-testid=time-series]").TextContent); // shown in the display zone, once
        Assert.Contains("mud-button-filled", page.Find("[data-range='custom']").ClassName);
        Assert.DoesNotContain("mud-button-filled", page.Find("[data-range='1h']").ClassName);
    }

    [Fact]
    public async Task A_custom_range_is_entered_in_the_display_zone_and_checked_before_use()
    {
        await SeedReleasedHostAsync("123.123.123.124", samples: 40);
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/hosts/123.123.123.124/metrics");
        var page = Render<HostMetrics>(p => p.Add(x => x.OuterIp, "123.123.123.124"));
        page.WaitForAssertion(() => Assert.Contains("40 个点", page.Find("[data-testid=time-series]").TextContent));
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        string Local(DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, shanghai).ToString("yyyy-MM-ddTHH:mm:ss");
        var now = Clock.GetUtcNow();

        page.Find("[data-range='custom']").Click();
        page.Find("input[data-field=from]").Change(Local(now.AddMinutes(-5)));
        page.Find("input[data-field=to]").Change(Local(now.AddMinutes(-10)));
        page.Find("[data-testid=apply-range]").Click();
        Assert.Contains("早于", page.Find("[data-testid=range-error]").TextContent);
        Assert.DoesNotContain("from=", navigation.Uri);

        page.Find("input[data-field=from]").Change(Local(now.AddSeconds(-640)));
        page.Find("input[data-field=to]").Change(Local(now.AddSeconds(-260)));
        page.Find("[data-testid=apply-range]").Click();

        Assert.Contains("from=", navigation.Uri);
        page.WaitForAssertion(() => Assert.Contains("7 个点", page.Find("[data-testid=time-series]").TextContent));
    }

    [Fact]
    public async Task Values_and_chart_refresh_on_their_own_while_showing_the_recent_past()
    {
        await SeedReleasedHostAsync("123.123.123.124", samples: 20);
        var page = Render<HostMetrics>(p => p.Add(x => x.OuterIp, "123.123.123.124"));
        page.WaitForAssertion(() => Assert.Contains("20 个点", page.Find("[data-testid=time-series]").TextContent));
        var before = page.Find("[data-testid=memory-value]").TextContent;
        await using (var db = await Db.CreateDbContextAsync())
        {
            db.MetricSamples.Add(new MetricSample { OuterIp = "123.123.123.124", Timestamp = Clock.GetUtcNow().ToUnixTimeSeconds() + 10, Value = 77 });
            await db.SaveChangesAsync();
        }

        Clock.Advance(TimeSpan.FromSeconds(15)); // one scrape interval, three realtime refreshes

        page.WaitForAssertion(() => Assert.Contains("21 个点", page.Find("[data-testid=time-series]").TextContent));
        page.WaitForAssertion(() => Assert.NotEqual(before, page.Find("[data-testid=memory-value]").TextContent));
    }
}
