using System.Text.Json;
using NSubstitute;
using Payments.Domain.Collections;
using Payments.Domain.Outbox;
using Payments.Domain.Providers;
using static Payments.Tests.Unit.TestData.DomainRecords;

namespace Payments.Tests.Unit.Domain;

/// <summary>
/// Money a provider reports for a session the collection no longer has (a late 3-D Secure, a failed release) is given
/// back: a cancel for an authorization, a refund of what was received for a capture, recorded in the document with its
/// release record in one write, and never twice however the reports interleave.
/// </summary>
public sealed class LateProviderPaymentTests
{
    private static readonly JsonElement Intent = Json("""{"id":"pi_old","currency":"usd","status":"succeeded"}""");
    private readonly DomainHarness harness = new(Collection(sessions: [Session(id: "payses_new", providerId: DomainHarness.ProviderId)]));

    public LateProviderPaymentTests() =>
        harness.Provider.ParseWebhookAsync(default!, default).ReturnsForAnyArgs(
            new ProviderWebhookEvent(WebhookAction.Captured, "evt_1", DomainHarness.CollectionId, "payses_old", 50m, Intent));

    [Fact]
    public async Task A_capture_for_a_replaced_session_is_refunded_with_its_own_key_and_recorded()
    {
        await DeliverAsync();

        var refused = Assert.Single(harness.Stored.RefusedProviderPayments);
        Assert.Equal(("payses_old", DomainHarness.ProviderId, 50m, ProviderReleaseReason.LatePayment), (refused.SessionId, refused.ProviderId, refused.RefundedAmount, refused.Reason));
        var release = Assert.IsType<ProviderRelease>(Assert.Single(Assert.Single(harness.Store.Writes).Outbox));
        Assert.Equal(("release:payses_old:refund", ProviderReleaseReason.LatePayment, new ProviderRefund(50m, "usd")), (release.Id, release.Reason, release.Refund));
        await harness.Provider.Received(1).RefundAsync(
            Arg.Is<ProviderAmountOperation>(operation => operation.IdempotencyKey == "payses_old-refund-refused" && operation.Amount == 50m && operation.CurrencyCode == "usd"),
            Arg.Any<CancellationToken>());
        Assert.Equal("payses_new", Assert.Single(harness.Stored.Sessions).Id);
        Assert.Empty(harness.Stored.Payments);
    }

    [Fact]
    public async Task A_redelivery_gives_nothing_back_a_second_time()
    {
        await DeliverAsync();
        harness.Provider.ParseWebhookAsync(default!, default).ReturnsForAnyArgs(
            new ProviderWebhookEvent(WebhookAction.Captured, "evt_2", DomainHarness.CollectionId, "payses_old", 50m, Intent));

        await DeliverAsync();

        Assert.Single(harness.Store.Writes);
        Assert.Equal(1, harness.ProviderCalls(nameof(IPaymentProvider.RefundAsync)));
    }

    [Fact]
    public async Task A_concurrent_delivery_that_recorded_it_first_leaves_this_one_nothing_to_give_back()
    {
        var concurrent = new RefusedProviderPayment
        {
            SessionId = "payses_old",
            ProviderId = DomainHarness.ProviderId,
            Reason = ProviderReleaseReason.LatePayment,
            RefundedAmount = 50m,
            RecordedAt = Start,
        };
        harness.Store.BeforeNextWrite(collection => collection with { RefusedProviderPayments = [concurrent] });

        await DeliverAsync();

        Assert.Empty(harness.Store.Writes);
        Assert.Equal(0, harness.ProviderCalls(nameof(IPaymentProvider.RefundAsync)));
        Assert.Single(harness.Stored.RefusedProviderPayments);
    }

    [Fact]
    public async Task An_authorization_for_a_replaced_session_is_cancelled()
    {
        harness.Provider.ParseWebhookAsync(default!, default).ReturnsForAnyArgs(
            new ProviderWebhookEvent(WebhookAction.Authorized, "evt_3", DomainHarness.CollectionId, "payses_old", 50m, Intent));

        await DeliverAsync();

        Assert.Null(Assert.Single(harness.Stored.RefusedProviderPayments).RefundedAmount);
        await harness.Provider.Received(1).DeleteAsync(Arg.Is<ProviderOperation>(operation => operation.IdempotencyKey == "payses_old-cancel-refused"), Arg.Any<CancellationToken>());
        Assert.Equal(0, harness.ProviderCalls(nameof(IPaymentProvider.RefundAsync)));
    }

    [Fact]
    public async Task A_capture_for_a_session_of_a_collection_paid_by_another_is_refunded()
    {
        var paidByAnother = new DomainHarness(Collection(
            sessions: [Session(id: "payses_old", providerId: DomainHarness.ProviderId)],
            payments: [Payment(id: "pay_other", sessionId: "payses_other", capturedAmounts: [50m], capturedAt: Start)]));
        paidByAnother.Provider.ParseWebhookAsync(default!, default).ReturnsForAnyArgs(
            new ProviderWebhookEvent(WebhookAction.Captured, "evt_4", DomainHarness.CollectionId, "payses_old", 50m, Intent));
        paidByAnother.Provider.AuthorizeAsync(default!, default).ReturnsForAnyArgs(new ProviderAuthorizeResult(PaymentSessionStatus.Captured, Intent));

        await paidByAnother.Webhooks.ProcessAsync("test_test", new ProviderWebhookRequest(Array.Empty<byte>(), new Dictionary<string, string>()), CancellationToken.None);

        Assert.Equal(ProviderReleaseReason.CollectionAlreadyPaid, Assert.Single(paidByAnother.Stored.RefusedProviderPayments).Reason);
        Assert.Equal("pay_other", Assert.Single(paidByAnother.Stored.Payments).Id);
        await paidByAnother.Provider.Received(1).RefundAsync(
            Arg.Is<ProviderAmountOperation>(operation => operation.IdempotencyKey == "payses_old-refund-refused" && operation.Amount == 50m),
            Arg.Any<CancellationToken>());
    }

    private Task DeliverAsync() =>
        harness.Webhooks.ProcessAsync("test_test", new ProviderWebhookRequest(Array.Empty<byte>(), new Dictionary<string, string>()), CancellationToken.None);
}
