using Microsoft.AspNetCore.Components;
using MudBlazor;
using ReleaseConsole.Api.Catalog;
using ReleaseConsole.Api.Common;
using ReleaseConsole.Api.Data;
using ReleaseConsole.Api.Integrations.Cmdb;
using ReleaseConsole.Api.Releases;

namespace ReleaseConsole.Components.Pages;

/// <summary>Pick a business, pick hosts, release them; each host's current task state updates live.</summary>
public partial class Release
{
    private IReadOnlyList<CmdbBusiness> _businesses = [];
    private List<HostRow> _hosts = [];
    private readonly HashSet<string> _selected = [];
    private readonly Dictionary<string, ReleaseOutcome> _outcomes = [];
    private int? _bizId;
    private int? _loadedBizId;
    private string? _search;
    private string? _loadError;
    private bool _loadingHosts;
    private bool _releasing;
    private int _progress;
    private int _progressTotal;
    private IDisposable? _subscription;

    [Inject] public required CatalogService Catalog { get; init; }
    [Inject] public required TaskQueryService Tasks { get; init; }
    [Inject] public required ReleaseService Releases { get; init; }
    [Inject] public required ReleaseTaskFeed Feed { get; init; }
    [Inject] public required IDialogService Dialogs { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }

    /// <summary>The chosen business, kept in the URL so that a link or a reload shows the same hosts.</summary>
    [SupplyParameterFromQuery(Name = "biz")] public int? BizQuery { get; set; }

    protected override async Task OnInitializedAsync()
    {
        _subscription = Feed.Subscribe(change => InvokeAsync(() => OnTaskChanged(change.Task)));
        try
        {
            _businesses = await Catalog.GetBusinessesAsync(CancellationToken.None);
        }
        catch (ReleaseConsoleException e)
        {
            _loadError = e.Message;
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        _bizId = BizQuery;
        if (_bizId is { } bizId && bizId != _loadedBizId) await LoadHostsAsync(bizId);
    }

    private IEnumerable<HostRow> VisibleHosts =>
        string.IsNullOrWhiteSpace(_search)
            ? _hosts
            : _hosts.Where(h => h.Host.InnerIp.Contains(_search.Trim(), StringComparison.OrdinalIgnoreCase)
                || h.Host.OuterIp.Contains(_search.Trim(), StringComparison.OrdinalIgnoreCase)
                || (h.Host.HostName?.Contains(_search.Trim(), StringComparison.OrdinalIgnoreCase) ?? false));

    private bool AllVisibleSelected
    {
        get
        {
            var releasable = VisibleHosts.Where(h => h.Blocker is null).ToList();
            return releasable.Count > 0 && releasable.All(h => _selected.Contains(h.Key));
        }
    }

    private async Task SelectBusinessAsync(int? bizId)
    {
        _bizId = bizId;
        if (bizId is { } id)
        {
            Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("biz", id), replace: true);
            await LoadHostsAsync(id);
        }
    }

    private async Task LoadHostsAsync(int bizId)
    {
        _loadedBizId = bizId;
        _loadingHosts = true;
        _loadError = null;
        _selected.Clear();
        _outcomes.Clear();
        try
        {
            var hosts = await Catalog.GetHostsAsync(bizId, CancellationToken.None);
            var latest = await Tasks.GetLatestByHostAsync(hosts.Select(h => (h.InnerIp, h.CloudId)), CancellationToken.None);
            _hosts = hosts.Select(h => new HostRow(h, latest.GetValueOrDefault((h.InnerIp, h.CloudId)))).ToList();
        }
        catch (ReleaseConsoleException e)
        {
            _hosts = [];
            _loadError = e.Message;
        }
        finally
        {
            _loadingHosts = false;
        }
    }

    private void Toggle(HostRow row, bool selected)
    {
        if (selected && row.Blocker is null) _selected.Add(row.Key);
        else _selected.Remove(row.Key);
    }

    private void SelectAllVisible(bool selected)
    {
        foreach (var row in VisibleHosts) Toggle(row, selected);
    }

    private async Task ReleaseSelectedAsync()
    {
        var targets = _hosts.Where(h => _selected.Contains(h.Key)).ToList();
        if (targets.Count == 0) return;
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "确认发布",
            $"将在 {targets.Count} 台主机上发布服务：{string.Join("、", targets.Take(5).Select(t => t.Host.InnerIp))}{(targets.Count > 5 ? " 等" : "")}。确定继续吗？",
            yesText: "发布", cancelText: "取消");
        if (confirmed != true) return;

        _releasing = true;
        _progress = 0;
        _progressTotal = targets.Count;
        foreach (var target in targets)
        {
            try
            {
                var taskId = await Releases.ReleaseAsync(
                    new ReleaseRequest(_bizId!.Value, target.Host.InnerIp, target.Host.OuterIp, target.Host.CloudId), CancellationToken.None);
                _outcomes[target.Key] = new ReleaseOutcome(taskId, null);
            }
            catch (ReleaseConsoleException e)
            {
                _outcomes[target.Key] = new ReleaseOutcome(null, e.Message);
            }
            _selected.Remove(target.Key);
            _progress++;
            StateHasChanged();
        }
        _releasing = false;
    }

    private void OnTaskChanged(ReleaseTaskSummary task)
    {
        var index = _hosts.FindIndex(h => h.Host.InnerIp == task.InnerIp && h.Host.CloudId == task.CloudId);
        if (index < 0 || (_hosts[index].Latest is { } known && known.Id > task.Id)) return;
        _hosts[index] = _hosts[index] with { Latest = task };
        if (_hosts[index].Blocker is not null) _selected.Remove(_hosts[index].Key);
        StateHasChanged();
    }

    public void Dispose() => _subscription?.Dispose();

    private sealed record HostRow(CmdbHost Host, ReleaseTaskSummary? Latest)
    {
        public string Key { get; } = $"{Host.InnerIp}|{Host.CloudId}";
        /// <summary>Why the host cannot be released now, or null.</summary>
        public string? Blocker =>
            Latest?.Status.IsActive() == true ? "存在未完成的任务，不能再次发布"
            : !IpAddresses.IsIPv4(Host.OuterIp) ? "没有外网 IP，无法发布（指标按外网 IP 查询）"
            : null;
    }

    private sealed record ReleaseOutcome(long? TaskId, string? Error);
}
