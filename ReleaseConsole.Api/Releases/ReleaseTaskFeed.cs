namespace ReleaseConsole.Api.Releases;

/// <summary>A task as it is now; <paramref name="StatusChanged"/> is false when only its steps moved.</summary>
public sealed record ReleaseTaskChange(ReleaseTaskSummary Task, bool StatusChanged);

/// <summary>
/// In-process stream of task state changes. Pages subscribe for their circuit's lifetime (the circuit
/// already is the socket, so they need no SignalR client); a relay forwards every change to the hub.
/// </summary>
public sealed class ReleaseTaskFeed(ILogger<ReleaseTaskFeed> logger)
{
    private readonly Lock _lock = new();

    // Copied on write, so publishing reads a stable array without taking the lock.
    private volatile Func<ReleaseTaskChange, Task>[] _handlers = [];

    public IDisposable Subscribe(Func<ReleaseTaskChange, Task> onChanged)
    {
        lock (_lock) _handlers = [.. _handlers, onChanged];
        return new Subscription(this, onChanged);
    }

    public async Task PublishAsync(ReleaseTaskChange change)
    {
        foreach (var handler in _handlers)
        {
            try
            {
                await handler(change);
            }
            catch (Exception e)
            {
                // One broken subscriber (a closed circuit, a dropped hub) must not stop the others.
                logger.LogWarning(e, "A task change subscriber failed for task {TaskId}", change.Task.TaskId);
            }
        }
    }

    private void Unsubscribe(Func<ReleaseTaskChange, Task> handler)
    {
        lock (_lock) _handlers = _handlers.Where(h => h != handler).ToArray();
    }

    private sealed class Subscription(ReleaseTaskFeed feed, Func<ReleaseTaskChange, Task> handler) : IDisposable
    {
        public void Dispose() => feed.Unsubscribe(handler);
    }
}
