using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using ReleaseConsole.Tests.Infrastructure;

namespace ReleaseConsole.Tests.Hubs;

public sealed class ReleaseTaskHubTests(ReleaseConsoleFactory factory) : IClassFixture<ReleaseConsoleFactory>
{
    [Fact]
    public async Task A_client_receives_TaskChanged_with_API_04_items_through_every_state_to_FINISHED()
    {
        var server = factory.Server;
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "/hubs/release-tasks"), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => server.CreateHandler();
            })
            .Build();
        var received = new ConcurrentQueue<JsonElement>();
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<JsonElement>("TaskChanged", item =>
        {
            received.Enqueue(item);
            if (item.GetProperty("status").GetString() == "FINISHED") finished.TrySetResult();
        });
        await connection.StartAsync();

        var taskId = await factory.ReleaseAsync(3, "10.0.0.2", "123.123.123.124", 0);
        await finished.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var mine = received.Where(i => i.GetProperty("task_id").GetInt64() == taskId).ToList();
        Assert.Equal(["CREATED", "RUNNING", "FINISHED"], mine.Select(i => i.GetProperty("status").GetString()));
        Assert.All(mine, item => ContractAssert.Keys(item,
            ("task_id", JsonValueKind.Number), ("bk_biz_id", JsonValueKind.Number), ("operator", JsonValueKind.String),
            ("bk_host_innerip", JsonValueKind.String), ("bk_host_outerip", JsonValueKind.String), ("bk_cloud_id", JsonValueKind.Number),
            ("status", JsonValueKind.String), ("create_time", JsonValueKind.String)));
        Assert.Equal("123.123.123.124", mine[^1].GetProperty("bk_host_outerip").GetString());
    }
}
