using Microsoft.Extensions.DependencyInjection;
using Payments.Domain.Collections;
using Payments.Domain.Outbox;
using Payments.Tests.FakeStripe;
using Payments.Tests.Integration.Http;
using Payments.Tests.Integration.Infrastructure;
using Payments.Tests.Integration.Storage;
using Payments.Tests.Integration.Webhooks;

namespace Payments.Tests.Integration.Ledger;

/// <summary>
/// Issue 14, case 2: deleting a collection leaves a tombstone, cancels its session's PaymentIntent at Stripe through the
/// outbox and frees its cart; authorizing it afterwards is a 404, and money Stripe reports for it later (a shopper who
/// pays in an old tab) is given back once. On the old main a deletion only unlinked the cart: the PaymentIntent stayed
/// live and the collection still authorized.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class CollectionDeletionTests(ApiFixture fixture) : StripeBackedTests(fixture, onFakeClock: true)
{
    [Fact]
    public async Task A_deleted_collection_has_its_payment_intent_cancelled_through_the_outbox_and_refuses_authorization_and_new_sessions()
    {
        var session = await Service.NewSessionAsync();
        var cartId = (await Service.CollectionAsync(session.CollectionId)).CartId!;

        var deleted = await Service.Api.AdminAsync(HttpMethod.Delete, $"/admin/payment-collections/{session.CollectionId}");
        var authorized = await Service.Api.AdminAsync(HttpMethod.Post, PaymentLifecycle.AuthorizePath(session.CollectionId, session.SessionId), "{}");
        var newSession = await Service.Api.PostAsync(PaymentSessionTests.SessionsOf(session.CollectionId), StripeBackedApi.StripeSessionBody);
        var cartsCollection = await Service.Api.PostAsync("/store/payment-collections", $$"""{"cart_id":"{{cartId}}"}""");

        Assert.Equal(200, deleted.Status);
        var cancel = Assert.Single(Stripe.Calls, call => call.IsCancelOf(session.PaymentIntentId));
        Assert.Equal($"{session.SessionId}-cancel", cancel.IdempotencyKey);
        Assert.Equal("canceled", (string?)Stripe.Intent(session.PaymentIntentId)["status"]);
        var notFound = $$"""{"type":"not_found","message":"PaymentCollection with id: {{session.CollectionId}} was not found"}""";
        Assert.Equal((404, notFound), (authorized.Status, authorized.Body));
        Assert.Equal(404, newSession.Status);
        Assert.NotEqual(session.CollectionId, cartsCollection.Json.GetProperty("payment_collection").GetProperty("id").GetString());

        var tombstone = await StripeLedger.AssertDocumentEqualsStripeAsync(Service, session.CollectionId);
        Assert.NotNull(tombstone.DeletedAt);
        Assert.Equal(PaymentSessionStatus.Canceled, Assert.Single(tombstone.Sessions).Status);
        Assert.Empty(tombstone.Payments);
        Assert.Empty(await ReleasesOfAsync(session.CollectionId));
    }

    /// <summary>
    /// Stripe is down when the collection is deleted, so its PaymentIntent stays live and the shopper authorizes it in an
    /// old tab; the webhooks that report it (redelivered too) give the money back with one cancel, and the deletion's own
    /// release, retried by the timer, finds it cancelled.
    /// </summary>
    [Fact]
    public async Task Money_authorized_for_a_deleted_collection_is_given_back_once_when_its_webhooks_arrive()
    {
        var session = await Service.NewSessionAsync();
        var stripeDown = true;
        Stripe.Override = call => Volatile.Read(ref stripeDown) && call.IsCancelOf(session.PaymentIntentId)
            ? FakeStripeApi.Outage
            : null;

        var deleted = await Service.Api.AdminAsync(HttpMethod.Delete, $"/admin/payment-collections/{session.CollectionId}");
        var deletionRelease = Assert.Single(await ReleasesOfAsync(session.CollectionId));
        Volatile.Write(ref stripeDown, false);
        Service.AuthorizeAtStripe(session);
        var deliveries = new[]
        {
            await Service.DeliverAsync("evt_old_tab_1", "payment_intent.amount_capturable_updated", session.PaymentIntentId),
            await Service.DeliverAsync("evt_old_tab_1", "payment_intent.amount_capturable_updated", session.PaymentIntentId),
            await Service.DeliverAsync("evt_old_tab_2", "payment_intent.amount_capturable_updated", session.PaymentIntentId),
        };
        Clock.Advance(OutboxTiming.FirstRetryDelay);
        await Service.DispatchOutboxAsync();

        Assert.Equal(200, deleted.Status);
        Assert.Equal(ProviderReleaseReason.CollectionDeleted, deletionRelease.Reason);
        Assert.All(deliveries, delivery => Assert.Equal(200, delivery.Status));
        Assert.Equal("canceled", (string?)Stripe.Intent(session.PaymentIntentId)["status"]);
        Assert.Single(Stripe.Calls, call => call.IsCancelOf(session.PaymentIntentId) && call.IdempotencyKey == $"{session.SessionId}-cancel-refused");
        var tombstone = await StripeLedger.AssertDocumentEqualsStripeAsync(Service, session.CollectionId);
        Assert.Empty(tombstone.Payments);
        var refused = Assert.Single(tombstone.RefusedProviderPayments);
        Assert.Equal((session.SessionId, ProviderReleaseReason.CollectionDeleted, (decimal?)null), (refused.SessionId, refused.Reason, refused.RefundedAmount));
        Assert.Empty(await ReleasesOfAsync(session.CollectionId));
    }

    /// <summary>The releases of the collection still waiting in the outbox (its sessions' reconciliations wait there too, due later).</summary>
    private async Task<IReadOnlyList<ProviderRelease>> ReleasesOfAsync(string collectionId) =>
        [.. (await Service.Api.Services.GetRequiredService<IOutboxStore>().LiveMessagesOfAsync(collectionId)).Select(pending => pending.Message).OfType<ProviderRelease>()];
}
