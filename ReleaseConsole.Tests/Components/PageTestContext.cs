using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
    protected PageTestContext()
    {
        var dataDirectory = TestDirectory.Create();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:ReleaseConsole"] = $"Data Source={Path.Combine(dataDirectory, "release-console.db")}",
            ["Embedded:StepDuration"] = "00:10:00",
            ["ReleaseConsole:TimeZone"] = "Asia/Shanghai",
        }).Build();
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

    protected IDbContextFactory<ReleaseConsoleDbContext> Db => Services.GetRequiredService<IDbContextFactory<ReleaseConsoleDbContext>>();

    protected ReleaseService Releases => Services.GetRequiredService<ReleaseService>();

    protected TaskStateRecorder Recorder => Services.GetRequiredService<TaskStateRecorder>();
}
