namespace ReleaseConsole.Api.Common;

/// <summary>
/// A failure with a documented code. Services throw it; the contract routes answer it as
/// <c>{result:false, code, message, data:null}</c> and the pages show its message.
/// </summary>
public sealed class ReleaseConsoleException(int code, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public int Code { get; } = code;

    public static ReleaseConsoleException BadParameter(string parameter, string problem) =>
        new(ErrorCodes.BadParameter, $"参数错误：{parameter} {problem}");

    public static ReleaseConsoleException Upstream(string system, string problem, Exception? inner = null) =>
        new(ErrorCodes.UpstreamFailure, $"{system} 调用失败：{problem}", inner);
}
