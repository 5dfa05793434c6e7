using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ReleaseConsole.Api.Common;
using ReleaseConsole.Api.Data;
using ReleaseConsole.Api.Releases;

namespace ReleaseConsole.Api.Contract;

/// <summary>The envelope of every contract answer; keys are written snake_case, <c>data</c> even when null.</summary>
public sealed record ApiEnvelope(bool Result, int Code, string Message, object? Data)
{
    public static ApiEnvelope Ok(object? data) => new(true, ErrorCodes.Ok, "OK", data);

    public static ApiEnvelope Error(int code, string message) => new(false, code, message, null);
}

public sealed record BusinessItem(int BkBizId, string BkBizName);

public sealed record HostItem(string BkHostInnerip, string BkHostOuterip, int BkCloudId);

public sealed record CreatedTaskItem(long TaskId);

/// <summary>An item of API-04; also the payload of the hub's <c>TaskChanged</c>.</summary>
public sealed record TaskItem(
    long TaskId,
    int BkBizId,
    string Operator,
    string BkHostInnerip,
    string BkHostOuterip,
    int BkCloudId,
    string Status,
    string CreateTime)
{
    public const string TimeFormat = "yyyy-MM-dd HH:mm:ss";

    public static TaskItem From(ReleaseTaskSummary task, TimeZoneInfo zone) =>
        new(task.TaskId, task.BizId, task.Operator, task.InnerIp, task.OuterIp, task.CloudId,
            task.Status.ToContractString(),
            TimeZoneInfo.ConvertTimeFromUtc(task.CreatedAt, zone).ToString(TimeFormat, CultureInfo.InvariantCulture));
}

public sealed record RealtimeItem(
    string MetricName,
    [property: JsonConverter(typeof(FloatJsonConverter))] double MetricValue,
    string Dimensions);

/// <summary>A point of API-06, written as <c>[unix_seconds, value]</c>.</summary>
[JsonConverter(typeof(TimeSeriesPairConverter))]
public sealed record TimeSeriesPair(long Timestamp, double Value);

/// <summary>
/// Writes a double so that it always reads back as a float (<c>52.0</c>, not <c>52</c>): the contract
/// types these fields as float, and clients in dynamic languages would otherwise see an int.
/// </summary>
internal sealed class FloatJsonConverter : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDouble();

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) => WriteFloat(writer, value);

    internal static void WriteFloat(Utf8JsonWriter writer, double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        writer.WriteRawValue(text.AsSpan().IndexOfAny(".eE") >= 0 ? text : text + ".0");
    }
}

internal sealed class TimeSeriesPairConverter : JsonConverter<TimeSeriesPair>
{
    public override TimeSeriesPair Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var items = document.RootElement;
        return new TimeSeriesPair(items[0].GetInt64(), items[1].GetDouble());
    }

    public override void Write(Utf8JsonWriter writer, TimeSeriesPair value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        writer.WriteNumberValue(value.Timestamp);
        FloatJsonConverter.WriteFloat(writer, value.Value);
        writer.WriteEndArray();
    }
}
