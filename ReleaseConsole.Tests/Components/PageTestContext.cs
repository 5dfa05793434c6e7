using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;
using ReleaseConsole.Api;
using ReleaseConsole.Api.Data;
using ReleaseConsole.Api.Releases;
using ReleaseConsole.Components.Model;
using ReleaseConsole.Tests.Infrastructure;

namespace ReleaseConsole.Tests.Components;

/// <summary>
/// bUnit with the real services on a temporary database and the embedded backend. No background
/// workers run here: a task changes state only when a test records a change.
/// </summary>
public abstract class PageTestContext : BunitContext, IAsyncLifetime
{
    // Renders that wait on SQLite writes can take a while on a loaded 2-core CI machine.
    static PageTestContext() => DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    protected PageTestContext()
    {
        var dataDirectory = TestDirectory.Create();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:ReleaseConsole"] = $"Data Source={Path.Combine(dataDirectory, "release-console.db")}",
            ["Embedded:StepDuration"] = "00:10:00",
            ["ReleaseConsole:TimeZone"] = "Asia/Shanghai",
        }).Build();
        // A clock the tests move: page refresh loops and the embedded exporters follow it.
        Services.AddSingleton<TimeProvider>(Clock);
        JSInterop.Mode = JSRuntimeMode.Loose;
        // MudChart draws its lines once the browser has measured the axis labels.
        JSInterop.Setup<MudBlazor.Interop.ElementSize>("mudGetSvgBBox", _ => true)
            .SetResult(new MudBlazor.Interop.ElementSize { Width = 30, Height = 14 });
        Services.AddLogging();
        Services.AddMudServices();
        Services.AddReleaseConsoleApi(configuration, dataDirectory);
        Services.AddSingleton<TimeFormatter>();
    }

    public async Task InitializeAsync()
    {
        await using var db = await Db.CreateDbContextAsync();
        await db.Database.MigrateAsync();
    }

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    /// <summary>
    /// The page at <paramref name="uri"/> beside the popover and dialog providers of the layout; dialogs
    /// open in <c>Host</c>, outside the page's own markup.
    /// </summary>
    protected (IRenderedComponent<IComponent> Host, IRenderedComponent<TPage> Page) RenderPage<TPage>(
        string uri, IReadOnlyDictionary<string, object?>? parameters = null) where TPage : IComponent
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(uri);
        var host = Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<TPage>(2);
            foreach (var (name, value) in parameters ?? new Dictionary<string, object?>()) builder.AddAttribute(3, name, value);
            builder.CloseComponent();
        });
        return (host, host.FindComponent<TPage>());
    }

    protected FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected IDbContextFactory<ReleaseConsoleDbContext> Db => Services.GetRequiredService<IDbContextFactory<ReleaseConsoleDbContext>>();

    protected ReleaseService Releases => Services.GetRequiredService<ReleaseService>();

    protected TaskStateRecorder Recorder => Services.GetRequiredService<TaskStateRecorder>();
}
