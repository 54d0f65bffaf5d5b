using System.Text.Json;

namespace Payments.Tests.Integration.Http;

/// <summary>Spec §6.5–§6.7 and §5.9–§5.10 over HTTP: checklist items 80–82, 88–115.</summary>
[Collection(ApiCollection.Name)]
public sealed class AdminPaymentTests(ApiFixture fixture)
{
    private const string Substracted =
        """{"type":"invalid_data","message":"You cannot capture more than the authorized amount substracted by what is already captured."}""";

    private const string NotAllowedToRefund = """{"type":"invalid_data","message":"You are not allowed to refund more than the captured amount"}""";

    private ApiHost Api => fixture.Host;

    [Fact]
    public async Task The_whole_story_keeps_the_collection_amounts_and_status_right_at_every_step()
    {
        var payment = await PaymentLifecycle.AuthorizedAsync(Api);
        AssertSummary(await payment.CollectionSummaryAsync(), "authorized", 50, 0, 0, completed: false);

        Assert.Equal(200, (await payment.CaptureAsync("""{"amount":20}""")).Status);
        AssertSummary(await payment.CollectionSummaryAsync(), "authorized", 50, 20, 0, completed: false);

        Assert.Equal(200, (await payment.CaptureAsync("""{"amount":30}""")).Status);
        var completed = await payment.CollectionSummaryAsync();
        AssertSummary(completed, "completed", 50, 50, 0, completed: true);

        var reason = (await Api.AdminAsync(HttpMethod.Post, "/admin/refund-reasons", """{"label":"Damaged","code":"damaged","description":"Item arrived damaged"}""")).Json
            .GetProperty("refund_reason").GetProperty("id").GetString();
        var firstRefund = await payment.RefundAsync($$"""{"amount":10,"refund_reason_id":"{{reason}}","note":"anchor partial refund"}""");
        Assert.Equal(200, firstRefund.Status);
        Assert.Equal(
            $$$"""[{"id":"{{{Id(firstRefund, "refunds", 0)}}}","amount":10,"note":"anchor partial refund","payment_id":"{{{payment.PaymentId}}}","refund_reason_id":"{{{reason}}}","refund_reason":{"label":"Damaged","code":"damaged","id":"{{{reason}}}"}}]""",
            firstRefund.Json.GetProperty("payment").GetProperty("refunds").GetRawText());
        var afterFirstRefund = await payment.CollectionSummaryAsync();
        AssertSummary(afterFirstRefund, "completed", 50, 50, 10, completed: true);

        Assert.Equal(200, (await payment.RefundAsync("""{"amount":40}""")).Status);
        AssertSummary(await payment.CollectionSummaryAsync(), "completed", 50, 50, 50, completed: true);
        Assert.True(
            string.CompareOrdinal(afterFirstRefund.GetProperty("completed_at").GetString(), completed.GetProperty("completed_at").GetString()) >= 0,
            "completed_at is stamped again by every recompute that finds the collection fully captured");
    }

    [Fact]
    public async Task Captures_follow_medusas_observed_sequence()
    {
        var payment = await PaymentLifecycle.AuthorizedAsync(Api);

        Assert.Equal((400, """{"type":"invalid_data","message":"Invalid request: Value for field 'amount' too small, expected at least: '0'"}"""), Outcome(await payment.CaptureAsync("""{"amount":0}""")));
        Assert.Equal((400, """{"type":"invalid_data","message":"Invalid request: Expected type: 'number' for field 'amount', got: '10'"}"""), Outcome(await payment.CaptureAsync("""{"amount":"10"}""")));
        Assert.Equal((400, Substracted), Outcome(await payment.CaptureAsync("""{"amount":60}""")));

        var first = await payment.CaptureAsync("""{"amount":20}""");
        Assert.Equal(200, first.Status);
        Assert.Equal(JsonValueKind.Null, first.Json.GetProperty("payment").GetProperty("captured_at").ValueKind);
        Assert.Equal(
            $$"""[{"id":"{{Id(first, "captures", 0)}}","amount":20}]""",
            first.Json.GetProperty("payment").GetProperty("captures").GetRawText());

        Assert.Equal((400, Substracted), Outcome(await payment.CaptureAsync("""{"amount":40}""")));
        Assert.Equal((400, Substracted), Outcome(await payment.CaptureAsync("{}")));

        var second = await payment.CaptureAsync("""{"amount":30}""");
        Assert.Equal(200, second.Status);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", second.Json.GetProperty("payment").GetProperty("captured_at").GetString());
        Assert.Equal([20m, 30m], second.Json.GetProperty("payment").GetProperty("captures").EnumerateArray().Select(capture => capture.GetProperty("amount").GetDecimal()));

        Assert.Equal(second.Body, (await payment.CaptureAsync("""{"amount":1}""")).Body);
        Assert.Equal(second.Body, (await payment.CaptureAsync("{}")).Body);
    }

