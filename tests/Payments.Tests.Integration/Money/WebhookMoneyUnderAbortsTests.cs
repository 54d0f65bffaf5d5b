using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Payments.Domain.Collections;
using Payments.Domain.Outbox;
using Payments.Tests.FakeStripe;
using Payments.Tests.Integration.Http;
using Payments.Tests.Integration.Infrastructure;
using Payments.Tests.Integration.Storage;
using Payments.Tests.Integration.Webhooks;
using Xunit.Abstractions;

namespace Payments.Tests.Integration.Money;

/// <summary>
/// Webhook-driven authorization and capture (spec §6.14) under concurrent deliveries, redeliveries of the same event
/// and providers that hang up mid-delivery, asserted from the stored documents: one payment, one capture of what
/// the provider received, and money reported for a replaced session given back exactly once.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class WebhookMoneyUnderAbortsTests(AzuriteFixture azurite, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Rounds = 3;
    private static readonly TimeSpan MaxAbortDelay = TimeSpan.FromMilliseconds(150);
    private StripeBackedApi api = null!;

    private FakeStripeApi Stripe => api.Stripe;

    public async Task InitializeAsync()
    {
        api = await StripeBackedApi.StartAsync(azurite.ConnectionString);
        api.Api.StorageFaults.Latency = TimeSpan.FromMilliseconds(10);
    }

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task Concurrent_authorized_and_succeeded_events_record_one_payment_with_one_full_capture()
    {
        var round = NewRound();
        for (var index = 0; index < Rounds; index++)
        {
            var session = await api.NewSessionAsync();
            Stripe.Change(session.PaymentIntentId, intent =>
            {
                intent["status"] = "succeeded";
                intent["amount_received"] = 5000;
            });
            var redelivered = NewEventId();

            var outcomes = await round.RunAsync(16, delivery => Delivery(
                delivery % 4 == 0 ? redelivered : NewEventId(),
                delivery % 2 == 0 ? "payment_intent.amount_capturable_updated" : "payment_intent.succeeded",
                session.PaymentIntentId));
            output.WriteLine(AbortRound.Summarize(outcomes));

            Assert.True(outcomes.All(outcome => outcome.Final.Status == 200), round.Describe(outcomes));
            var stored = await MoneyInvariants.AssertHoldAsync(api.Api, session.CollectionId);
            var payment = Assert.Single(stored.Payments);
            Assert.Equal((50m, PaymentCollectionStatus.Completed), (payment.Captured(), stored.Status));
            Assert.Equal(session.SessionId, payment.PaymentSessionId);
        }

        Assert.DoesNotContain(Stripe.Calls, call => call.Path.EndsWith("/capture", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Money_captured_for_a_replaced_session_is_refunded_once_however_often_and_concurrently_reported()
    {
        var round = NewRound();
        for (var index = 0; index < Rounds; index++)
        {
            var old = await ReplacedSessionAsync();
            Stripe.Change(old.PaymentIntentId, intent =>
            {
                intent["status"] = "succeeded";
                intent["amount_received"] = 5000;
            });

            var outcomes = await round.RunAsync(16, delivery => Delivery(delivery % 3 == 0 ? $"evt_shared_{old.SessionId}" : NewEventId(), "payment_intent.succeeded", old.PaymentIntentId));
            output.WriteLine(AbortRound.Summarize(outcomes));

            Assert.True(outcomes.All(outcome => outcome.Final.Status == 200), round.Describe(outcomes));
            var stored = await MoneyInvariants.AssertHoldAsync(api.Api, old.CollectionId);
            Assert.Empty(stored.Payments);
            var refused = Assert.Single(stored.RefusedProviderPayments);
            Assert.Equal((old.SessionId, 50m, ProviderReleaseReason.LatePayment), (refused.SessionId, refused.RefundedAmount, refused.Reason));
            var refunds = Stripe.Calls.Where(call => call is { Method: "POST", Path: "/v1/refunds" } && call.Parameters["payment_intent"] == old.PaymentIntentId).ToList();
            Assert.NotEmpty(refunds);
            Assert.Equal([$"{old.SessionId}-refund-refused"], refunds.Select(call => call.IdempotencyKey).Distinct());
            Assert.Equal("5000", refunds[0].Parameters["amount"]);
            Assert.DoesNotContain(await api.Api.Services.GetRequiredService<IOutboxStore>().LiveMessagesOfAsync(old.CollectionId), pending => pending.Message.Id == $"release:{old.SessionId}:refund");
        }
    }

    [Fact]
    public async Task An_authorization_reported_for_a_replaced_session_is_cancelled_once()
    {
        var old = await ReplacedSessionAsync();
        Stripe.Change(old.PaymentIntentId, intent => intent["status"] = "requires_capture");

        var outcomes = await NewRound().RunAsync(16, _ => Delivery(NewEventId(), "payment_intent.amount_capturable_updated", old.PaymentIntentId));
        output.WriteLine(AbortRound.Summarize(outcomes));

        Assert.All(outcomes, outcome => Assert.Equal(200, outcome.Final.Status));
        var stored = await MoneyInvariants.AssertHoldAsync(api.Api, old.CollectionId);
        Assert.Empty(stored.Payments);
        var refused = Assert.Single(stored.RefusedProviderPayments);
        Assert.Equal((old.SessionId, (decimal?)null), (refused.SessionId, refused.RefundedAmount));
        Assert.Equal("canceled", (string?)Stripe.Intent(old.PaymentIntentId)["status"]);
        Assert.Contains(Stripe.Calls, call => call.Path.EndsWith($"{old.PaymentIntentId}/cancel", StringComparison.Ordinal) && call.IdempotencyKey == $"{old.SessionId}-cancel-refused");
        Assert.Contains(api.Api.Logs.Entries, entry => entry.Message.Contains($"session {old.SessionId} is given back", StringComparison.Ordinal));
    }

    /// <summary>
    /// A Stripe session replaced by a new one, whose routine release (the cancel of its PaymentIntent) failed: the
    /// shopper can still complete the old PaymentIntent, as with a late 3-D Secure.
    /// </summary>
    private async Task<StripeSession> ReplacedSessionAsync()
    {
        var old = await api.NewSessionAsync();
        Stripe.Override = call => call.IdempotencyKey == $"{old.SessionId}-cancel"
            ? FakeStripeApi.Error(HttpStatusCode.BadRequest, "invalid_request_error", "payment_intent_unexpected_state", Stripe.Intent(old.PaymentIntentId))
            : null;
        var replaced = await api.Api.PostAsync(PaymentSessionTests.SessionsOf(old.CollectionId), """{"provider_id":"pp_stripe_stripe","data":{"note":"new"}}""");
        Assert.Equal(200, replaced.Status);
        Stripe.Override = null;
        return old;
    }

    private AbortableRequest Delivery(string eventId, string type, string paymentIntentId)
    {
        var body = StripeWebhooks.Event(eventId, type, Stripe.Intent(paymentIntentId));
        return new AbortableRequest(eventId, StripeBackedApi.WebhookPath, body, new Dictionary<string, string>
        {
            ["Stripe-Signature"] = StripeWebhooks.Signature(body, DateTimeOffset.UtcNow),
        });
    }

    private AbortRound NewRound() => AbortRound.Seeded(api.Api, MaxAbortDelay, output);

    private static string NewEventId() => $"evt_{Guid.NewGuid():N}";
}
