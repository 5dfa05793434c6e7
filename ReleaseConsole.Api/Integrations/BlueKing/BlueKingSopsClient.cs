using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using ReleaseConsole.Api.Data;
using ReleaseConsole.Api.Integrations.Sops;

namespace ReleaseConsole.Api.Integrations.BlueKing;

/// <summary>
/// SOPS over BlueKing: create_task with the template's constants filled from the host, start_task
/// (never retried: it is not idempotent), get_task_status polled, operate_task for pause, resume, revoke.
/// </summary>
internal sealed partial class BlueKingSopsClient(
    BlueKingGateway gateway,
    IOptions<BlueKingOptions> options,
    ILogger<BlueKingSopsClient> logger) : ISopsClient
{
    private static readonly ConcurrentDictionary<string, bool> ReportedStates = new();

    public async Task<long> CreateTaskAsync(SopsCreateTaskRequest request, CancellationToken cancellationToken)
    {
        var sops = options.Value.Sops;
        var constants = sops.EffectiveConstants.ToDictionary(c => c.Key, c => (object?)(c.Value switch
        {
            "bk_host_innerip" => request.InnerIp,
            "bk_host_outerip" => request.OuterIp,
            "bk_cloud_id" => request.CloudId,
            _ => request.BizId,
        }));
        var data = await CallAsync(BlueKingApi.CreateTask,
            new Dictionary<string, object> { ["template_id"] = sops.TemplateId, ["bk_biz_id"] = request.BizId },
            new Dictionary<string, object?> { ["name"] = request.TaskName, ["constants"] = constants },
            cancellationToken);
        return data.GetProperty("task_id").GetInt64();
    }

    public Task StartTaskAsync(int bizId, long taskId, CancellationToken cancellationToken) =>
        CallAsync(BlueKingApi.StartTask, TaskPath(bizId, taskId), new Dictionary<string, object?>(), cancellationToken);

    public async Task<SopsTaskStatus> GetTaskStatusAsync(int bizId, long taskId, CancellationToken cancellationToken)
    {
        var data = await CallAsync(BlueKingApi.GetTaskStatus, TaskPath(bizId, taskId), null, cancellationToken);
        return ParseStatus(data);
    }

    public Task OperateTaskAsync(int bizId, long taskId, SopsOperation operation, CancellationToken cancellationToken) =>
        CallAsync(BlueKingApi.OperateTask, TaskPath(bizId, taskId),
            new Dictionary<string, object?> { ["action"] = operation.ToString().ToLowerInvariant() }, cancellationToken);

    internal SopsTaskStatus ParseStatus(JsonElement data)
    {
        var state = MapState(data.TryGetProperty("state", out var s) ? s.GetString() : null);
        var steps = new List<(string Id, string Name, string State, DateTime? Started, DateTime? Finished)>();
        if (data.TryGetProperty("children", out var children) && children.ValueKind == JsonValueKind.Object)
        {
            foreach (var child in children.EnumerateObject())
            {
                var name = child.Value.TryGetProperty("name", out var n) ? n.GetString() ?? child.Name : child.Name;
                if (name.StartsWith("<class", StringComparison.Ordinal)) continue; // start and end events, not steps
                steps.Add((child.Name, name, child.Value.TryGetProperty("state", out var st) ? st.GetString() ?? "" : "",
                    ParseTime(child.Value, "start_time"), ParseTime(child.Value, "finish_time")));
            }
        }
        // Only reached nodes appear, keyed by id: their start times give the order.
        return new SopsTaskStatus(state, steps
            .OrderBy(x => x.Started ?? DateTime.MaxValue).ThenBy(x => x.Id, StringComparer.Ordinal)
            .Select((x, i) => new SopsStepStatus(i, x.Id, x.Name, x.State, x.Started, x.Finished))
            .ToList());
    }

    /// <summary>SOPS states as the console knows them; unknown ones are tolerated and reported once.</summary>
    internal ReleaseTaskStatus MapState(string? state)
    {
        switch (state)
        {
            case "CREATED" or "READY": return ReleaseTaskStatus.Created;
            case "RUNNING": return ReleaseTaskStatus.Running;
            case "SUSPENDED" or "NODE_SUSPENDED": return ReleaseTaskStatus.Suspended;
            case "FAILED": return ReleaseTaskStatus.Failed;
            case "FINISHED": return ReleaseTaskStatus.Finished;
            case "REVOKED" or "EXPIRED": return ReleaseTaskStatus.Revoked;
        }
        if (state is not null && state.StartsWith("PENDING", StringComparison.Ordinal)) return ReleaseTaskStatus.Suspended;
        if (ReportedStates.TryAdd(state ?? "", true))
        {
            logger.LogWarning("SOPS reported the unknown task state {State}; it is treated as RUNNING", state);
        }
        return ReleaseTaskStatus.Running; // e.g. ROLLING_BACK: still active, keep polling
    }

    private async Task<JsonElement> CallAsync(BlueKingApi api, IReadOnlyDictionary<string, object> path, IReadOnlyDictionary<string, object?>? body, CancellationToken cancellationToken)
    {
        try
        {
            return await gateway.CallAsync(api, path, body, cancellationToken);
        }
        catch (BlueKingException e)
        {
            throw new SopsException(e.Message, e);
        }
    }

    private static Dictionary<string, object> TaskPath(int bizId, long taskId) => new() { ["task_id"] = taskId, ["bk_biz_id"] = bizId };

    private static DateTime? ParseTime(JsonElement node, string property)
    {
        if (!node.TryGetProperty(property, out var value) || value.GetString() is not { Length: > 0 } text) return null;
        // SOPS writes "2020-08-17 20:13:53 +0800"; .NET wants the offset as +08:00.
        text = OffsetWithoutColon().Replace(text, "$1:$2");
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.UtcDateTime
            : null;
    }

    [GeneratedRegex(@"([+-]\d{2})(\d{2})$")]
    private static partial Regex OffsetWithoutColon();
}