    [Fact]
    public async Task A_capture_without_body_captures_the_whole_payment()
    {
        var payment = await PaymentLifecycle.AuthorizedAsync(Api);

        var response = await Api.AdminAsync(HttpMethod.Post, $"/admin/payments/{payment.PaymentId}/capture");

        Assert.Equal(200, response.Status);
        Assert.Equal(50m, Assert.Single(response.Json.GetProperty("payment").GetProperty("captures").EnumerateArray().ToList()).GetProperty("amount").GetDecimal());
        Assert.NotEqual(JsonValueKind.Null, response.Json.GetProperty("payment").GetProperty("captured_at").ValueKind);
    }

    [Fact]
    public async Task Capture_rejects_extra_fields_and_unknown_payments()
    {
        var payment = await PaymentLifecycle.AuthorizedAsync(Api);

        Assert.Equal((400, """{"type":"invalid_data","message":"Invalid request: Unrecognized fields: 'extra'"}"""), Outcome(await payment.CaptureAsync("""{"amount":1,"extra":1}""")));
        Assert.Equal(
            (404, """{"type":"not_found","message":"Payment with id: pay_does_not_exist was not found"}"""),
            Outcome(await Api.AdminAsync(HttpMethod.Post, "/admin/payments/pay_does_not_exist/capture", "{}")));
    }

    [Fact]
    public async Task Refunds_follow_medusas_observed_sequence()
    {
        var payment = await PaymentLifecycle.AuthorizedAsync(Api);
        Assert.Equal((400, NotAllowedToRefund), Outcome(await payment.RefundAsync("""{"amount":5}""")));
        await payment.CaptureAsync("{}");

        Assert.Equal(200, (await payment.RefundAsync("""{"amount":10}""")).Status);
        Assert.Equal((400, NotAllowedToRefund), Outcome(await payment.RefundAsync("""{"amount":100}""")));
        Assert.Equal(
            (404, """{"type":"not_found","message":"RefundReason id not found: refr_does_not_exist"}"""),
            Outcome(await payment.RefundAsync("""{"amount":1,"refund_reason_id":"refr_does_not_exist"}""")));
        Assert.Equal((400, """{"type":"invalid_data","message":"Invalid request: Value for field 'amount' too small, expected at least: '0'"}"""), Outcome(await payment.RefundAsync("""{"amount":-1}""")));
        Assert.Equal((400, """{"type":"invalid_data","message":"Invalid request: Expected type: 'number' for field 'amount', got: '5'"}"""), Outcome(await payment.RefundAsync("""{"amount":"5"}""")));
        Assert.Equal((400, """{"type":"invalid_data","message":"Invalid request: Unrecognized fields: 'reason'"}"""), Outcome(await payment.RefundAsync("""{"amount":1,"reason":"x"}""")));
        Assert.Equal((400, """{"type":"invalid_data","message":"You cannot refund more than what is captured on the payment."}"""), Outcome(await payment.RefundAsync("{}")));

        var last = await payment.RefundAsync("""{"amount":40}""");
        Assert.Equal(200, last.Status);
        var refund = last.Json.GetProperty("payment").GetProperty("refunds")[1];
        Assert.Equal(
            $$"""{"id":"{{refund.GetProperty("id").GetString()}}","amount":40,"note":null,"payment_id":"{{payment.PaymentId}}","refund_reason_id":null,"refund_reason":null}""",
            refund.GetRawText());
        Assert.Equal((400, NotAllowedToRefund), Outcome(await payment.RefundAsync("""{"amount":1}""")));
    }

    [Fact]
    public async Task Refund_guards_use_the_currency_epsilon()
    {
        var payment = await PaymentLifecycle.AuthorizedAsync(Api, total: 87.957975m);
        await payment.CaptureAsync("{}");

        Assert.Equal(400, (await payment.RefundAsync("""{"amount":87.98}""")).Status);
        Assert.Equal(200, (await payment.RefundAsync("""{"amount":87.96}""")).Status);
    }

