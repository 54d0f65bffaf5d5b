using System.Text.Json;
using Payments.Tests.Integration.Infrastructure;

namespace Payments.Tests.Integration.Module;

/// <summary>
/// The module routes of payments over real HTTP (docs/module-api.md §4.4): captures and refunds as money moves, a retry
/// with the module's Idempotency-Key reaching the same move, cancellation of an authorization.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ModulePaymentTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private ModuleBackedApi module = null!;

    public async Task InitializeAsync() => module = await ModuleBackedApi.StartAsync(azurite.ConnectionString);

    public async Task DisposeAsync() => await module.DisposeAsync();

    [Fact]
    public async Task Medusas_capture_and_refunds_answer_the_payment_with_its_moves_by_id_and_raw_amount()
    {
        var paymentId = await AuthorizedPaymentAsync();

        var captured = await module.ModuleAsync(HttpMethod.Post, $"/module/payments/{paymentId}/capture", """{"captured_by":"user_1"}""");
        var refunded = await module.ModuleAsync(HttpMethod.Post, $"/module/payments/{paymentId}/refund", """{"created_by":"user_1","amount":{"value":"10","precision":20},"note":"sleeve"}""");

        var capture = Assert.Single(captured.Json.GetProperty("payment").GetProperty("captures").EnumerateArray());
        Assert.Equal(("user_1", """{"value":"25","precision":20}"""), (capture.GetProperty("created_by").GetString(), capture.GetProperty("raw_amount").GetRawText()));
        Assert.NotEqual(JsonValueKind.Null, captured.Json.GetProperty("payment").GetProperty("captured_at").ValueKind);
        var refund = Assert.Single(refunded.Json.GetProperty("payment").GetProperty("refunds").EnumerateArray());
        Assert.Equal((10m, "sleeve"), (refund.GetProperty("amount").GetDecimal(), refund.GetProperty("note").GetString()));
        Assert.StartsWith("ref_", refund.GetProperty("id").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retried_capture_with_the_same_key_is_the_same_move()
    {
        var paymentId = await AuthorizedPaymentAsync();

        var first = await module.ModuleAsync(HttpMethod.Post, $"/module/payments/{paymentId}/capture", """{"amount":10}""", idempotencyKey: "medusa-retry-1");
        var retry = await module.ModuleAsync(HttpMethod.Post, $"/module/payments/{paymentId}/capture", """{"amount":10}""", idempotencyKey: "medusa-retry-1");

        Assert.Equal(first.Body, retry.Body);
        Assert.Equal("true", retry.Headers["idempotent-replayed"]);
        Assert.Single(first.Json.GetProperty("payment").GetProperty("captures").EnumerateArray());
    }

    [Fact]
    public async Task A_move_finer_than_the_currencys_unit_or_beyond_what_was_captured_is_refused()
    {
        var paymentId = await AuthorizedPaymentAsync();
        var captured = await module.ModuleAsync(HttpMethod.Post, $"/module/payments/{paymentId}/capture", """{"amount":5}""");
        Assert.True(captured.Status == 200, captured.Body);
        Assert.Equal(5m, Assert.Single(captured.Json.GetProperty("payment").GetProperty("captures").EnumerateArray()).GetProperty("amount").GetDecimal());

        var finer = await module.ModuleAsync(HttpMethod.Post, $"/module/payments/{paymentId}/capture", """{"amount":"0.004"}""");
        var tooMuch = await module.ModuleAsync(HttpMethod.Post, $"/module/payments/{paymentId}/refund", """{"amount":6}""");

        Assert.Equal((400, "invalid_data"), (finer.Status, finer.Json.GetProperty("type").GetString()));
        Assert.Equal((400, "You are not allowed to refund more than the captured amount"), (tooMuch.Status, tooMuch.Json.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task A_canceled_authorization_answers_itself_again_and_a_captured_payment_cannot_be_canceled()
    {
        var authorized = await AuthorizedPaymentAsync();
        var captured = await AuthorizedPaymentAsync();
        await module.ModuleAsync(HttpMethod.Post, $"/module/payments/{captured}/capture", "{}");

        var canceled = await module.ModuleAsync(HttpMethod.Post, $"/module/payments/{authorized}/cancel", "{}");
        var again = await module.ModuleAsync(HttpMethod.Post, $"/module/payments/{authorized}/cancel", "{}");
        var refused = await module.ModuleAsync(HttpMethod.Post, $"/module/payments/{captured}/cancel", "{}");

        Assert.NotEqual(JsonValueKind.Null, canceled.Json.GetProperty("payment").GetProperty("canceled_at").ValueKind);
        Assert.Equal(canceled.Json.GetProperty("payment").GetProperty("canceled_at").GetString(), again.Json.GetProperty("payment").GetProperty("canceled_at").GetString());
        Assert.Equal((400, "not_allowed"), (refused.Status, refused.Json.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task An_unknown_payment_is_not_found_as_medusa_words_it()
    {
        var capture = await module.ModuleAsync(HttpMethod.Post, "/module/payments/pay_unknown/capture", "{}");

        Assert.Equal((404, "Payment with id: pay_unknown was not found"), (capture.Status, capture.Json.GetProperty("message").GetString()));
    }

    private async Task<string> AuthorizedPaymentAsync() =>
        await module.AuthorizeAsync(await module.NewSessionAsync(await module.NewCollectionAsync()));
}
