using System.Net;
using Payments.Domain.Collections;
using Payments.Tests.FakeStripe;
using Payments.Tests.Integration.Http;
using Payments.Tests.Integration.Infrastructure;

namespace Payments.Tests.Integration.Ledger;

/// <summary>
/// Issue 14, case 4: refunds are made only against confirmed captures. While a capture is reserved and its Stripe call
/// has not come back, the payment has nothing to refund; when Stripe refuses the capture, the reservation is dropped and
/// storage shows nothing captured and nothing refunded. On the old main the reserved capture counted as captured: the
/// refund was accepted (and failed at Stripe with a 500), and a capture taken back could leave a refund without it.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class UnconfirmedCaptureTests(ApiFixture fixture) : StripeBackedTests(fixture)
{
    [Fact]
    public async Task A_refund_while_the_capture_is_unconfirmed_is_refused_and_the_refused_capture_leaves_nothing_captured_or_refunded()
    {
        var (session, paymentId) = await Service.AuthorizedCardPaymentAsync();
        var held = HeldStripeCall.First(Stripe, call => call.IsCapture);

        var capture = Service.MoveAsync(paymentId, "capture", "{}");
        await held.ArrivedAsync();
        var wholeRefund = await Service.MoveAsync(paymentId, "refund", "{}");
        var partialRefund = await Service.MoveAsync(paymentId, "refund", """{"amount":10}""");
        var whileReserved = await Service.CollectionAsync(session.CollectionId);
        Stripe.Override = call => call.IsCapture
            ? FakeStripeApi.Error(HttpStatusCode.PaymentRequired, "card_error", "card_declined", message: "Your card was declined.")
            : null;
        held.Release();
        var refusedCapture = await capture;

        Assert.Equal(
            (400, """{"type":"invalid_data","message":"You cannot refund more than what is captured on the payment."}"""),
            (wholeRefund.Status, wholeRefund.Body));
        Assert.Equal(
            (400, """{"type":"invalid_data","message":"You are not allowed to refund more than the captured amount"}"""),
            (partialRefund.Status, partialRefund.Body));
        var reserved = Assert.Single(whileReserved.Payments);
        Assert.Equal((0m, 0m, 50m), (reserved.Captured(), reserved.Refunded(), reserved.Pending(MoneyMoveKind.Capture)));
        Assert.Equal(
            (400, """{"code":"card_declined","type":"invalid_data","message":"Your card was declined."}"""),
            (refusedCapture.Status, refusedCapture.Body));

        var stored = await StripeLedger.AssertDocumentEqualsStripeAsync(Service, session.CollectionId);
        var payment = Assert.Single(stored.Payments);
        Assert.Equal((0m, 0m), (stored.CapturedAmount ?? 0m, stored.RefundedAmount ?? 0m));
        Assert.Equal((0m, 0m), (payment.Captured(), payment.Refunded()));
        Assert.Empty(payment.PendingMoves);
        Assert.Equal(PaymentCollectionStatus.Authorized, stored.Status);
        Assert.DoesNotContain(Stripe.Calls, call => call.IsRefund);
    }
}
