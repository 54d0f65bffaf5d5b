using Payments.Domain.Collections;
using Payments.Domain.Errors;
using Payments.Domain.Outbox;
using Payments.Domain.Providers;
using Payments.Tests.Unit.Domain;
using static Payments.Tests.Unit.TestData.DomainRecords;

namespace Payments.Tests.Unit.Commerce;

/// <summary>The collection rules the commerce backend's module needs (docs/module-api.md §4, §6), decided purely.</summary>
public sealed class ModuleRulesTests
{
    private static readonly DateTimeOffset Now = Start.AddMinutes(5);

    [Fact]
    public void A_new_exact_amount_is_kept_exactly_and_its_whole_minor_units_become_the_amount()
    {
        var decision = Collection(amount: 25m).Update(Update(amount: 33.333333333333333333m), Now);

        Assert.Equal((33.33m, 33.333333333333333333m, 33.333333333333333333m), (decision.Updated!.Amount, decision.Updated.ExactAmount, decision.Updated.ShownAmount));
    }

    [Fact]
    public void An_exact_amount_of_whole_minor_units_is_only_the_amount()
    {
        var decision = Collection(amount: 25m).Update(Update(amount: 50.00m), Now);

        Assert.Equal((50m, (decimal?)null), (decision.Updated!.Amount, decision.Updated.ExactAmount));
    }

    [Fact]
    public void A_new_amount_ends_a_waiting_session_of_the_old_one_and_releases_its_provider_payment()
    {
        var waiting = Session(amount: 25m, providerId: DomainHarness.ProviderId);
        var decision = Collection(amount: 25m, sessions: [waiting]).Update(Update(amount: 50m), Now);

        Assert.Empty(decision.Updated!.Sessions);
        var ended = Assert.Single(decision.Updated.EndedSessions);
        Assert.Equal((waiting.Id, Now), (ended.Id, ended.DeletedAt));
        var release = Assert.IsType<ProviderRelease>(Assert.Single(decision.Outbox));
        Assert.Equal((waiting.Id, ProviderReleaseReason.Superseded), (release.SessionId, release.Reason));
        Assert.Equal(PaymentCollectionStatus.NotPaid, decision.Updated.Status);
    }

    [Fact]
    public void A_new_amount_never_ends_a_session_that_holds_a_payment()
    {
        var authorized = Session(amount: 25m, status: PaymentSessionStatus.Authorized, paymentId: "pay_1");
        var decision = Collection(amount: 25m, sessions: [authorized], payments: [Payment(amount: 25m)]).Update(Update(amount: 30m), Now);

        Assert.Equal(authorized.Id, Assert.Single(decision.Updated!.Sessions).Id);
        Assert.Equal(PaymentCollectionStatus.PartiallyAuthorized, decision.Updated.Status);
        Assert.Empty(decision.Outbox);
    }

    [Fact]
    public void The_same_amount_and_currency_again_changes_nothing()
    {
        var collection = Collection(amount: 33.33m) with { ExactAmount = 33.333333333333333333m };

        Assert.Null(collection.Update(Update(amount: 33.333333333333333333m, currency: "USD"), Now).Updated);
    }

    [Fact]
    public void A_status_set_by_medusa_is_kept_over_the_recomputed_one()
    {
        var decision = Collection().Update(Update(status: PaymentCollectionStatus.Canceled), Now);

        Assert.Equal(PaymentCollectionStatus.Canceled, decision.Updated!.Status);
    }

    [Fact]
    public void A_deleted_session_ends_releases_and_stays_findable_and_deleting_it_again_changes_nothing()
    {
        var collection = Collection(sessions: [Session(id: "payses_1", providerId: DomainHarness.ProviderId)]);

        var first = collection.DeleteSession("payses_1", Now);
        var again = first.Updated!.DeleteSession("payses_1", Now.AddSeconds(1));

        Assert.Empty(first.Updated.Sessions);
        Assert.Equal(Now, first.Updated.FindSession("payses_1")!.DeletedAt);
        Assert.IsType<ProviderRelease>(Assert.Single(first.Outbox));
        Assert.Null(again.Updated);
    }

    [Fact]
    public void A_session_with_a_live_payment_is_not_deleted_and_an_unknown_one_is_not_found()
    {
        var paid = Collection(sessions: [Session(status: PaymentSessionStatus.Authorized, paymentId: "pay_1")], payments: [Payment()]);

        Assert.Equal(
            (MedusaErrorType.NotAllowed, "Payment session payses_1 has a payment"),
            Outcome(() => paid.DeleteSession("payses_1", Now)));
        Assert.Equal(MedusaErrorType.NotFound, Outcome(() => paid.DeleteSession("payses_nope", Now)).Type);
    }

    [Fact]
    public void Ended_sessions_are_kept_up_to_a_bound_oldest_dropped_first()
    {
        var collection = Collection();
        for (var index = 0; index < PaymentCollection.EndedSessionsKept + 3; index++)
        {
            var session = Session(id: $"payses_{index}");
            collection = (collection with { Sessions = [session] }).WithSessionsEnded([session], Now);
        }

        Assert.Equal(PaymentCollection.EndedSessionsKept, collection.EndedSessions.Count);
        Assert.Equal($"payses_{PaymentCollection.EndedSessionsKept + 2}", collection.EndedSessions[^1].Id);
        Assert.Null(collection.FindSession("payses_0"));
    }

