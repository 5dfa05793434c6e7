namespace ReleaseConsole.Api.Integrations.Embedded;

public sealed record ReleaseTemplateStep(string Code, string Name);

/// <summary>The release flow the embedded SOPS runs: the steps of a typical service release template.</summary>
public static class ReleaseTemplate
{
    public const string Name = "服务发布";

    public static IReadOnlyList<ReleaseTemplateStep> Steps { get; } =
    [
        new("check_host", "检查主机"),
        new("distribute_package", "分发安装包"),
        new("stop_old_version", "停止旧版本"),
        new("start_new_version", "启动新版本"),
        new("health_check", "健康检查"),
    ];

    public static bool HasStep(string code) => Steps.Any(s => s.Code == code);
}
