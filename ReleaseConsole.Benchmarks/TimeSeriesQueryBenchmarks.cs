using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ReleaseConsole.Api;
using ReleaseConsole.Api.Data;
using ReleaseConsole.Api.Metrics;

namespace ReleaseConsole.Benchmarks;

/// <summary>
/// API-06 over a full retention window: 20 released hosts, 7 days of samples every 15 s each
/// (806,400 rows). The raw query on the (OuterIp, Timestamp) index against the same query made to scan
/// the table shows what the index buys; the service's whole path shows what EF Core and the
/// FINISHED-release check add on top.
/// </summary>
[ShortRunJob]
public class TimeSeriesQueryBenchmarks
{
    private const int Hosts = 20;
    private const int SamplesPerHost = 7 * 24 * 60 * 4;
    private ServiceProvider _services = null!;
    private long _now;
    private string _connectionString = "";

    [Params(900, 86_400)]
    public int RangeSeconds { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        var folder = Path.Combine(Path.GetTempPath(), "release-console-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        _connectionString = $"Data Source={Path.Combine(folder, "bench.db")}";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:ReleaseConsole"] = _connectionString,
        }).Build();
        _services = new ServiceCollection().AddLogging().AddReleaseConsoleApi(configuration, folder).BuildServiceProvider();
        await using var db = await _services.GetRequiredService<IDbContextFactory<ReleaseConsoleDbContext>>().CreateDbContextAsync();
        await db.Database.MigrateAsync();

        _now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO MetricSamples (OuterIp, Timestamp, Value) VALUES ($ip, $ts, $v)";
        var ip = insert.Parameters.Add("$ip", SqliteType.Text);
        var ts = insert.Parameters.Add("$ts", SqliteType.Integer);
        var value = insert.Parameters.Add("$v", SqliteType.Real);
        for (var h = 0; h < Hosts; h++)
        {
            ip.Value = $"198.51.100.{h + 1}";
            for (var i = 0; i < SamplesPerHost; i++)
            {
                ts.Value = _now - i * 15L;
                value.Value = 40 + i % 17;
                await insert.ExecuteNonQueryAsync();
            }
            var task = connection.CreateCommand();
            task.CommandText = "INSERT INTO ReleaseTasks (SopsTaskId, BizId, InnerIp, OuterIp, CloudId, Operator, Status, CreatedAt, UpdatedAt) " +
                               "VALUES ($id, 2, $ip, $ip, 0, 'bench', 'FINISHED', '2026-01-01 00:00:00', '2026-01-01 00:00:00')";
            task.Parameters.AddWithValue("$id", h + 1);
            task.Parameters.AddWithValue("$ip", ip.Value);
            await task.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Description = "API-06 service path")]
    public async Task<int> Service_query()
    {
        using var scope = _services.CreateScope();
        var metrics = scope.ServiceProvider.GetRequiredService<MetricsService>();
        return (await metrics.GetTimeSeriesAsync("198.51.100.7", _now - RangeSeconds, _now, CancellationToken.None)).Count;
    }

    [Benchmark(Baseline = true, Description = "raw query, index")]
    public Task<int> Indexed() => RawQueryAsync(scan: false);

    [Benchmark(Description = "raw query, table scan")]
    public Task<int> Table_scan() => RawQueryAsync(scan: true);

    private async Task<int> RawQueryAsync(bool scan)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        var query = connection.CreateCommand();
        query.CommandText = $"SELECT Timestamp, Value FROM MetricSamples {(scan ? "NOT INDEXED" : "")} " +
                            "WHERE OuterIp = $ip AND Timestamp >= $start AND Timestamp <= $end ORDER BY Timestamp, Id";
        query.Parameters.AddWithValue("$ip", "198.51.100.7");
        query.Parameters.AddWithValue("$start", _now - RangeSeconds);
        query.Parameters.AddWithValue("$end", _now);
        var rows = 0;
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows++;
        return rows;
    }
}
