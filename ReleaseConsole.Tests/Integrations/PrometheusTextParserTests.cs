using ReleaseConsole.Api.Integrations.Embedded;
using ReleaseConsole.Api.Integrations.Metrics;

namespace ReleaseConsole.Tests.Integrations;

public sealed class PrometheusTextParserTests
{
    public static TheoryData<string, string, string, double, long?> ValidLines => new()
    {
        { "sys_mem_usage 52.0225341295366", "sys_mem_usage", "", 52.0225341295366, null },
        { "sys_disk_size{mountpoint=\"/\"} 9.3", "sys_disk_size", "mountpoint=\"/\"", 9.3, null },
        { "sys_disk_size {mountpoint=\"/data\",} 4.8 1700000000000", "sys_disk_size", "mountpoint=\"/data\"", 4.8, 1700000000000 },
        { "m{a=\"x\",b=\"y\"} 1e3", "m", "a=\"x\",b=\"y\"", 1000, null },
        { "m{path=\"C:\\\\data\"} 1", "m", "path=\"C:\\\\data\"", 1, null },
        { "m{msg=\"say \\\"hi\\\"\"} -2.5", "m", "msg=\"say \\\"hi\\\"\"", -2.5, null },
        { "m{msg=\"a\\nb\"} 0", "m", "msg=\"a\\nb\"", 0, null },
        { "m{ a = \"1\" } 3", "m", "a=\"1\"", 3, null },
        { "ns:metric_total\t7\t-5", "ns:metric_total", "", 7, -5 },
        { "m +Inf", "m", "", double.PositiveInfinity, null },
        { "m -Inf", "m", "", double.NegativeInfinity, null },
        { "m NaN", "m", "", double.NaN, null },
        { "m{} 1", "m", "", 1, null },
    };

    [Theory]
    [MemberData(nameof(ValidLines))]
    public void Valid_samples_are_read(string line, string name, string dimensions, double value, long? timestamp)
    {
        var sample = Assert.Single(PrometheusTextParser.Parse(line));

        Assert.Equal(name, sample.Name);
        Assert.Equal(dimensions, sample.Dimensions);
        Assert.Equal(value, sample.Value);
        Assert.Equal(timestamp, sample.TimestampMs);
    }

    [Fact]
    public void Label_values_are_unescaped_in_the_label_list()
    {
        var sample = Assert.Single(PrometheusTextParser.Parse("m{msg=\"say \\\"hi\\\" \\\\ \\n\"} 1"));
        Assert.Equal("say \"hi\" \\ \n", sample.Labels[0].Value);
    }

    [Fact]
    public void Comments_HELP_TYPE_blank_lines_and_CRLF_are_handled()
    {
        const string text = "# HELP sys_mem_usage Memory \\\\ in use\r\n# TYPE sys_mem_usage gauge\r\n\r\n# just a comment\nsys_mem_usage 1\n   \n#TYPE x counter\nx 2\n";
        var samples = PrometheusTextParser.Parse(text);
        Assert.Equal(["sys_mem_usage", "x"], samples.Select(s => s.Name));
    }

    [Theory]
    [InlineData("sys_mem_usage", 1, "value")]
    [InlineData("sys_mem_usage abc", 1, "abc")]
    [InlineData("9metric 1", 1, "metric name")]
    [InlineData("m{a=\"1\" 2", 1, "','")]
    [InlineData("m{a=1} 2", 1, "'\"'")]
    [InlineData("m{a=\"unterminated} 2", 1, "not closed")]
    [InlineData("m{a=\"x\\q\"} 2", 1, "escape")]
    [InlineData("m{a=\"1\",a=\"2\"} 2", 1, "twice")]
    [InlineData("m{1a=\"1\"} 2", 1, "label name")]
    [InlineData("m 1 12.5", 1, "timestamp")]
    [InlineData("m 1 2 3", 1, "unexpected")]
    [InlineData("ok 1\n# TYPE m gaugeish\nm 1", 2, "type")]
    [InlineData("ok 1\nok 2\n# TYPE", 3, "metric name")]
    public void Malformed_text_is_a_clear_error_with_its_line(string text, int line, string problem)
    {
        var error = Assert.Throws<PrometheusFormatException>(() => PrometheusTextParser.Parse(text));
        Assert.Equal(line, error.Line);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void The_embedded_exporter_writes_text_this_parser_reads_with_moving_values()
    {
        var host = new InventoryHost("10.0.0.1", "123.123.123.123", 1, "web", ["/", "/data", "/var/log"], null);

        var now = PrometheusTextParser.Parse(EmbeddedExporter.Render(host, 1_800_000_000));
        var later = PrometheusTextParser.Parse(EmbeddedExporter.Render(host, 1_800_000_300));

        Assert.Equal(["sys_mem_usage", "sys_disk_size", "sys_disk_size", "sys_disk_size"], now.Select(s => s.Name));
        Assert.Equal(["mountpoint=\"/\"", "mountpoint=\"/data\"", "mountpoint=\"/var/log\""], now.Skip(1).Select(s => s.Dimensions));
        Assert.InRange(now[0].Value, 1, 99);
        Assert.NotEqual(now[0].Value, later[0].Value);
    }
}
