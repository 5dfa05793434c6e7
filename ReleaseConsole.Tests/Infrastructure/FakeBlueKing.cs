using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;

namespace ReleaseConsole.Tests.Infrastructure;

/// <summary>
/// An in-process stand-in for the BlueKing gateway and host exporters, at the HTTP layer: it answers
/// from a routing function and records every request, so tests see exactly what went on the wire.
/// </summary>
public sealed class FakeBlueKing : HttpMessageHandler
{
    public sealed record Call(HttpMethod Method, Uri Uri, string Body, string? Authorization)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;
    }

    public ConcurrentQueue<Call> Calls { get; } = new();

    /// <summary>Answers a call: an HTTP status and a body (an object is written as JSON, a string as is).</summary>
    public Func<Call, (HttpStatusCode Status, object Body)> Respond { get; set; } = _ => (HttpStatusCode.NotFound, "");

    public static object Ok(object? data) => new { result = true, code = 0, message = "", data };

    public static object Refused(int code, string message) => new { result = false, code, message, data = (object?)null };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var call = new Call(request.Method, request.RequestUri!, body,
            request.Headers.TryGetValues("X-Bkapi-Authorization", out var auth) ? auth.Single() : null);
        Calls.Enqueue(call);
        var (status, answer) = Respond(call);
        var text = answer as string ?? JsonSerializer.Serialize(answer);
        return new HttpResponseMessage(status)
        {
            RequestMessage = request,
            Content = new StringContent(text, Encoding.UTF8, answer is string ? "text/plain" : "application/json"),
        };
    }
}