    [Fact]
    public async Task A_refund_of_an_unknown_payment_uses_medusas_wording()
    {
        var response = await Api.AdminAsync(HttpMethod.Post, "/admin/payments/pay_does_not_exist/refund", """{"amount":1}""");

        Assert.Equal((404, """{"type":"not_found","message":"Payment id not found: pay_does_not_exist"}"""), Outcome(response));
    }

    [Fact]
    public async Task A_deleted_reason_shows_as_null_and_the_refund_keeps_its_id()
    {
        var payment = await PaymentLifecycle.AuthorizedAsync(Api);
        await payment.CaptureAsync("{}");
        var reason = (await Api.AdminAsync(HttpMethod.Post, "/admin/refund-reasons", """{"label":"Gone","code":"gone"}""")).Json.GetProperty("refund_reason").GetProperty("id").GetString();
        await payment.RefundAsync($$"""{"amount":5,"refund_reason_id":"{{reason}}"}""");
        await Api.AdminAsync(HttpMethod.Delete, $"/admin/refund-reasons/{reason}");

        var response = await Api.AdminAsync(HttpMethod.Get, $"/admin/payments/{payment.PaymentId}");

        var refund = response.Json.GetProperty("payment").GetProperty("refunds")[0];
        Assert.Equal(reason, refund.GetProperty("refund_reason_id").GetString());
        Assert.Equal(JsonValueKind.Null, refund.GetProperty("refund_reason").ValueKind);
    }

    [Fact]
    public async Task Get_answers_the_admin_defaults_and_star_relations_in_full()
    {
        var payment = await PaymentLifecycle.AuthorizedAsync(Api);
        await payment.CaptureAsync("""{"amount":20}""");

        var defaults = await Api.AdminAsync(HttpMethod.Get, $"/admin/payments/{payment.PaymentId}");
        var stars = await Api.AdminAsync(HttpMethod.Get, $"/admin/payments/{payment.PaymentId}?fields=*captures,*refunds");

        Assert.Equal(
            ["id", "currency_code", "amount", "captured_at", "payment_collection_id", "payment_session_id", "captures", "refunds"],
            ApiResponse.KeysOf(defaults.Json.GetProperty("payment")));
        Assert.Equal(
            ["id", "payment_id", "metadata", "created_by", "raw_amount", "created_at", "updated_at", "deleted_at", "amount"],
            ApiResponse.KeysOf(stars.Json.GetProperty("payment").GetProperty("captures")[0]));
        Assert.Equal(ApiHost.AdminUser, stars.Json.GetProperty("payment").GetProperty("captures")[0].GetProperty("created_by").GetString());
    }

    [Fact]
    public async Task A_capture_by_a_secret_key_records_the_keys_id()
    {
        var payment = await PaymentLifecycle.AuthorizedAsync(Api);

        var response = await Api.AdminAsync(HttpMethod.Post, $"/admin/payments/{payment.PaymentId}/capture?fields=*captures", "{}", AdminTokens.Basic(ApiHost.SecretKey));

        Assert.Equal(ApiHost.SecretKeyId, response.Json.GetProperty("payment").GetProperty("captures")[0].GetProperty("created_by").GetString());
    }

    [Fact]
    public async Task An_unknown_payment_is_not_found()
    {
        var response = await Api.AdminAsync(HttpMethod.Get, "/admin/payments/pay_does_not_exist");

        Assert.Equal((404, """{"type":"not_found","message":"Payment with id: pay_does_not_exist was not found"}"""), Outcome(response));
    }

    private static (int, string) Outcome(ApiResponse response) => (response.Status, response.Body);

    private static string Id(ApiResponse response, string relation, int index) =>
        response.Json.GetProperty("payment").GetProperty(relation)[index].GetProperty("id").GetString()!;

    private static void AssertSummary(JsonElement collection, string status, decimal authorized, decimal captured, decimal refunded, bool completed)
    {
        Assert.Equal(status, collection.GetProperty("status").GetString());
        Assert.Equal(
            (authorized, captured, refunded),
            (collection.GetProperty("authorized_amount").GetDecimal(), collection.GetProperty("captured_amount").GetDecimal(), collection.GetProperty("refunded_amount").GetDecimal()));
        Assert.Equal(completed, collection.GetProperty("completed_at").ValueKind == JsonValueKind.String);
    }
}
