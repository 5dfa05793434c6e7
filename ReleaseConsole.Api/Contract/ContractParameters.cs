using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using ReleaseConsole.Api.Common;

namespace ReleaseConsole.Api.Contract;

/// <summary>
/// Reads contract parameters by hand, so that every problem answers 5500001 naming the field
/// (model binding would answer 400 with its own shape).
/// </summary>
internal static class ContractParameters
{
    public static string? OptionalQuery(IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out var values)) return null;
        if (values.Count > 1) throw ReleaseConsoleException.BadParameter(name, "只能出现一次");
        return values[0];
    }

    public static string RequiredQuery(IQueryCollection query, string name) =>
        OptionalQuery(query, name) is { Length: > 0 } value ? value : throw Missing(name);

    public static int RequiredQueryInt(IQueryCollection query, string name) => ParseInt(RequiredQuery(query, name), name);

    public static long RequiredQueryLong(IQueryCollection query, string name) => ParseLong(RequiredQuery(query, name), name);

    public static int? OptionalQueryInt(IQueryCollection query, string name) =>
        OptionalQuery(query, name) is { Length: > 0 } value ? ParseInt(value, name) : null;

    public static async Task<JsonElement> ReadJsonObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            throw ReleaseConsoleException.BadParameter("body", "必须是 JSON，Content-Type 应为 application/json");
        }
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw ReleaseConsoleException.BadParameter("body", "必须是 JSON 对象");
            }
            return document.RootElement.Clone();
        }
        catch (JsonException e) when (e.BytePositionInLine == 0 && e.LineNumber == 0 && request.ContentLength is null or 0)
        {
            throw ReleaseConsoleException.BadParameter("body", "为空，应为 JSON 对象");
        }
        catch (JsonException e)
        {
            throw ReleaseConsoleException.BadParameter("body", $"不是合法的 JSON（第 {e.LineNumber + 1} 行第 {e.BytePositionInLine + 1} 个字节附近）");
        }
    }

    /// <summary>A JSON integer, or a string holding one.</summary>
    public static int RequiredInt(JsonElement body, string name)
    {
        var value = RequiredProperty(body, name);
        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt32(out var number) => number,
            JsonValueKind.String => ParseInt(value.GetString()!, name),
            _ => throw ReleaseConsoleException.BadParameter(name, $"必须为整数，收到 {Describe(value)}"),
        };
    }

    public static string RequiredString(JsonElement body, string name)
    {
        var value = RequiredProperty(body, name);
        return value.ValueKind == JsonValueKind.String
            ? value.GetString() is { Length: > 0 } text ? text : throw Missing(name)
            : throw ReleaseConsoleException.BadParameter(name, $"必须为字符串，收到 {Describe(value)}");
    }

    private static JsonElement RequiredProperty(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : throw Missing(name);

    private static int ParseInt(string text, string name) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw ReleaseConsoleException.BadParameter(name, $"必须为整数，收到 '{Truncate(text)}'");

    private static long ParseLong(string text, string name) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw ReleaseConsoleException.BadParameter(name, $"必须为整数，收到 '{Truncate(text)}'");

    private static ReleaseConsoleException Missing(string name) => ReleaseConsoleException.BadParameter(name, "为必填参数，不能为空");

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => $"数字 {Truncate(value.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => "布尔值",
        JsonValueKind.Array => "数组",
        JsonValueKind.Object => "对象",
        _ => value.ValueKind.ToString(),
    };

    private static string Truncate(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
