using Payments.Domain.Collections;
using static Payments.Tests.Unit.TestData.DomainRecords;

namespace Payments.Tests.Unit.Domain;

public sealed class CollectionRecomputationTests
{
    private static readonly DateTimeOffset Now = Start.AddMinutes(10);

    public static TheoryData<decimal, PaymentSessionStatus?, decimal[], decimal[], PaymentCollectionStatus, decimal, decimal, decimal, bool> Cases() => new()
    {
        // amount, session status, captures, refunds → status, authorized, captured, refunded, completed
        { 50m, null, [], [], PaymentCollectionStatus.NotPaid, 0m, 0m, 0m, false },
        { 50m, PaymentSessionStatus.Pending, [], [], PaymentCollectionStatus.Awaiting, 0m, 0m, 0m, false },
        { 50m, PaymentSessionStatus.Authorized, [], [], PaymentCollectionStatus.Authorized, 50m, 0m, 0m, false },
        { 50m, PaymentSessionStatus.Authorized, [20m], [], PaymentCollectionStatus.Authorized, 50m, 20m, 0m, false },
        { 50m, PaymentSessionStatus.Authorized, [20m, 30m], [], PaymentCollectionStatus.Completed, 50m, 50m, 0m, true },
        { 50m, PaymentSessionStatus.Authorized, [20m, 30m], [10m], PaymentCollectionStatus.Completed, 50m, 50m, 10m, true },
        { 50m, PaymentSessionStatus.Authorized, [20m, 30m], [10m, 40m], PaymentCollectionStatus.Completed, 50m, 50m, 50m, true },
        { 87.96m, PaymentSessionStatus.Authorized, [87.96m], [], PaymentCollectionStatus.Completed, 87.96m, 87.96m, 0m, true },
        { 87.96m, PaymentSessionStatus.Authorized, [87.95m], [], PaymentCollectionStatus.Authorized, 87.96m, 87.95m, 0m, false },
        { 50m, PaymentSessionStatus.PendingAuthorization, [], [], PaymentCollectionStatus.Awaiting, 0m, 0m, 0m, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Recompute_sets_amounts_status_and_completion(
        decimal amount,
        PaymentSessionStatus? sessionStatus,
        decimal[] captures,
        decimal[] refunds,
        PaymentCollectionStatus expectedStatus,
        decimal expectedAuthorized,
        decimal expectedCaptured,
        decimal expectedRefunded,
        bool expectCompleted)
    {
        var collection = Collection(
            amount,
            sessions: sessionStatus is { } status ? [Session(amount, status)] : [],
            payments: captures.Length > 0 ? [Payment(amount, capturedAmounts: captures, refundedAmounts: refunds)] : []);

        var recomputed = collection.Recomputed(Now);

        Assert.Equal(expectedStatus, recomputed.Status);
        Assert.Equal((expectedAuthorized, expectedCaptured, expectedRefunded), (recomputed.AuthorizedAmount, recomputed.CapturedAmount, recomputed.RefundedAmount));
        Assert.Equal(expectCompleted ? Now : (DateTimeOffset?)null, recomputed.CompletedAt);
        Assert.Equal(Now, recomputed.UpdatedAt);
    }

    [Fact]
    public void A_partial_authorization_is_partially_authorized()
    {
        var collection = Collection(50m, sessions: [Session(30m, PaymentSessionStatus.Authorized)]);

        Assert.Equal(PaymentCollectionStatus.PartiallyAuthorized, collection.Recomputed(Now).Status);
    }

    [Fact]
    public void Moves_still_pending_at_the_provider_count_for_nothing()
    {
        var pending = new MoneyMove { Id = "capt_2", Kind = MoneyMoveKind.Capture, Amount = 30m, ReservedAt = Start };
        var collection = Collection(
            sessions: [Session(status: PaymentSessionStatus.Authorized)],
            payments: [Payment(capturedAmounts: [20m]) with { PendingMoves = [pending] }]);

        var recomputed = collection.Recomputed(Now);

        Assert.Equal((20m, PaymentCollectionStatus.Authorized), (recomputed.CapturedAmount, recomputed.Status));
    }

    [Fact]
    public void Completion_is_restamped_on_every_recompute_that_finds_it_fully_captured()
    {
        var collection = Collection(
            sessions: [Session(status: PaymentSessionStatus.Authorized)],
            payments: [Payment(capturedAmounts: [50m])]) with { CompletedAt = Start };

        Assert.Equal(Now, collection.Recomputed(Now).CompletedAt);
    }
}
