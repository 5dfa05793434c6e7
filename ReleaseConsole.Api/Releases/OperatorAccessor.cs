using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using ReleaseConsole.Api.Configuration;

namespace ReleaseConsole.Api.Releases;

/// <summary>Who is releasing: the signed-in user, else <c>ReleaseConsole:DefaultOperator</c>.</summary>
public interface IOperatorAccessor
{
    string CurrentOperator { get; }
}

internal sealed class HttpContextOperatorAccessor(IHttpContextAccessor http, IOptions<ReleaseConsoleOptions> options) : IOperatorAccessor
{
    public string CurrentOperator =>
        http.HttpContext?.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : options.Value.DefaultOperator;
}
