using Microsoft.Extensions.Hosting;

namespace ReleaseConsole.Api.Common;

/// <summary>
/// Background work that runs at start-up and then every <see cref="Interval"/>; a failed round is
/// logged and the next one runs as planned.
/// </summary>
public abstract class PeriodicWorker(TimeProvider clock, ILogger logger) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;

    protected abstract TimeSpan Interval { get; }

    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, Clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "{Worker} failed; trying again in {Interval}", GetType().Name, Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
