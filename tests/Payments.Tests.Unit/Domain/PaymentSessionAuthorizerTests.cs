using NSubstitute;
using Payments.Domain.Collections;
using Payments.Domain.Errors;
using Payments.Domain.Outbox;
using Payments.Domain.Providers;
using static Payments.Tests.Unit.TestData.DomainRecords;

namespace Payments.Tests.Unit.Domain;

/// <summary>
/// A collection is paid at most once (spec §6.15 step 2a): decided on the interleavings that matter, the paid
/// collection seen before the provider is asked, and a payment of another session landing between the provider's
/// authorization and the write that would create a second Payment.
/// </summary>
public sealed class PaymentSessionAuthorizerTests
{
    private static readonly PaymentSession Second = Session(id: "payses_2", providerId: DomainHarness.ProviderId, data: Json("""{"id":"pi_2"}"""));

    [Fact]
    public async Task A_session_of_a_collection_with_a_live_payment_is_refused_before_the_provider_is_asked()
    {
        var harness = new DomainHarness(Collection(sessions: [Second], payments: [Payment(capturedAmounts: [50m], capturedAt: Start)]));

        var error = await Assert.ThrowsAsync<MedusaException>(() => harness.Authorizer.AuthorizeAsync(DomainHarness.CollectionId, "payses_2", CancellationToken.None));

        Assert.Equal(
            (MedusaErrorType.NotAllowed, "Payment collection pay_col_1 is already paid by payment pay_1; session payses_2 cannot be authorized."),
            (error.Type, error.Message));
        Assert.Equal(0, harness.ProviderCalls(nameof(IPaymentProvider.AuthorizeAsync)));
        Assert.Empty(harness.Store.Writes);
    }

    [Fact]
    public async Task A_canceled_payment_does_not_count_as_paid()
    {
        var harness = new DomainHarness(Collection(sessions: [Second], payments: [Payment() with { CanceledAt = Start }]));

        var authorized = await harness.Authorizer.AuthorizeAsync(DomainHarness.CollectionId, "payses_2", CancellationToken.None);

        Assert.Equal(2, authorized.Payments.Count);
    }

    [Theory]
    [InlineData(PaymentSessionStatus.Authorized, null)]
    [InlineData(PaymentSessionStatus.Captured, 50)]
    public async Task A_payment_landing_after_the_providers_authorization_wins_and_this_money_is_given_back(PaymentSessionStatus providerSaid, int? refunded)
    {
        var harness = new DomainHarness(Collection(sessions: [Second]));
        harness.Provider.AuthorizeAsync(default!, default).ReturnsForAnyArgs(new ProviderAuthorizeResult(providerSaid, Json("""{"id":"pi_2","status":"x"}""")));
        harness.Store.BeforeNextWrite(collection => collection with { Payments = [Payment(id: "pay_other", sessionId: "payses_other")] });

        var error = await Assert.ThrowsAsync<MedusaException>(() => harness.Authorizer.AuthorizeAsync(DomainHarness.CollectionId, "payses_2", CancellationToken.None));

        Assert.Equal(MedusaErrorType.NotAllowed, error.Type);
        var stored = harness.Stored;
        Assert.Equal("pay_other", Assert.Single(stored.Payments).Id);
        var refused = Assert.Single(stored.RefusedProviderPayments);
        Assert.Equal(("payses_2", ProviderReleaseReason.CollectionAlreadyPaid, (decimal?)refunded), (refused.SessionId, refused.Reason, refused.RefundedAmount));
        var release = Assert.Single(Assert.Single(harness.Store.Writes).Outbox);
        Assert.Equal($"release:payses_2:{(refunded is null ? "cancel" : "refund")}", release.Id);
        if (refunded is null)
        {
            await harness.Provider.Received(1).DeleteAsync(Arg.Is<ProviderOperation>(operation => operation.IdempotencyKey == "payses_2-cancel-refused"), Arg.Any<CancellationToken>());
        }
        else
        {
            await harness.Provider.Received(1).RefundAsync(
                Arg.Is<ProviderAmountOperation>(operation => operation.IdempotencyKey == "payses_2-refund-refused" && operation.Amount == 50m && operation.Data.GetProperty("id").GetString() == "pi_2"),
                Arg.Any<CancellationToken>());
        }

        Assert.Empty(harness.Store.Outbox);
        Assert.Equal(1, harness.ProviderCalls(nameof(IPaymentProvider.AuthorizeAsync)));
    }

    [Fact]
    public async Task An_authorized_session_with_its_payment_is_returned_without_a_provider_call_or_a_write()
    {
        var harness = new DomainHarness(Collection(sessions: [Second with { Status = PaymentSessionStatus.Authorized, PaymentId = "pay_1" }], payments: [Payment(sessionId: "payses_2")]));

        await harness.Authorizer.AuthorizeAsync(DomainHarness.CollectionId, "payses_2", CancellationToken.None);

        Assert.Equal(0, harness.ProviderCalls(nameof(IPaymentProvider.AuthorizeAsync)));
        Assert.Empty(harness.Store.Writes);
    }

    [Fact]
    public async Task An_authorization_whose_write_answer_was_lost_creates_one_payment()
    {
        var harness = new DomainHarness(Collection(sessions: [Second]));
        harness.Store.LoseNextWriteAnswer(reads: 2);

        var authorized = await harness.Authorizer.AuthorizeAsync(DomainHarness.CollectionId, "payses_2", CancellationToken.None);

        Assert.Single(authorized.Payments);
        Assert.Single(harness.Stored.Payments);
        Assert.Equal(1, harness.ProviderCalls(nameof(IPaymentProvider.AuthorizeAsync)));
    }
}
