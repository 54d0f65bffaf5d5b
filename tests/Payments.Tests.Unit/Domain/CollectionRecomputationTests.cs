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
        { 87.957975m, PaymentSessionStatus.Authorized, [87.96m], [], PaymentCollectionStatus.Completed, 87.957975m, 87.96m, 0m, true },
        { 87.96m, PaymentSessionStatus.Authorized, [87.955m], [], PaymentCollectionStatus.Completed, 87.96m, 87.955m, 0m, true },
        { 87.96m, PaymentSessionStatus.Authorized, [87.954m], [], PaymentCollectionStatus.Authorized, 87.96m, 87.954m, 0m, false },
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

        var recomputed = CollectionRecomputation.Recompute(collection, Now);

        Assert.Equal(expectedStatus, recomputed.Status);
        Assert.Equal((expectedAuthorized, expectedCaptured, expectedRefunded), (recomputed.AuthorizedAmount, recomputed.CapturedAmount, recomputed.RefundedAmount));
        Assert.Equal(expectCompleted ? Now : null, recomputed.CompletedAt);
        Assert.Equal(Now, recomputed.UpdatedAt);
    }

    [Fact]
    public void A_partial_authorization_is_partially_authorized()
    {
        var collection = Collection(50m, sessions: [Session(30m, PaymentSessionStatus.Authorized)]);

        Assert.Equal(PaymentCollectionStatus.PartiallyAuthorized, CollectionRecomputation.Recompute(collection, Now).Status);
    }

    [Fact]
    public void Zero_digit_currencies_compare_without_rounding()
    {
        var collection = Collection(1000m, "jpy", sessions: [Session(999.6m, PaymentSessionStatus.Authorized)]);

        Assert.Equal(PaymentCollectionStatus.PartiallyAuthorized, CollectionRecomputation.Recompute(collection, Now).Status);
    }

    [Fact]
    public void Completion_is_restamped_on_every_recompute_that_finds_it_fully_captured()
    {
        var collection = Collection(
            sessions: [Session(status: PaymentSessionStatus.Authorized)],
            payments: [Payment(capturedAmounts: [50m])]) with { CompletedAt = Start };

        Assert.Equal(Now, CollectionRecomputation.Recompute(collection, Now).CompletedAt);
    }
}
