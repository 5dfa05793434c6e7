using Microsoft.AspNetCore.Components;
using ReleaseConsole.Api.Data;
using ReleaseConsole.Api.Releases;
using ReleaseConsole.Components.Model;

namespace ReleaseConsole.Components.Pages;

/// <summary>The task list, newest first, with live state chips: a snapshot, then the feed's changes.</summary>
public partial class Tasks
{
    public const int TaskListLimit = 500;

    private List<ReleaseTaskSummary> _tasks = [];
    private ReleaseTaskStatus? _status;
    private bool _loading = true;
    private IDisposable? _subscription;

    [Inject] public required TaskQueryService Query { get; init; }
    [Inject] public required ReleaseTaskFeed Feed { get; init; }
    [Inject] public required TimeFormatter Time { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }

    /// <summary>The status filter, kept in the URL.</summary>
    [SupplyParameterFromQuery(Name = "status")] public string? StatusQuery { get; set; }

    protected override void OnInitialized() =>
        _subscription = Feed.Subscribe(change => InvokeAsync(() => OnTaskChanged(change.Task)));

    protected override async Task OnParametersSetAsync()
    {
        _status = ReleaseTaskStatusExtensions.TryParseContract(StatusQuery, out var status) ? status : null;
        await LoadAsync();
    }

    private async Task FilterAsync(ReleaseTaskStatus? status)
    {
        _status = status;
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("status", status?.ToContractString()), replace: true);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _loading = true;
        _tasks = (await Query.ListAsync(new ReleaseTaskQuery(_status, Page: 1, PageSize: TaskListLimit), CancellationToken.None)).ToList();
        _loading = false;
    }

    private void OnTaskChanged(ReleaseTaskSummary task)
    {
        var index = _tasks.FindIndex(t => t.Id == task.Id);
        var matches = _status is null || _status == task.Status;
        if (index >= 0 && matches) _tasks[index] = task;
        else if (index >= 0) _tasks.RemoveAt(index);
        else if (matches) _tasks.Insert(0, task);
        else return;
        StateHasChanged();
    }

    public void Dispose() => _subscription?.Dispose();
}
