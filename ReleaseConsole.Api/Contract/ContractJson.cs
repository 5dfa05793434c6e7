using System.Text.Encodings.Web;
using System.Text.Json;

namespace ReleaseConsole.Api.Contract;

/// <summary>JSON settings shared by the contract routes and the hub: snake_case keys, readable Chinese.</summary>
public static class ContractJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower;
        // Answers are application/json, never HTML, so non-ASCII text need not be \u-escaped.
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
    }
}
