namespace ReleaseConsole.Api.Common;

/// <summary>The error codes of DESIGN.md; the contract answers them with HTTP 200 and result=false.</summary>
public static class ErrorCodes
{
    public const int Ok = 0;
    public const int HostHasActiveTask = 5501001;
    public const int HostNotReleased = 5501002;
    public const int HostNotInBusiness = 5501003;
    public const int UnknownBusiness = 5501004;
    public const int BadParameter = 5500001;
    public const int UpstreamFailure = 5500002;
    public const int Unexpected = 5500500;

    public const string HostHasActiveTaskMessage = "创建发布任务失败：当前主机存在未完成的任务";
    public const string HostNotReleasedMessage = "查询失败，该主机尚未发布服务";
}