    [Fact]
    public void A_cart_completion_records_the_cart_the_order_and_the_live_sessions_once()
    {
        var collection = Collection(sessions: [Session(id: "payses_1")]);

        var first = collection.RecordCartCompletion("cart_1", "order_1", Now);
        var again = first.Updated!.RecordCartCompletion("cart_1", "order_1", Now.AddSeconds(1));

        Assert.Equal(("cart_1", "order_1", "payses_1"), (first.Updated.CartId, first.Updated.OrderId, Assert.Single(first.Updated.CartCompletion!.LiveSessionIds)));
        Assert.Null(again.Updated);
        Assert.Equal(MedusaErrorType.InvalidData, Outcome(() => first.Updated.RecordCartCompletion("cart_2", "order_2", Now)).Type);
    }

    [Fact]
    public void A_completed_carts_collection_takes_no_new_session_and_a_paid_one_none_in_module_mode()
    {
        var completed = Collection(cartId: "cart_1") with { CartCompletion = new CartCompletion(Start, []) };
        var paid = Collection(payments: [Payment()]);

        Assert.Equal((MedusaErrorType.InvalidData, "Cart cart_1 is already completed."), Outcome(() => completed.EnsureTakesNewSession(guardsPaidCollection: false)));
        Assert.Equal((MedusaErrorType.NotAllowed, "Payment collection pay_col_1 is already paid"), Outcome(() => paid.EnsureTakesNewSession(guardsPaidCollection: true)));
        paid.EnsureTakesNewSession(guardsPaidCollection: false);
    }

    [Fact]
    public void A_session_opened_after_its_carts_completion_is_not_authorized_and_money_for_it_is_given_back()
    {
        var late = Session(id: "payses_late", providerId: DomainHarness.ProviderId);
        var collection = Collection(cartId: "cart_1", sessions: [late]) with { CartCompletion = new CartCompletion(Start, ["payses_early"]) };

        var decision = collection.Authorize(new Authorization(late, new ProviderAuthorizeResult(PaymentSessionStatus.Authorized, Json("""{"id":"pi_1"}""")), "pay_1", "capt_1"), Now);

        Assert.Equal("Cart cart_1 is already completed.", decision.Result.Failure!.Message);
        Assert.Empty(decision.Updated!.Payments);
        Assert.Equal(ProviderReleaseReason.CartCompleted, Assert.IsType<ProviderRelease>(Assert.Single(decision.Outbox)).Reason);
        Assert.Equal("Cart cart_1 is already completed.", Assert.Throws<MedusaException>(() => collection.SessionToAuthorize("payses_late")).Message);
    }

    [Fact]
    public void A_cart_is_recorded_once_on_the_collection_of_the_backends_link()
    {
        var decision = Collection().RecordCart("cart_1", "reg_1", Now);

        Assert.Equal(("cart_1", "reg_1"), (decision.Updated!.CartId, decision.Updated.RegionId));
        Assert.Null(decision.Updated.RecordCart("cart_1", "reg_1", Now).Updated);
        Assert.Equal(MedusaErrorType.InvalidData, Outcome(() => decision.Updated.RecordCart("cart_2", "reg_1", Now)).Type);
    }

    [Fact]
    public void A_canceled_payment_releases_its_authorization_and_a_captured_one_cannot_be_canceled()
    {
        var authorized = Collection(payments: [Payment(providerId: DomainHarness.ProviderId)]);
        var captured = Collection(payments: [Payment(capturedAmounts: [50m])]);

        var decision = authorized.CancelPayment("pay_1", NotFound, Now);

        Assert.Equal(Now, decision.Result.Payment.CanceledAt);
        var release = Assert.IsType<ProviderRelease>(Assert.Single(decision.Outbox));
        Assert.Equal(("payses_1-cancel", ProviderReleaseReason.PaymentCanceled), (release.IdempotencyKey, release.Reason));
        Assert.Null(decision.Updated!.CancelPayment("pay_1", NotFound, Now).Updated);
        Assert.Equal(MedusaErrorType.NotAllowed, Outcome(() => captured.CancelPayment("pay_1", NotFound, Now)).Type);
    }

    [Fact]
    public void A_collection_without_a_payment_is_deleted_for_the_module_whatever_its_status_and_a_paid_one_is_not()
    {
        var awaiting = Collection(status: PaymentCollectionStatus.Awaiting, sessions: [Session()]);
        var paid = Collection(payments: [Payment()]);

        Assert.Equal(Now, awaiting.DeleteWithoutPayment(Now).Updated!.DeletedAt);
        Assert.Equal(MedusaErrorType.NotAllowed, Outcome(() => paid.DeleteWithoutPayment(Now)).Type);
    }

    private static CollectionUpdate Update(decimal? amount = null, string? currency = null, PaymentCollectionStatus? status = null) =>
        new(amount, currency, status, MetadataGiven: false, Metadata: null);

    private static MedusaException NotFound() => MedusaException.NotFound("not found");

    private static (MedusaErrorType Type, string Message) Outcome(Action rule)
    {
        var failure = Assert.Throws<MedusaException>(rule);
        return (failure.Type, failure.Message);
    }
}
