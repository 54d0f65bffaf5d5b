using System.Net;
using Payments.Domain.Collections;
using Payments.Tests.FakeStripe;
using Payments.Tests.Integration.Http;
using Payments.Tests.Integration.Infrastructure;

namespace Payments.Tests.Integration.Ledger;

/// <summary>
/// Issue 14, case 5: Stripe's definitive refusal is a Medusa-shaped 4xx with Stripe's message and code (a capture or
/// refund: 400 <c>invalid_data</c>; an authorization: 422 <c>payment_authorization_error</c>), never a 5xx, and moves
/// nothing in the document; only Stripe's outage is a 502. The old main rethrew every Stripe 4xx as a 500.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ProviderRefusalTests(ApiFixture fixture) : StripeBackedTests(fixture)
{
    /// <summary>Stripe captures a PaymentIntent once: a second partial capture of a card is its 400 <c>payment_intent_unexpected_state</c>.</summary>
    [Fact]
    public async Task A_second_partial_capture_of_a_card_is_stripes_400_with_its_code_and_message_and_records_nothing()
    {
        var (session, paymentId) = await Service.AuthorizedCardPaymentAsync();
        Assert.Equal(200, (await Service.MoveAsync(paymentId, "capture", """{"amount":20}""")).Status);

        var second = await Service.MoveAsync(paymentId, "capture", """{"amount":10}""");

        Assert.Equal(
            (400, """{"code":"payment_intent_unexpected_state","type":"invalid_data","message":"This PaymentIntent could not be captured because it has a status of succeeded. Only a PaymentIntent with one of the following statuses may be captured: requires_capture."}"""),
            (second.Status, second.Body));
        AssertNothingPending(Assert.Single((await StripeLedger.AssertDocumentEqualsStripeAsync(Service, session.CollectionId)).Payments), captured: 20m, refunded: 0m);
    }

    /// <summary>
    /// Two captures of one card in flight at once: Stripe takes the one that reaches it first and refuses the other, whose
    /// refusal stays a refusal although what Stripe received would cover it (that money is the other capture's). The
    /// rewrite's adapter counted it as moved: 15 recorded for Stripe's 10.
    /// </summary>
    [Fact]
    public async Task A_capture_that_loses_to_another_capture_of_the_card_at_stripe_is_its_400_and_records_nothing()
    {
        var (session, paymentId) = await Service.AuthorizedCardPaymentAsync();
        var held = HeldStripeCall.First(Stripe, call => call.IsCapture);

        var overtaken = Service.MoveAsync(paymentId, "capture", """{"amount":5}""");
        await held.ArrivedAsync();
        var first = await Service.MoveAsync(paymentId, "capture", """{"amount":10}""");
        held.Release();
        var refused = await overtaken;

        Assert.Equal(200, first.Status);
        Assert.Equal((400, "payment_intent_unexpected_state"), (refused.Status, refused.Json.GetProperty("code").GetString()));
        AssertNothingPending(Assert.Single((await StripeLedger.AssertDocumentEqualsStripeAsync(Service, session.CollectionId)).Payments), captured: 10m, refunded: 0m);
    }

    [Fact]
    public async Task A_refund_stripe_refuses_is_its_400_with_its_code_and_message_and_records_nothing()
    {
        var (session, paymentId) = await Service.AuthorizedCardPaymentAsync();
        Assert.Equal(200, (await Service.MoveAsync(paymentId, "capture", "{}")).Status);
        Stripe.Override = call => call.IsRefund
            ? FakeStripeApi.Error(HttpStatusCode.BadRequest, "invalid_request_error", "charge_disputed", message: "The charge you're attempting to refund has been charged back.")
            : null;

        var refused = await Service.MoveAsync(paymentId, "refund", """{"amount":10}""");

        Assert.Equal(
            (400, """{"code":"charge_disputed","type":"invalid_data","message":"The charge you're attempting to refund has been charged back."}"""),
            (refused.Status, refused.Body));
        AssertNothingPending(Assert.Single((await StripeLedger.AssertDocumentEqualsStripeAsync(Service, session.CollectionId)).Payments), captured: 50m, refunded: 0m);
    }

    [Fact]
    public async Task An_authorization_stripe_refuses_is_its_422_with_its_code_and_message_and_creates_no_payment()
    {
        var session = await Service.NewSessionAsync();
        Stripe.Override = call => call.IsReadOf(session.PaymentIntentId)
            ? FakeStripeApi.Error(HttpStatusCode.NotFound, "invalid_request_error", "resource_missing", message: $"No such payment_intent: '{session.PaymentIntentId}'")
            : null;

        var refused = await Service.Api.AdminAsync(HttpMethod.Post, PaymentLifecycle.AuthorizePath(session.CollectionId, session.SessionId), "{}");

        Assert.Equal(
            (422, $$"""{"code":"resource_missing","type":"payment_authorization_error","message":"No such payment_intent: '{{session.PaymentIntentId}}'"}"""),
            (refused.Status, refused.Body));
        Assert.Empty((await Service.CollectionAsync(session.CollectionId)).Payments);
    }

    /// <summary>
    /// Only an outage is a 502: the capture stays reserved (never shown), and its retry once Stripe is back is the same
    /// move under the same key. (A companion of the refusals: the old main answered this one 502 as well.)
    /// </summary>
    [Fact]
    public async Task A_stripe_outage_on_a_capture_is_a_502_and_its_retry_captures_once_under_the_same_key()
    {
        var (session, paymentId) = await Service.AuthorizedCardPaymentAsync();
        Stripe.Override = call => call.IsCapture ? FakeStripeApi.Outage : null;

        var failed = await Service.MoveAsync(paymentId, "capture", "{}");
        var whileDown = Assert.Single((await Service.CollectionAsync(session.CollectionId)).Payments);
        Stripe.Override = null;
        var retried = await Service.MoveAsync(paymentId, "capture", "{}");

        Assert.Equal(
            (502, """{"type":"unexpected_state","message":"Payment provider pp_stripe_stripe is unavailable, try again"}"""),
            (failed.Status, failed.Body));
        Assert.Equal((0m, 50m), (whileDown.Captured(), whileDown.Pending(MoneyMoveKind.Capture)));
        Assert.Equal(200, retried.Status);
        var payment = Assert.Single((await StripeLedger.AssertDocumentEqualsStripeAsync(Service, session.CollectionId)).Payments);
        AssertNothingPending(payment, captured: 50m, refunded: 0m);
        Assert.All(Stripe.Calls.Where(call => call.IsCapture), call => Assert.Equal(Assert.Single(payment.Captures).Id, call.IdempotencyKey));
    }

    private static void AssertNothingPending(Payment payment, decimal captured, decimal refunded)
    {
        Assert.Equal((captured, refunded), (payment.Captured(), payment.Refunded()));
        Assert.Empty(payment.PendingMoves);
    }
}
