using Microsoft.AspNetCore.Components;
using MudBlazor;
using ReleaseConsole.Api.Releases;
using ReleaseConsole.Components.Model;

namespace ReleaseConsole.Components.Pages;

/// <summary>One task with its steps; reloads whenever the feed reports a change of it (steps included).</summary>
public partial class TaskDetail
{
    private ReleaseTaskDetail? _detail;
    private bool _loading = true;
    private IDisposable? _subscription;
    private List<BreadcrumbItem> _breadcrumbs = [];

    [Inject] public required TaskQueryService Query { get; init; }
    [Inject] public required ReleaseTaskFeed Feed { get; init; }
    [Inject] public required TimeFormatter Time { get; init; }

    [Parameter] public long TaskId { get; set; }

    protected override void OnInitialized() =>
        _subscription = Feed.Subscribe(change => change.Task.TaskId == TaskId
            ? InvokeAsync(async () =>
            {
                await LoadAsync();
                StateHasChanged();
            })
            : Task.CompletedTask);

    protected override async Task OnParametersSetAsync()
    {
        _breadcrumbs = [new("任务", "/tasks"), new($"#{TaskId}", null, disabled: true)];
        await LoadAsync();
    }

    /// <summary>Why a task ended badly: its own error, else the step that failed.</summary>
    private string Note =>
        _detail?.Task.Error
        ?? (_detail?.Steps.FirstOrDefault(s => s.State == "FAILED") is { } failed ? $"步骤「{failed.Name}」执行失败" : "—");

    private async Task LoadAsync()
    {
        _detail = await Query.GetAsync(TaskId, CancellationToken.None);
        _loading = false;
    }

    public void Dispose() => _subscription?.Dispose();
}
