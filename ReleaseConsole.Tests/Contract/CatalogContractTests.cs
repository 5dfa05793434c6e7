using System.Text.Json;
using ReleaseConsole.Api.Common;
using ReleaseConsole.Tests.Infrastructure;

namespace ReleaseConsole.Tests.Contract;

/// <summary>API-01 GET /business/ and API-02 GET /host/.</summary>
public sealed class CatalogContractTests(ReleaseConsoleFactory factory) : IClassFixture<ReleaseConsoleFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("/business/")]
    [InlineData("/business")]
    public async Task Businesses_list_the_contract_examples_with_int_ids(string path)
    {
        var data = await ContractAssert.SuccessAsync(await _client.GetAsync(path));

        Assert.Equal(JsonValueKind.Array, data.ValueKind);
        foreach (var item in data.EnumerateArray())
        {
            ContractAssert.Keys(item, ("bk_biz_id", JsonValueKind.Number), ("bk_biz_name", JsonValueKind.String));
        }
        var businesses = data.EnumerateArray().ToDictionary(b => b.GetProperty("bk_biz_id").GetInt32(), b => b.GetProperty("bk_biz_name").GetString());
        Assert.Equal("蓝鲸", businesses[2]);
        Assert.Equal("test", businesses[3]);
        Assert.True(businesses.Count >= 3, "the embedded estate has more than the two examples");
    }

    [Theory]
    [InlineData("/host/?bk_biz_id=2")]
    [InlineData("/host?bk_biz_id=2")]
    public async Task Hosts_of_a_business_have_the_three_contract_fields(string path)
    {
        var data = await ContractAssert.SuccessAsync(await _client.GetAsync(path));

        foreach (var item in data.EnumerateArray())
        {
            ContractAssert.Keys(item,
                ("bk_host_innerip", JsonValueKind.String), ("bk_host_outerip", JsonValueKind.String), ("bk_cloud_id", JsonValueKind.Number));
        }
        Assert.Contains(data.EnumerateArray(), h =>
            h.GetProperty("bk_host_innerip").GetString() == "10.0.0.1"
            && h.GetProperty("bk_host_outerip").GetString() == "123.123.123.123"
            && h.GetProperty("bk_cloud_id").GetInt32() == 1);
        Assert.DoesNotContain(data.EnumerateArray(), h => h.GetProperty("bk_host_innerip").GetString() == "10.0.0.2");
    }

    [Fact]
    public async Task Hosts_of_business_3_include_the_second_example()
    {
        var data = await ContractAssert.SuccessAsync(await _client.GetAsync("/host/?bk_biz_id=3"));

        Assert.Contains(data.EnumerateArray(), h =>
            h.GetProperty("bk_host_innerip").GetString() == "10.0.0.2"
            && h.GetProperty("bk_host_outerip").GetString() == "123.123.123.124"
            && h.GetProperty("bk_cloud_id").GetInt32() == 0);
    }

    [Fact]
    public async Task A_business_id_given_as_a_quoted_integer_is_accepted()
    {
        var data = await ContractAssert.SuccessAsync(await _client.GetAsync("/host/?bk_biz_id=%222%22".Replace("%22", "")));
        Assert.NotEmpty(data.EnumerateArray());
    }

    [Theory]
    [InlineData("/host/")]
    [InlineData("/host/?bk_biz_id=")]
    [InlineData("/host/?bk_biz_id=abc")]
    [InlineData("/host/?bk_biz_id=2.5")]
    [InlineData("/host/?bk_biz_id=99999999999")]
    [InlineData("/host/?bk_biz_id=2&bk_biz_id=3")]
    public async Task A_missing_or_malformed_business_id_is_a_parameter_error_naming_it(string path)
    {
        var message = await ContractAssert.ErrorAsync(await _client.GetAsync(path), ErrorCodes.BadParameter);
        Assert.Contains("bk_biz_id", message);
    }

    [Fact]
    public async Task An_unknown_business_answers_5501004_naming_the_id()
    {
        var message = await ContractAssert.ErrorAsync(await _client.GetAsync("/host/?bk_biz_id=424242"), ErrorCodes.UnknownBusiness);
        Assert.Contains("424242", message);
    }

    [Theory]
    [InlineData("PUT", "/business/", "GET")]
    [InlineData("DELETE", "/release_task/", "POST")]
    [InlineData("POST", "/host", "GET")]
    [InlineData("PATCH", "/time_series/", "GET")]
    public async Task A_wrong_method_on_a_contract_path_answers_the_envelope_naming_the_method(string method, string path, string allowed)
    {
        var message = await ContractAssert.ErrorAsync(await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)), ErrorCodes.BadParameter);

        Assert.Contains(method, message);
        Assert.Contains(allowed, message);
    }
}
