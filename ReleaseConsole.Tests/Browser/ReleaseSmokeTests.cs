using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ReleaseConsole.Tests.Infrastructure;

namespace ReleaseConsole.Tests.Browser;

/// <summary>
/// One end-to-end run in Debian's Chromium against the app on a real loopback port. Without
/// /usr/bin/chromium the test is skipped (install it with <c>apt-get install -y chromium</c>);
/// under CI=true a missing browser fails it.
/// </summary>
public sealed partial class ReleaseSmokeTests
{
    private const string ChromiumPath = "/usr/bin/chromium";

    [SkippableFact]
    public async Task An_operator_releases_a_host_and_watches_it_reach_FINISHED_without_a_reload()
    {
        var inCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!File.Exists(ChromiumPath))
        {
            Assert.False(inCi, $"CI=true but {ChromiumPath} is missing: .ci/run must apt-get install chromium.");
            Skip.If(true, $"No browser at {ChromiumPath}; run 'apt-get install -y chromium' to enable this test.");
        }

        await using var app = ReleaseConsoleFactory.Create(TestDirectory.Create(), new Dictionary<string, string?>
        {
            ["Embedded:StepDuration"] = "00:00:02.500", // long enough to see RUNNING first on a loaded machine, short enough to finish soon
            ["Sops:PollInterval"] = "00:00:00.200",
        });
        app.UseKestrel(0);
        app.StartServer();
        var root = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout(20_000);

        await page.GotoAsync($"{root}/?biz=3");
        var checkbox = page.Locator("td[data-host='10.0.0.2|0'] input[type=checkbox]");
        var releaseButton = page.Locator("[data-testid=release-button]");
        // Prerendered HTML ignores clicks until the circuit connects: click until the page reacts.
        for (var attempt = 0; !await releaseButton.IsEnabledAsync(); attempt++)
        {
            Assert.True(attempt < 40, "the release page never became interactive");
            await checkbox.ClickAsync();
            try
            {
                await Assertions.Expect(releaseButton).ToBeEnabledAsync(new() { Timeout = 500 });
            }
            catch (PlaywrightException)
            {
            }
        }
        await releaseButton.ClickAsync();
        var dialog = page.Locator(".mud-message-box");
        await Assertions.Expect(dialog).ToContainTextAsync("10.0.0.2");
        await dialog.Locator(".mud-dialog-actions button").Last.ClickAsync();

        var outcome = page.Locator("[data-testid=outcome]");
        await Assertions.Expect(outcome).ToContainTextAsync("已创建任务");
        var taskId = TaskIdPattern().Match(await outcome.InnerTextAsync()).Groups[1].Value;

        await page.Locator("a[href='/tasks']").First.ClickAsync(); // in-app navigation
        await page.WaitForURLAsync($"{root}/tasks");
        await page.EvaluateAsync("() => window.__noReload = true");
        var chip = page.Locator($"tr:has(td[data-task-id='{taskId}']) [data-status]");
        Assert.Contains(await chip.GetAttributeAsync("data-status"), new[] { "CREATED", "RUNNING" });

        await Assertions.Expect(chip).ToHaveAttributeAsync("data-status", "FINISHED", new() { Timeout = 30_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.__noReload === true"), "the page was reloaded");
    }

    [GeneratedRegex(@"#(\d+)")]
    private static partial Regex TaskIdPattern();
}
