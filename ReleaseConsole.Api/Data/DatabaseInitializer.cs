using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.Hosting;

namespace ReleaseConsole.Api.Data;

/// <summary>Applies migrations and turns on WAL before the poller and the collector start.</summary>
internal sealed class DatabaseInitializer(IDbContextFactory<ReleaseConsoleDbContext> dbFactory, ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var dataSource = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        if (Path.GetDirectoryName(Path.GetFullPath(dataSource)) is { Length: > 0 } folder) Directory.CreateDirectory(folder);
        await db.Database.MigrateAsync(cancellationToken);
        // WAL lets the pages read while the poller writes; the setting is stored in the database file.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        logger.LogInformation("Database ready at {DataSource}", dataSource);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Lets <c>dotnet ef</c> build the model without starting the app.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<ReleaseConsoleDbContext>
{
    public ReleaseConsoleDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ReleaseConsoleDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
