using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using ReleaseConsole.Api.Integrations.Metrics;

namespace ReleaseConsole.Benchmarks;

/// <summary>API-05 parses a whole exposition on every call: how long does a large one take?</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class PrometheusParserBenchmarks
{
    private string _small = "";
    private string _large = "";

    [GlobalSetup]
    public void Setup()
    {
        _small = Exposition(mounts: 3);
        _large = Exposition(mounts: 1000);
    }

    /// <summary>What the embedded exporter writes: memory and three mount points.</summary>
    [Benchmark(Baseline = true)]
    public int Typical_exporter_4_samples() => PrometheusTextParser.Parse(_small).Count;

    /// <summary>A node-exporter-sized page: a thousand labelled samples with escapes and timestamps.</summary>
    [Benchmark]
    public int Large_exporter_1001_samples() => PrometheusTextParser.Parse(_large).Count;

    private static string Exposition(int mounts)
    {
        var text = new StringBuilder("# HELP sys_mem_usage Memory in use.\n# TYPE sys_mem_usage gauge\nsys_mem_usage 52.0225341295366\n");
        text.Append("# HELP sys_disk_size Disk in use.\n# TYPE sys_disk_size gauge\n");
        for (var i = 0; i < mounts; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"sys_disk_size{{mountpoint=\"/data{i}\",device=\"/dev/sd\\\"{i}\"}} {i * 1.5:R} 1700000000000\n");
        }
        return text.ToString();
    }
}
