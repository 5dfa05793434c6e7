using Microsoft.EntityFrameworkCore;
using ReleaseConsole.Api.Data;

namespace ReleaseConsole.Tests.Infrastructure;

/// <summary>A migrated SQLite file of its own, for tests below the HTTP layer.</summary>
public sealed class TestDatabase : IDbContextFactory<ReleaseConsoleDbContext>
{
    private readonly DbContextOptions<ReleaseConsoleDbContext> _options;

    private TestDatabase(string path)
    {
        ConnectionString = $"Data Source={path}";
        _options = new DbContextOptionsBuilder<ReleaseConsoleDbContext>().UseSqlite(ConnectionString).Options;
    }

    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync()
    {
        var database = new TestDatabase(Path.Combine(TestDirectory.Create(), "release-console.db"));
        await using var db = database.CreateDbContext();
        await db.Database.MigrateAsync();
        return database;
    }

    public ReleaseConsoleDbContext CreateDbContext() => new(_options);
}
