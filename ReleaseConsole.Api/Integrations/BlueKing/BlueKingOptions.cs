using Microsoft.Extensions.Options;

namespace ReleaseConsole.Api.Integrations.BlueKing;

/// <summary>Section <c>BlueKing</c>: how to reach the real CMDB and SOPS, used when <c>ReleaseConsole:Backend</c> is BlueKing.</summary>
public sealed class BlueKingOptions
{
    public const string Section = "BlueKing";

    /// <summary>PaaS root for the ESB form, <c>{EsbUrl}/api/c/compapi/v2/{cc,sops}/{api}/</c>.</summary>
    public string? EsbUrl { get; set; }

    /// <summary>API gateway form, e.g. <c>http://bkapi.example.com/api/{api_name}/prod</c>; wins over EsbUrl when set.</summary>
    public string? ApiGatewayUrlTemplate { get; set; }

    public string? AppCode { get; set; }

    /// <summary>Sent only in the X-Bkapi-Authorization header; never logged, never in an error message.</summary>
    public string? AppSecret { get; set; }

    public string? Username { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First back-off of a retried read (CMDB queries, get_task_status); commands are never retried.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public BlueKingSopsOptions Sops { get; set; } = new();

    public bool UsesApiGateway => !string.IsNullOrWhiteSpace(ApiGatewayUrlTemplate);
}

public sealed class BlueKingSopsOptions
{
    /// <summary>The release flow template.</summary>
    public int TemplateId { get; set; }

    /// <summary>
    /// Template constant → host field that fills it. Fields: bk_host_innerip, bk_host_outerip, bk_cloud_id, bk_biz_id.
    /// Empty means <c>${ip}</c> → inner IP and <c>${bk_cloud_id}</c> → cloud id.
    /// </summary>
    public Dictionary<string, string> Constants { get; set; } = [];

    public static readonly IReadOnlyDictionary<string, string> DefaultConstants = new Dictionary<string, string>
    {
        ["${ip}"] = "bk_host_innerip",
        ["${bk_cloud_id}"] = "bk_cloud_id",
    };

    public static readonly IReadOnlySet<string> HostFields = new HashSet<string> { "bk_host_innerip", "bk_host_outerip", "bk_cloud_id", "bk_biz_id" };

    public IReadOnlyDictionary<string, string> EffectiveConstants => Constants.Count > 0 ? Constants : DefaultConstants;
}

/// <summary>Missing or malformed BlueKing settings stop the start-up, naming the key.</summary>
internal sealed class BlueKingOptionsValidator : IValidateOptions<BlueKingOptions>
{
    public ValidateOptionsResult Validate(string? name, BlueKingOptions options)
    {
        var failures = new List<string>();
        const string s = BlueKingOptions.Section;
        if (options.UsesApiGateway)
        {
            var probe = options.ApiGatewayUrlTemplate!.Replace("{api_name}", "bk-sops", StringComparison.Ordinal);
            if (!options.ApiGatewayUrlTemplate.Contains("{api_name}", StringComparison.Ordinal) || !IsHttpUrl(probe))
                failures.Add($"{s}:ApiGatewayUrlTemplate must be an http(s) URL containing {{api_name}}, e.g. http://bkapi.example.com/api/{{api_name}}/prod.");
        }
        else if (string.IsNullOrWhiteSpace(options.EsbUrl))
        {
            failures.Add($"{s}:EsbUrl or {s}:ApiGatewayUrlTemplate must be set.");
        }
        else if (!IsHttpUrl(options.EsbUrl))
        {
            failures.Add($"{s}:EsbUrl must be an http(s) URL, e.g. http://paas.example.com.");
        }
        if (string.IsNullOrWhiteSpace(options.AppCode)) failures.Add($"{s}:AppCode must be set.");
        if (string.IsNullOrWhiteSpace(options.AppSecret)) failures.Add($"{s}:AppSecret must be set.");
        if (string.IsNullOrWhiteSpace(options.Username)) failures.Add($"{s}:Username must be set.");
        if (options.Timeout <= TimeSpan.Zero) failures.Add($"{s}:Timeout must be positive.");
        if (options.RetryDelay <= TimeSpan.Zero) failures.Add($"{s}:RetryDelay must be positive.");
        if (options.Sops.TemplateId <= 0) failures.Add($"{s}:Sops:TemplateId must be the id of the release flow template.");
        foreach (var (constant, field) in options.Sops.EffectiveConstants)
        {
            if (!BlueKingSopsOptions.HostFields.Contains(field))
                failures.Add($"{s}:Sops:Constants:{constant} = '{field}' is not one of {string.Join(", ", BlueKingSopsOptions.HostFields)}.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
