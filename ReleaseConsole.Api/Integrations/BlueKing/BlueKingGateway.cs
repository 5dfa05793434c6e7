using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ReleaseConsole.Api.Integrations.BlueKing;

/// <summary>A BlueKing call that failed: the gateway or network (non-2xx, timeout) or the system itself (result: false).</summary>
public sealed class BlueKingException(string message, bool isTransient, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>True for gateway and network failures; false for a business error that a retry would not fix.</summary>
    public bool IsTransient { get; } = isTransient;
}

/// <summary>One BlueKing API: its ESB name and its API gateway resource path (path variables in braces).</summary>
internal sealed record BlueKingApi(string System, string Name, string GatewayName, HttpMethod Method, string GatewayPath, bool IsRead)
{
    public static readonly BlueKingApi SearchBusiness = new("cc", "search_business", "bk-cmdb", HttpMethod.Post, "/api/v3/biz/search/0", IsRead: true);
    public static readonly BlueKingApi ListBizHosts = new("cc", "list_biz_hosts", "bk-cmdb", HttpMethod.Post, "/api/v3/hosts/app/{bk_biz_id}/list_hosts", IsRead: true);
    public static readonly BlueKingApi CreateTask = new("sops", "create_task", "bk-sops", HttpMethod.Post, "/create_task/{template_id}/{bk_biz_id}/", IsRead: false);
    public static readonly BlueKingApi StartTask = new("sops", "start_task", "bk-sops", HttpMethod.Post, "/start_task/{task_id}/{bk_biz_id}/", IsRead: false);
    public static readonly BlueKingApi GetTaskStatus = new("sops", "get_task_status", "bk-sops", HttpMethod.Get, "/get_task_status/{task_id}/{bk_biz_id}/", IsRead: true);
    public static readonly BlueKingApi OperateTask = new("sops", "operate_task", "bk-sops", HttpMethod.Post, "/operate_task/{task_id}/{bk_biz_id}/", IsRead: false);
}

/// <summary>
/// Calls BlueKing through the API gateway or the legacy ESB, with the X-Bkapi-Authorization header,
/// and keeps the three outcomes apart: non-2xx (transient), 2xx with result:false (business error),
/// 2xx with result:true (the data). Reads go through a client that retries; commands never retry.
/// </summary>
internal sealed class BlueKingGateway(IHttpClientFactory clients, IOptions<BlueKingOptions> options)
{
    public const string ReadClient = "BlueKing.Reads";
    public const string CommandClient = "BlueKing.Commands";

    public async Task<JsonElement> CallAsync(
        BlueKingApi api,
        IReadOnlyDictionary<string, object> pathValues,
        IReadOnlyDictionary<string, object?>? body,
        CancellationToken cancellationToken)
    {
        using var request = BuildRequest(api, pathValues, body);
        var http = clients.CreateClient(api.IsRead ? ReadClient : CommandClient);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BlueKingException($"{api.System}.{api.Name} is unreachable ({e.GetType().Name})", isTransient: true, e);
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new BlueKingException($"{api.System}.{api.Name} answered HTTP {(int)response.StatusCode}", isTransient: true);
            }
            JsonElement envelope;
            try
            {
                envelope = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            }
            catch (JsonException e)
            {
                throw new BlueKingException($"{api.System}.{api.Name} answered something other than JSON", isTransient: true, e);
            }
            // result is authoritative: bk-monitor, for one, answers code 200 on success.
            if (envelope.ValueKind != JsonValueKind.Object
                || !envelope.TryGetProperty("result", out var result) || result.ValueKind != JsonValueKind.True)
            {
                var message = envelope.ValueKind == JsonValueKind.Object && envelope.TryGetProperty("message", out var m) ? m.ToString() : "";
                var code = envelope.ValueKind == JsonValueKind.Object && envelope.TryGetProperty("code", out var c) ? c.ToString() : "?";
                throw new BlueKingException($"{api.System}.{api.Name} refused: {message} (code {code})", isTransient: false);
            }
            return envelope.TryGetProperty("data", out var data) ? data.Clone() : default;
        }
    }

    private HttpRequestMessage BuildRequest(BlueKingApi api, IReadOnlyDictionary<string, object> pathValues, IReadOnlyDictionary<string, object?>? body)
    {
        var settings = options.Value;
        string url;
        Dictionary<string, object?> payload = body is null ? [] : new(body);
        if (settings.UsesApiGateway)
        {
            var path = pathValues.Aggregate(api.GatewayPath, (p, v) => p.Replace($"{{{v.Key}}}", Uri.EscapeDataString(Convert.ToString(v.Value, System.Globalization.CultureInfo.InvariantCulture)!), StringComparison.Ordinal));
            url = settings.ApiGatewayUrlTemplate!.Replace("{api_name}", api.GatewayName, StringComparison.Ordinal).TrimEnd('/') + path;
        }
        else
        {
            // The ESB form carries path variables in the body (POST) or the query string (GET).
            url = $"{settings.EsbUrl!.TrimEnd('/')}/api/c/compapi/v2/{api.System}/{api.Name}/";
            foreach (var (key, value) in pathValues) payload[key] = value;
        }
        if (api.Method == HttpMethod.Get && payload.Count > 0)
        {
            url += "?" + string.Join("&", payload.Select(p =>
                $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "")}"));
        }
        var request = new HttpRequestMessage(api.Method, url);
        if (api.Method != HttpMethod.Get) request.Content = JsonContent.Create(payload);
        request.Headers.TryAddWithoutValidation("X-Bkapi-Authorization", JsonSerializer.Serialize(new Dictionary<string, string?>
        {
            ["bk_app_code"] = settings.AppCode,
            ["bk_app_secret"] = settings.AppSecret,
            ["bk_username"] = settings.Username,
        }));
        return request;
    }
}
