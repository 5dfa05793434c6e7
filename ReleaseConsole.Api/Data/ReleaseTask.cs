namespace ReleaseConsole.Api.Data;

/// <summary>One release of a service onto one host, backed by one SOPS task.</summary>
public sealed class ReleaseTask
{
    public int Id { get; set; }

    /// <summary>The SOPS task id (the contract's <c>task_id</c>); null only while the SOPS task is being created.</summary>
    public long? SopsTaskId { get; set; }

    public int BizId { get; set; }
    public required string InnerIp { get; set; }
    public required string OuterIp { get; set; }
    public int CloudId { get; set; }
    public required string Operator { get; set; }
    public ReleaseTaskStatus Status { get; set; }

    /// <summary>Why the task failed outside SOPS (e.g. the SOPS task could not be started).</summary>
    public string? Error { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? FinishedAt { get; set; }

    public List<ReleaseTaskStep> Steps { get; set; } = [];
}

/// <summary>A step (SOPS node) of a release task as last seen by the poller.</summary>
public sealed class ReleaseTaskStep
{
    public int Id { get; set; }
    public int ReleaseTaskId { get; set; }
    public int Index { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }

    /// <summary>The SOPS node state: READY, RUNNING, SUSPENDED, FINISHED, FAILED, REVOKED.</summary>
    public required string State { get; set; }

    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
}

/// <summary>One <c>sys_mem_usage</c> reading of a released host, kept for API-06.</summary>
public sealed class MetricSample
{
    public long Id { get; set; }
    public required string OuterIp { get; set; }

    /// <summary>Unix seconds.</summary>
    public long Timestamp { get; set; }

    public double Value { get; set; }
}
