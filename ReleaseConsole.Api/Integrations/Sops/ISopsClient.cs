using ReleaseConsole.Api.Data;

namespace ReleaseConsole.Api.Integrations.Sops;

public sealed record SopsCreateTaskRequest(int BizId, string TaskName, string InnerIp, string OuterIp, int CloudId);

public sealed record SopsStepStatus(int Index, string Code, string Name, string State, DateTime? StartedAt, DateTime? FinishedAt);

public sealed record SopsTaskStatus(ReleaseTaskStatus State, IReadOnlyList<SopsStepStatus> Steps);

public enum SopsOperation { Pause, Resume, Revoke }

/// <summary>A SOPS call that failed: unreachable, or answered <c>result: false</c>.</summary>
public sealed class SopsException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>BlueKing Standard Operations (标准运维): create, start, poll and operate a release task.</summary>
public interface ISopsClient
{
    /// <summary>Creates the release task for one host; it stays CREATED until started.</summary>
    Task<long> CreateTaskAsync(SopsCreateTaskRequest request, CancellationToken cancellationToken);

    Task StartTaskAsync(int bizId, long taskId, CancellationToken cancellationToken);

    Task<SopsTaskStatus> GetTaskStatusAsync(int bizId, long taskId, CancellationToken cancellationToken);

    Task OperateTaskAsync(int bizId, long taskId, SopsOperation operation, CancellationToken cancellationToken);
}
