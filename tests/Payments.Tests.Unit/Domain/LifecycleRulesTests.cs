using Payments.Domain.Collections;
using Payments.Domain.Errors;
using Payments.Domain.Outbox;
using Payments.Domain.Providers;
using static Payments.Tests.Unit.TestData.DomainRecords;

namespace Payments.Tests.Unit.Domain;

/// <summary>Deleting a collection (issue 14): a tombstone that gives every provider payment back and refuses new money.</summary>
public sealed class LifecycleRulesTests
{
    private static readonly DateTimeOffset Now = Start.AddMinutes(5);

    [Fact]
    public void A_deleted_collection_is_a_tombstone_whose_sessions_are_released_and_whose_cart_is_unlinked()
    {
        var collection = Collection(cartId: "cart_1", sessions: [Session(id: "payses_1", providerId: DomainHarness.ProviderId, data: Json("""{"id":"pi_1"}"""))]);

        var decision = collection.Delete(Now);

        Assert.Equal(Now, decision.Updated!.DeletedAt);
        Assert.Equal(PaymentSessionStatus.Canceled, Assert.Single(decision.Updated.Sessions).Status);
        var release = Assert.IsType<ProviderRelease>(decision.Outbox[0]);
        Assert.Equal(("payses_1", ProviderReleaseReason.CollectionDeleted, "payses_1-cancel"), (release.SessionId, release.Reason, release.IdempotencyKey));
        Assert.Equal("cart_1", Assert.IsType<CartUnlinking>(decision.Outbox[1]).CartId);
    }

    [Fact]
    public void A_session_of_the_system_provider_holds_no_money_and_needs_no_release()
    {
        var collection = Collection(sessions: [Session(id: "payses_1")]);

        Assert.Empty(collection.Delete(Now).Outbox);
    }

    [Fact]
    public void A_paid_collection_is_not_deleted_and_a_deleted_one_is_deleted_once()
    {
        var paid = Collection(payments: [Payment()]);
        var deleted = Collection() with { DeletedAt = Start };

        Assert.Equal("Can only delete payment collections where status is not_paid", Assert.Throws<MedusaException>(() => paid.Delete(Now)).Message);
        Assert.Null(deleted.Delete(Now).Updated);
    }

    [Fact]
    public void Money_a_provider_authorized_for_a_deleted_collection_is_given_back_in_the_same_write()
    {
        var session = Session(id: "payses_1", providerId: DomainHarness.ProviderId);
        var deleted = Collection(sessions: [session]) with { DeletedAt = Start };

        var decision = deleted.Authorize(new Authorization(session, new ProviderAuthorizeResult(PaymentSessionStatus.Captured, Json("""{"id":"pi_1"}""")), "pay_1", "capt_1"), Now);

        Assert.Equal(MedusaErrorType.NotFound, decision.Result.Failure!.Type);
        Assert.Empty(decision.Updated!.Payments);
        var release = Assert.IsType<ProviderRelease>(Assert.Single(decision.Outbox));
        Assert.Equal((ProviderReleaseReason.CollectionDeleted, 50m), (release.Reason, release.Refund!.Amount));
    }
}
