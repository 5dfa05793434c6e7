using Microsoft.Extensions.Logging.Abstractions;
using ReleaseConsole.Api.Data;
using ReleaseConsole.Api.Releases;

namespace ReleaseConsole.Tests.Releases;

public sealed class ReleaseTaskFeedTests
{
    private static readonly ReleaseTaskChange Change = new(
        new ReleaseTaskSummary(1, 7, 2, "admin", "10.0.0.1", "123.123.123.123", 1, ReleaseTaskStatus.Running, DateTime.UtcNow, DateTime.UtcNow, null),
        StatusChanged: true);

    [Fact]
    public async Task A_failing_subscriber_does_not_keep_the_change_from_the_others()
    {
        var feed = new ReleaseTaskFeed(NullLogger<ReleaseTaskFeed>.Instance);
        var received = new List<long>();
        using var broken = feed.Subscribe(_ => throw new ObjectDisposedException("circuit"));
        using var working = feed.Subscribe(c =>
        {
            received.Add(c.Task.TaskId);
            return Task.CompletedTask;
        });

        await feed.PublishAsync(Change);

        Assert.Equal([7L], received);
    }

    [Fact]
    public async Task A_disposed_subscription_receives_nothing_more()
    {
        var feed = new ReleaseTaskFeed(NullLogger<ReleaseTaskFeed>.Instance);
        var count = 0;
        var subscription = feed.Subscribe(_ =>
        {
            count++;
            return Task.CompletedTask;
        });

        await feed.PublishAsync(Change);
        subscription.Dispose();
        await feed.PublishAsync(Change);

        Assert.Equal(1, count);
    }
}
