namespace ReleaseConsole.Api.Data;

/// <summary>Task states, named as SOPS names them (stored and sent upper-case: CREATED, RUNNING, ...).</summary>
public enum ReleaseTaskStatus
{
    Created,
    Running,
    Failed,
    Suspended,
    Revoked,
    Finished,
}

public static class ReleaseTaskStatusExtensions
{
    /// <summary>CREATED, RUNNING and SUSPENDED block another release of the same host (API-03).</summary>
    public static bool IsActive(this ReleaseTaskStatus status) =>
        status is ReleaseTaskStatus.Created or ReleaseTaskStatus.Running or ReleaseTaskStatus.Suspended;

    public static string ToContractString(this ReleaseTaskStatus status) => status.ToString().ToUpperInvariant();

    public static bool TryParseContract(string? value, out ReleaseTaskStatus status)
    {
        status = default;
        return !string.IsNullOrWhiteSpace(value)
            && value.Trim().All(char.IsAsciiLetter)
            && Enum.TryParse(value.Trim(), ignoreCase: true, out status);
    }

    public static IReadOnlyList<ReleaseTaskStatus> All { get; } = Enum.GetValues<ReleaseTaskStatus>();
}
