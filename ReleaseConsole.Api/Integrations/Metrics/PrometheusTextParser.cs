using System.Globalization;
using System.Text;

namespace ReleaseConsole.Api.Integrations.Metrics;

public sealed record PrometheusSample(
    string Name,
    IReadOnlyList<KeyValuePair<string, string>> Labels,
    double Value,
    long? TimestampMs)
{
    /// <summary>The label set in exposition form, e.g. <c>mountpoint="/"</c>; empty when there are none.</summary>
    public string Dimensions { get; } = FormatLabels(Labels);

    private static string FormatLabels(IReadOnlyList<KeyValuePair<string, string>> labels) =>
        string.Join(",", labels.Select(l => $"{l.Key}=\"{Escape(l.Value)}\""));

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);
}

public sealed class PrometheusFormatException(int line, string problem)
    : FormatException($"line {line}: {problem}")
{
    public int Line { get; } = line;
}

/// <summary>
/// Parser of the Prometheus text exposition format (version 0.0.4): comments, HELP and TYPE lines,
/// samples with escaped label values, NaN and ±Inf, optional millisecond timestamps.
/// </summary>
public static class PrometheusTextParser
{
    private static readonly HashSet<string> MetricTypes = ["counter", "gauge", "histogram", "summary", "untyped"];

    public static IReadOnlyList<PrometheusSample> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var samples = new List<PrometheusSample>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0) continue;
            var reader = new LineReader(line, i + 1);
            reader.SkipBlanks();
            if (reader.Peek == '#')
            {
                ParseComment(reader);
                continue;
            }
            samples.Add(ParseSample(reader));
        }
        return samples;
    }

    private static void ParseComment(LineReader reader)
    {
        reader.Expect('#');
        reader.SkipBlanks();
        var keyword = reader.ReadWhile(c => !IsBlank(c));
        if (keyword is not ("HELP" or "TYPE")) return; // any other comment is free text
        if (!reader.SkipBlanks()) throw reader.Error($"{keyword} needs a metric name");
        var name = reader.ReadMetricName();
        if (keyword == "TYPE")
        {
            if (!reader.SkipBlanks()) throw reader.Error($"TYPE of {name} needs a type");
            var type = reader.ReadWhile(c => !IsBlank(c));
            reader.SkipBlanks();
            if (!reader.AtEnd || !MetricTypes.Contains(type))
            {
                throw reader.Error($"unknown metric type '{type}' for {name}");
            }
        }
        // HELP text is free-form (with \\ and \n escapes) and not needed by the console.
    }

    private static PrometheusSample ParseSample(LineReader reader)
    {
        var name = reader.ReadMetricName();
        var labels = new List<KeyValuePair<string, string>>();
        var separated = reader.SkipBlanks();
        if (reader.Peek == '{')
        {
            reader.Expect('{');
            reader.SkipBlanks();
            while (reader.Peek != '}')
            {
                var labelName = reader.ReadLabelName();
                reader.SkipBlanks();
                reader.Expect('=');
                reader.SkipBlanks();
                var labelValue = reader.ReadQuoted();
                if (labels.Any(l => l.Key == labelName)) throw reader.Error($"label '{labelName}' appears twice");
                labels.Add(new(labelName, labelValue));
                reader.SkipBlanks();
                if (reader.Peek == ',')
                {
                    reader.Expect(',');
                    reader.SkipBlanks();
                }
                else if (reader.Peek != '}')
                {
                    throw reader.Error("expected ',' or '}' after a label");
                }
            }
            reader.Expect('}');
            separated = reader.SkipBlanks();
        }
        if (!separated || reader.AtEnd) throw reader.Error($"sample {name} needs a value after its name");
        var value = ParseValue(reader.ReadWhile(c => !IsBlank(c)), reader);
        long? timestamp = null;
        if (reader.SkipBlanks() && !reader.AtEnd)
        {
            var token = reader.ReadWhile(c => !IsBlank(c));
            if (!long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms))
            {
                throw reader.Error($"timestamp '{token}' is not an integer of milliseconds");
            }
            timestamp = ms;
            reader.SkipBlanks();
        }
        if (!reader.AtEnd) throw reader.Error("unexpected text after the sample");
        return new PrometheusSample(name, labels, value, timestamp);
    }

    private static double ParseValue(string token, LineReader reader)
    {
        switch (token.ToLowerInvariant())
        {
            case "nan": return double.NaN;
            case "+inf" or "inf": return double.PositiveInfinity;
            case "-inf": return double.NegativeInfinity;
        }
        if (token.Length > 0
            && double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && !double.IsNaN(value) && !double.IsInfinity(value))
        {
            return value;
        }
        throw reader.Error($"value '{token}' is not a number");
    }

    private static bool IsBlank(char c) => c is ' ' or '\t';

    private sealed class LineReader(string line, int number)
    {
        private int _position;

        public bool AtEnd => _position >= line.Length;
        public char Peek => AtEnd ? '\0' : line[_position];

        /// <summary>Skips spaces and tabs; true when any were skipped or the line ended.</summary>
        public bool SkipBlanks()
        {
            var start = _position;
            while (!AtEnd && IsBlank(line[_position])) _position++;
            return _position > start || AtEnd;
        }

        public void Expect(char c)
        {
            if (Peek != c) throw Error(AtEnd ? $"expected '{c}' but the line ended" : $"expected '{c}' but found '{Peek}'");
            _position++;
        }

        public string ReadWhile(Func<char, bool> predicate)
        {
            var start = _position;
            while (!AtEnd && predicate(line[_position])) _position++;
            return line[start.._position];
        }

        public string ReadMetricName()
        {
            if (!(char.IsAsciiLetter(Peek) || Peek is '_' or ':')) throw Error("expected a metric name");
            return ReadWhile(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':');
        }

        public string ReadLabelName()
        {
            if (!(char.IsAsciiLetter(Peek) || Peek == '_')) throw Error("expected a label name");
            return ReadWhile(c => char.IsAsciiLetterOrDigit(c) || c == '_');
        }

        public string ReadQuoted()
        {
            Expect('"');
            var value = new StringBuilder();
            while (true)
            {
                if (AtEnd) throw Error("label value is not closed with '\"'");
                var c = line[_position++];
                if (c == '"') return value.ToString();
                if (c != '\\')
                {
                    value.Append(c);
                    continue;
                }
                if (AtEnd) throw Error("label value ends inside an escape");
                var escaped = line[_position++];
                value.Append(escaped switch
                {
                    '\\' => '\\',
                    '"' => '"',
                    'n' => '\n',
                    _ => throw Error($"unknown escape '\\{escaped}' in a label value"),
                });
            }
        }

        public PrometheusFormatException Error(string problem) => new(number, problem);
    }
}
