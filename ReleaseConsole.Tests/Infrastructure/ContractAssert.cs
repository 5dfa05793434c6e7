using System.Net;
using System.Text.Json;

namespace ReleaseConsole.Tests.Infrastructure;

/// <summary>Checks of the envelope every contract answer must have.</summary>
public static class ContractAssert
{
    /// <summary>HTTP 200, application/json, the four keys with their JSON types; returns the body.</summary>
    public static async Task<JsonElement> EnvelopeAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal(JsonValueKind.Object, body.ValueKind);
        Assert.True(body.GetProperty("result").ValueKind is JsonValueKind.True or JsonValueKind.False, text);
        Assert.Equal(JsonValueKind.Number, body.GetProperty("code").ValueKind);
        Assert.True(body.GetProperty("code").TryGetInt32(out _), "code must be an int");
        Assert.Equal(JsonValueKind.String, body.GetProperty("message").ValueKind);
        Assert.True(body.TryGetProperty("data", out _), "data must be present");
        return body;
    }

    public static async Task<JsonElement> SuccessAsync(HttpResponseMessage response)
    {
        var body = await EnvelopeAsync(response);
        Assert.True(body.GetProperty("result").GetBoolean(), body.ToString());
        Assert.Equal(0, body.GetProperty("code").GetInt32());
        Assert.Equal("OK", body.GetProperty("message").GetString());
        return body.GetProperty("data");
    }

    /// <summary>An error answer with the code; returns its message.</summary>
    public static async Task<string> ErrorAsync(HttpResponseMessage response, int code)
    {
        var body = await EnvelopeAsync(response);
        Assert.False(body.GetProperty("result").GetBoolean(), body.ToString());
        Assert.Equal(code, body.GetProperty("code").GetInt32());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("data").ValueKind);
        return body.GetProperty("message").GetString()!;
    }

    public static void Keys(JsonElement item, params (string Name, JsonValueKind Kind)[] expected)
    {
        Assert.Equal(expected.Select(e => e.Name).Order(), item.EnumerateObject().Select(p => p.Name).Order());
        foreach (var (name, kind) in expected) Assert.Equal(kind, item.GetProperty(name).ValueKind);
    }
}
