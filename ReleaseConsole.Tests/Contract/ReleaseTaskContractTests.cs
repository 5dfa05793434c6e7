using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ReleaseConsole.Api.Common;
using ReleaseConsole.Api.Data;
using ReleaseConsole.Tests.Infrastructure;

namespace ReleaseConsole.Tests.Contract;

/// <summary>API-03 POST /release_task/ and API-04 GET /release_task/.</summary>
public sealed partial class ReleaseTaskContractTests(ReleaseConsoleFactory factory) : IClassFixture<ReleaseConsoleFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private static object Host(int bizId, string innerIp, string outerIp, int cloudId) =>
        new { bk_biz_id = bizId, bk_host_innerip = innerIp, bk_host_outerip = outerIp, bk_cloud_id = cloudId };

    [Fact]
    public async Task A_release_answers_an_int_task_id_and_the_task_runs_to_FINISHED()
    {
        var data = await ContractAssert.SuccessAsync(await _client.PostAsJsonAsync("/release_task/", Host(5, "10.5.1.11", "123.123.0.141", 2)));

        ContractAssert.Keys(data, ("task_id", JsonValueKind.Number));
        var taskId = data.GetProperty("task_id").GetInt64();
        var finished = await factory.WaitForStatusAsync(taskId, ReleaseTaskStatus.Finished);
        Assert.Equal("10.5.1.11", finished.InnerIp);

        var list = await ContractAssert.SuccessAsync(await _client.GetAsync("/release_task/?status=FINISHED"));
        var item = Assert.Single(list.EnumerateArray(), t => t.GetProperty("task_id").GetInt64() == taskId);
        Assert.Equal("FINISHED", item.GetProperty("status").GetString());
        Assert.Equal("admin", item.GetProperty("operator").GetString());
    }

    [Fact]
    public async Task Integers_given_as_strings_are_accepted()
    {
        var body = """{"bk_biz_id":"5","bk_host_innerip":"10.5.1.14","bk_host_outerip":"123.123.0.142","bk_cloud_id":"0"}""";
        var data = await ContractAssert.SuccessAsync(await PostRawAsync(body));
        Assert.True(data.GetProperty("task_id").GetInt64() > 0);
    }

    [Fact]
    public async Task A_host_whose_release_failed_can_be_released_again()
    {
        var failed = await factory.ReleaseAsync(2, "10.0.0.9", "123.123.123.129", 0);
        await factory.WaitForStatusAsync(failed, ReleaseTaskStatus.Failed);

        var again = await factory.ReleaseAsync(2, "10.0.0.9", "123.123.123.129", 0);

        Assert.NotEqual(failed, again);
    }

    public static TheoryData<string, string> MalformedBodies => new()
    {
        { "", "body" },
        { "{", "body" },
        { "[1,2]", "body" },
        { "\"text\"", "body" },
        { """{"bk_host_innerip":"10.8.1.11","bk_host_outerip":"123.123.0.167","bk_cloud_id":2}""", "bk_biz_id" },
        { """{"bk_biz_id":8,"bk_host_outerip":"123.123.0.167","bk_cloud_id":2}""", "bk_host_innerip" },
        { """{"bk_biz_id":8,"bk_host_innerip":"10.8.1.11","bk_cloud_id":2}""", "bk_host_outerip" },
        { """{"bk_biz_id":8,"bk_host_innerip":"10.8.1.11","bk_host_outerip":"123.123.0.167"}""", "bk_cloud_id" },
        { """{"bk_biz_id":null,"bk_host_innerip":"10.8.1.11","bk_host_outerip":"123.123.0.167","bk_cloud_id":2}""", "bk_biz_id" },
        { """{"bk_biz_id":true,"bk_host_innerip":"10.8.1.11","bk_host_outerip":"123.123.0.167","bk_cloud_id":2}""", "bk_biz_id" },
        { """{"bk_biz_id":8.5,"bk_host_innerip":"10.8.1.11","bk_host_outerip":"123.123.0.167","bk_cloud_id":2}""", "bk_biz_id" },
        { """{"bk_biz_id":"eight","bk_host_innerip":"10.8.1.11","bk_host_outerip":"123.123.0.167","bk_cloud_id":2}""", "bk_biz_id" },
        { """{"bk_biz_id":8,"bk_host_innerip":10,"bk_host_outerip":"123.123.0.167","bk_cloud_id":2}""", "bk_host_innerip" },
        { """{"bk_biz_id":8,"bk_host_innerip":"10.8.1.11","bk_host_outerip":"123.123.0.167","bk_cloud_id":[2]}""", "bk_cloud_id" },
        { """{"bk_biz_id":8,"bk_host_innerip":"10.8.1.300","bk_host_outerip":"123.123.0.167","bk_cloud_id":2}""", "bk_host_innerip" },
        { """{"bk_biz_id":8,"bk_host_innerip":"10.8.1","bk_host_outerip":"123.123.0.167","bk_cloud_id":2}""", "bk_host_innerip" },
        { """{"bk_biz_id":8,"bk_host_innerip":"10.8.1.11","bk_host_outerip":"not-an-ip","bk_cloud_id":2}""", "bk_host_outerip" },
        { """{"bk_biz_id":8,"bk_host_innerip":"10.8.1.11","bk_host_outerip":"123.123.0.1","bk_cloud_id":2}""", "bk_host_outerip" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task Malformed_requests_answer_5500001_naming_the_field_and_create_nothing(string body, string field)
    {
        var message = await ContractAssert.ErrorAsync(await PostRawAsync(body), ErrorCodes.BadParameter);

        Assert.Contains(field, message);
        Assert.DoesNotContain("   at ", message); // no stack trace
        var tasks = await ContractAssert.SuccessAsync(await _client.GetAsync("/release_task/?bk_host_innerip=10.8.1.11"));
        Assert.Empty(tasks.EnumerateArray());
    }

    [Fact]
    public async Task A_body_that_is_not_application_json_is_refused()
    {
        using var content = new StringContent("""{"bk_biz_id":8}""", Encoding.UTF8, "text/plain");
        var message = await ContractAssert.ErrorAsync(await _client.PostAsync("/release_task/", content), ErrorCodes.BadParameter);
        Assert.Contains("application/json", message);
    }

    [Fact]
    public async Task An_unknown_business_answers_5501004()
    {
        var message = await ContractAssert.ErrorAsync(
            await _client.PostAsJsonAsync("/release_task/", Host(777, "10.0.0.1", "123.123.123.123", 1)), ErrorCodes.UnknownBusiness);
        Assert.Contains("777", message);
    }

    [Fact]
    public async Task A_host_of_another_business_or_cloud_answers_5501003_naming_both()
    {
        // 10.0.0.1 is in business 2 with cloud 1; business 3 has a 10.0.0.1 only in cloud 0.
        var message = await ContractAssert.ErrorAsync(
            await _client.PostAsJsonAsync("/release_task/", Host(3, "10.0.0.1", "123.123.123.123", 1)), ErrorCodes.HostNotInBusiness);
        Assert.Contains("3", message);
        Assert.Contains("10.0.0.1", message);
    }

    [Fact]
    public async Task The_list_is_newest_first_with_contract_keys_and_create_time_format()
    {
        var older = await factory.ReleaseAsync(8, "10.8.1.14", "123.123.0.168", 0);
        var newer = await factory.ReleaseAsync(8, "10.8.1.17", "123.123.0.169", 0);

        var data = await ContractAssert.SuccessAsync(await _client.GetAsync("/release_task/"));

        var items = data.EnumerateArray().ToList();
        foreach (var item in items)
        {
            ContractAssert.Keys(item,
                ("task_id", JsonValueKind.Number), ("bk_biz_id", JsonValueKind.Number), ("operator", JsonValueKind.String),
                ("bk_host_innerip", JsonValueKind.String), ("bk_host_outerip", JsonValueKind.String), ("bk_cloud_id", JsonValueKind.Number),
                ("status", JsonValueKind.String), ("create_time", JsonValueKind.String));
            Assert.Matches(CreateTimePattern(), item.GetProperty("create_time").GetString());
            Assert.Contains(item.GetProperty("status").GetString(), new[] { "CREATED", "RUNNING", "FAILED", "SUSPENDED", "REVOKED", "FINISHED" });
        }
        var ids = items.Select(i => i.GetProperty("task_id").GetInt64()).ToList();
        Assert.True(ids.IndexOf(newer) < ids.IndexOf(older), "newest first");
        var times = items.Select(i => i.GetProperty("create_time").GetString()).ToList();
        Assert.Equal(times.OrderByDescending(t => t, StringComparer.Ordinal), times);
    }

    [Theory]
    [InlineData("FINISHED")]
    [InlineData("finished")]
    [InlineData("Failed")]
    public async Task The_status_filter_ignores_case_and_keeps_only_that_status(string status)
    {
        var failed = await factory.ReleaseAsync(6, "10.6.1.32", "123.123.0.160", 0); // fails at start_new_version
        await factory.WaitForStatusAsync(failed, ReleaseTaskStatus.Failed);
        var finished = await factory.ReleaseAsync(6, "10.6.1.11", "123.123.0.153", 2);
        await factory.WaitForStatusAsync(finished, ReleaseTaskStatus.Finished);

        var data = await ContractAssert.SuccessAsync(await _client.GetAsync($"/release_task/?status={status}"));

        Assert.NotEmpty(data.EnumerateArray());
        Assert.All(data.EnumerateArray(), t => Assert.Equal(status.ToUpperInvariant(), t.GetProperty("status").GetString()));
    }

    [Theory]
    [InlineData("/release_task/?status=DONE", "status")]
    [InlineData("/release_task/?status=1", "status")]
    [InlineData("/release_task/?page=0", "page")]
    [InlineData("/release_task/?page_size=100000", "page_size")]
    [InlineData("/release_task/?bk_biz_id=x", "bk_biz_id")]
    [InlineData("/release_task/?bk_host_innerip=10.0.0", "bk_host_innerip")]
    public async Task Bad_list_filters_answer_5500001_naming_the_parameter(string path, string parameter)
    {
        var message = await ContractAssert.ErrorAsync(await _client.GetAsync(path), ErrorCodes.BadParameter);
        Assert.Contains(parameter, message);
    }

    [Fact]
    public async Task The_optional_business_and_paging_filters_narrow_the_list()
    {
        await factory.ReleaseAsync(3, "10.3.1.14", "123.123.0.138", 0);
        await factory.ReleaseAsync(3, "10.3.1.17", "123.123.0.139", 0);

        var business = await ContractAssert.SuccessAsync(await _client.GetAsync("/release_task/?bk_biz_id=3"));
        var page = await ContractAssert.SuccessAsync(await _client.GetAsync("/release_task/?bk_biz_id=3&page=1&page_size=1"));

        Assert.All(business.EnumerateArray(), t => Assert.Equal(3, t.GetProperty("bk_biz_id").GetInt32()));
        Assert.True(business.GetArrayLength() >= 2);
        Assert.Equal(1, page.GetArrayLength());
        Assert.Equal(business[0].GetProperty("task_id").GetInt64(), page[0].GetProperty("task_id").GetInt64());
    }

    private Task<HttpResponseMessage> PostRawAsync(string json) =>
        _client.PostAsync("/release_task/", new StringContent(json, Encoding.UTF8, "application/json"));

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")]
    private static partial Regex CreateTimePattern();
}
