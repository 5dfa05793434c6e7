using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ReleaseConsole.Api.Configuration;
using ReleaseConsole.Api.Contract;
using ReleaseConsole.Api.Releases;

namespace ReleaseConsole.Api.Hubs;

/// <summary>
/// <c>/hubs/release-tasks</c>: clients only listen. Every state change arrives as <c>TaskChanged</c>
/// carrying an API-04 item.
/// </summary>
public sealed class ReleaseTaskHub : Hub
{
    public const string Path = "/hubs/release-tasks";
    public const string TaskChanged = "TaskChanged";
}

/// <summary>Forwards the in-process task feed to the hub's clients.</summary>
internal sealed class HubTaskChangeRelay(
    ReleaseTaskFeed feed,
    IHubContext<ReleaseTaskHub> hub,
    IOptions<ReleaseConsoleOptions> options) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var zone = options.Value.ResolveTimeZone();
        _subscription = feed.Subscribe(change => change.StatusChanged
            ? hub.Clients.All.SendAsync(ReleaseTaskHub.TaskChanged, TaskItem.From(change.Task, zone))
            : Task.CompletedTask);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}
