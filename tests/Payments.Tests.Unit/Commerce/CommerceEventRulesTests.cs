using System.Text.Json;
using Payments.Domain.Collections;
using Payments.Domain.Commerce;
using Payments.Domain.Providers;
using Payments.Tests.Unit.Domain;
using static Payments.Tests.Unit.TestData.DomainRecords;

namespace Payments.Tests.Unit.Commerce;

/// <summary>
/// The events the module hears (docs/module-api.md §5) are written by the rule that decides the change, in its write:
/// only when the change was not the module's own, and with ids that name the change, so a decision taken again records
/// the same event.
/// </summary>
public sealed class CommerceEventRulesTests
{
    private static readonly DateTimeOffset Now = Start.AddMinutes(5);

    [Theory]
    [InlineData(PaymentSessionStatus.Authorized, "authorized")]
    [InlineData(PaymentSessionStatus.Captured, "captured")]
    public void An_announced_authorization_writes_the_session_authorized_event(PaymentSessionStatus providerStatus, string eventStatus)
    {
        var session = Session(id: "payses_1", providerId: DomainHarness.ProviderId);
        var authorization = new Authorization(session, new ProviderAuthorizeResult(providerStatus, Json("{}")), "pay_1", "capt_1") { Announce = true };

        var decision = Collection(sessions: [session]).Authorize(authorization, Now);

        var announced = Assert.Single(decision.Outbox.OfType<CommerceEvent>());
        Assert.Equal(("evt_payses_1", CommerceEvent.SessionAuthorizedType, true), (announced.EventId, announced.Type, announced.DispatchedAfterWrite));
        Assert.Equal(
            $$"""{"payment_session_id":"payses_1","payment_collection_id":"pay_col_1","status":"{{eventStatus}}","amount":50}""",
            announced.Data.GetRawText());
    }

    [Fact]
    public void An_authorization_the_module_asked_for_or_one_that_holds_no_money_writes_no_event()
    {
        var session = Session(id: "payses_1", providerId: DomainHarness.ProviderId);
        var byModule = new Authorization(session, new ProviderAuthorizeResult(PaymentSessionStatus.Authorized, Json("{}")), "pay_1", "capt_1");
        var deferred = byModule with { Result = new ProviderAuthorizeResult(PaymentSessionStatus.PendingAuthorization, Json("{}")), Announce = true };

        Assert.Empty(Collection(sessions: [session]).Authorize(byModule, Now).Outbox.OfType<CommerceEvent>());
        Assert.Empty(Collection(sessions: [session]).Authorize(deferred, Now).Outbox.OfType<CommerceEvent>());
    }

    [Fact]
    public void A_confirmed_move_announced_writes_the_payments_moved_event_and_a_refused_one_none()
    {
        var move = new MoneyMove { Id = "ref_1", Kind = MoneyMoveKind.Refund, Amount = 10m, ReservedAt = Start };
        var collection = Collection(payments: [Payment(capturedAmounts: [50m]) with { PendingMoves = [move] }]);

        var moved = collection.SettleMove("pay_1", move, new MoveOutcome.Moved(null, "re_1"), Now, announce: true);
        var refused = collection.SettleMove("pay_1", move, new MoveOutcome.Refused(new InvalidOperationException()), Now, announce: true);

        var announced = Assert.Single(moved.Outbox.OfType<CommerceEvent>());
        Assert.Equal(("evt_ref_1", CommerceEvent.PaymentRefundedType), (announced.EventId, announced.Type));
        Assert.Equal("""{"payment_id":"pay_1","payment_collection_id":"pay_col_1","refund_ids":["ref_1"]}""", announced.Data.GetRawText());
        Assert.Empty(refused.Outbox.OfType<CommerceEvent>());
        Assert.Empty(collection.SettleMove("pay_1", move, new MoveOutcome.Moved(null, "re_1"), Now).Outbox.OfType<CommerceEvent>());
    }

    [Fact]
    public void Reconciliation_announces_the_captures_and_refunds_it_records_one_event_for_each_kind()
    {
        var collection = Collection(payments: [Payment(providerId: DomainHarness.ProviderId)]);
        var ledger = new ProviderLedger(50m, [new ProviderLedgerMove("re_dashboard", 20m, MoveId: null)], Json("{}"));
        var ids = 0;

        var decision = collection.Reconcile("pay_1", ledger, prefix => $"{prefix}_{++ids}", Now, announce: true);

        var events = decision.Outbox.OfType<CommerceEvent>().ToList();
        Assert.Equal([CommerceEvent.PaymentCapturedType, CommerceEvent.PaymentRefundedType], events.Select(announced => announced.Type));
        Assert.Equal(["capt_1"], events[0].Data.GetProperty("capture_ids").EnumerateArray().Select(id => id.GetString()));
        Assert.Equal(["ref_2"], events[1].Data.GetProperty("refund_ids").EnumerateArray().Select(id => id.GetString()));
    }

    [Fact]
    public void The_fast_paths_creation_event_is_delivered_by_its_request_not_after_the_write()
    {
        var created = CommerceEvent.CollectionCreated("pay_col_1", "cart_1", Now);

        Assert.False(created.DispatchedAfterWrite);
        Assert.Equal("event:evt_pay_col_1", created.Id);
        Assert.Equal("""{"payment_collection_id":"pay_col_1","cart_id":"cart_1"}""", JsonSerializer.Serialize(created.Data));
    }
}
