using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using ReleaseConsole.Api.Common;

namespace ReleaseConsole.Api.Contract;

/// <summary>Turns every failure of a contract route into the documented envelope, with HTTP 200.</summary>
internal sealed class ContractExceptionFilter(ILogger<ContractExceptionFilter> logger) : IExceptionFilter
{
    public void OnException(ExceptionContext context)
    {
        if (context.Exception is OperationCanceledException && context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            return; // the caller left; nobody reads an answer
        }
        ApiEnvelope envelope;
        if (context.Exception is ReleaseConsoleException known)
        {
            envelope = ApiEnvelope.Error(known.Code, known.Message);
        }
        else
        {
            var traceId = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
            logger.LogError(context.Exception, "Unexpected failure on {Path}, trace {TraceId}", context.HttpContext.Request.Path, traceId);
            envelope = ApiEnvelope.Error(ErrorCodes.Unexpected, $"服务器内部错误，trace_id：{traceId}");
        }
        context.Result = new OkObjectResult(envelope);
        context.ExceptionHandled = true;
    }
}

/// <summary>Base of the contract controllers: JSON envelopes, errors handled by <see cref="ContractExceptionFilter"/>.</summary>
[TypeFilter<ContractExceptionFilter>]
[Produces("application/json")]
public abstract class ContractController : ControllerBase
{
    protected static OkObjectResult Envelope(object? data) => new(ApiEnvelope.Ok(data));
}
