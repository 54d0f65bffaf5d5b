namespace Payments.Tests.Integration.Http;

/// <summary>Spec §4.3 worked examples on the store collection routes (checklist items 43–49) over HTTP.</summary>
[Collection(ApiCollection.Name)]
public sealed class FieldsTests(ApiFixture fixture)
{
    private ApiHost Api => fixture.Host;

    [Theory]
    [InlineData("", "id,currency_code,amount,payment_sessions")]
    [InlineData("?fields=%2Bpayment_sessions.data", "id,currency_code,amount,payment_sessions")]
    [InlineData("?fields=+payment_sessions.data", "id,currency_code,amount,payment_sessions")]
    [InlineData("?fields=-amount", "id,currency_code,payment_sessions")]
    [InlineData("?fields=id,amount", "id,amount")]
    [InlineData("?fields=nope_field", "id")]
    [InlineData("?fields=%2Bstatus", "id,currency_code,amount,status,payment_sessions")]
    [InlineData("?fields=", "id")]
    [InlineData("?fields=amount,status", "amount,status,id")]
    [InlineData("?fields=-payment_sessions", "id,currency_code,amount")]
    [InlineData("?fields=*payments", "id,currency_code,amount,payment_sessions,payments")]
    [InlineData("?fields=%2Bauthorized_amount,%2Bcaptured_amount", "id,currency_code,amount,authorized_amount,captured_amount,payment_sessions")]
    [InlineData("?fields=payment_sessions.id,payment_sessions.status", "id,payment_sessions")]
    public async Task The_field_list_chooses_the_keys_in_order(string query, string expectedKeys)
    {
        var id = await Api.NewCollectionAsync();

        var response = await Api.PostAsync(PaymentSessionTests.SessionsOf(id) + query, """{"provider_id":"pp_system_default"}""");

        Assert.Equal(200, response.Status);
        Assert.Equal(expectedKeys.Split(','), ApiResponse.KeysOf(response.Json.GetProperty("payment_collection")));
    }

    [Fact]
    public async Task Removing_the_collection_amount_keeps_the_session_amount()
    {
        var id = await Api.NewCollectionAsync();

        var response = await Api.PostAsync(PaymentSessionTests.SessionsOf(id) + "?fields=-amount", """{"provider_id":"pp_system_default"}""");

        Assert.Equal(50m, PaymentSessionTests.SessionOf(response).GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task Summary_amounts_are_null_before_the_first_recompute()
    {
        var id = await Api.NewCollectionAsync();

        var response = await Api.PostAsync(PaymentSessionTests.SessionsOf(id) + "?fields=%2Bauthorized_amount,%2Bcaptured_amount", """{"provider_id":"pp_system_default"}""");

        Assert.Contains("\"amount\":50,\"authorized_amount\":null,\"captured_amount\":null,\"payment_sessions\"", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explicit_session_sub_fields_answer_those_and_the_id()
    {
        var id = await Api.NewCollectionAsync();

        var response = await Api.PostAsync(PaymentSessionTests.SessionsOf(id) + "?fields=payment_sessions.status,payment_sessions.provider_id", """{"provider_id":"pp_system_default"}""");

        Assert.Equal(["status", "provider_id", "id"], ApiResponse.KeysOf(PaymentSessionTests.SessionOf(response)));
    }

    [Fact]
    public async Task A_repeated_fields_parameter_is_refused()
    {
        var id = await Api.NewCollectionAsync();

        var response = await Api.PostAsync(PaymentSessionTests.SessionsOf(id) + "?fields=id&fields=amount", """{"provider_id":"pp_system_default"}""");

        Assert.Equal(400, response.Status);
        Assert.StartsWith("Invalid request: ", response.Json.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
