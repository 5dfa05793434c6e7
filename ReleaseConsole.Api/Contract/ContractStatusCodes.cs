using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReleaseConsole.Api.Common;

namespace ReleaseConsole.Api.Contract;

/// <summary>
/// The contract answers HTTP 200 with its envelope, always: a wrong method or content type on one of
/// the six paths, which routing would answer with a bare 405 or 415, becomes a 5500001 naming the method.
/// </summary>
public static class ContractStatusCodes
{
    private static readonly string[] ContractPaths = ["/business", "/host", "/release_task", "/realtime_data", "/time_series"];

    public static IApplicationBuilder UseContractStatusCodes(this IApplicationBuilder app) =>
        app.UseWhen(IsContractPath, branch => branch.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            if (http.Response.StatusCode is not (StatusCodes.Status405MethodNotAllowed or StatusCodes.Status415UnsupportedMediaType)) return;
            var allowed = http.Response.Headers.Allow.ToString();
            http.Response.StatusCode = StatusCodes.Status200OK;
            http.Response.ContentType = "application/json; charset=utf-8";
            var json = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Mvc.JsonOptions>>().Value.JsonSerializerOptions;
            var envelope = ApiEnvelope.Error(ErrorCodes.BadParameter,
                $"参数错误：请求方法 {http.Request.Method} 不受支持{(allowed.Length > 0 ? $"，应为 {allowed}" : "")}");
            await http.Response.WriteAsync(JsonSerializer.Serialize(envelope, json));
        }));

    private static bool IsContractPath(HttpContext context)
    {
        var path = context.Request.Path.Value?.TrimEnd('/') ?? "";
        return ContractPaths.Contains(path, StringComparer.OrdinalIgnoreCase);
    }
}
