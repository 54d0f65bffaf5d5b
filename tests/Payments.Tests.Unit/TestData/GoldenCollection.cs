using Payments.Domain.Collections;
using Payments.Domain.RefundReasons;
using static Payments.Tests.Unit.TestData.DomainRecords;

namespace Payments.Tests.Unit.TestData;

/// <summary>The collection of the spec's golden captures (G08–G90), at two points of its life.</summary>
internal static class GoldenCollection
{
    public const string CollectionId = "pay_col_01M86MS9YPV14MVVJVNRK0ACEN";
    public const string PendingSessionId = "payses_01M86MSAXW11YSZE6DAQ34E162";
    public const string AuthorizedSessionId = "payses_01M86MSGT599MV8DNA89573QTT";
    public const string PaymentId = "pay_01M86MSH8B7JX0F3RY97XAH91H";
    public const string ReasonId = "refr_01M86MSNYTDCWJAQM2F6TH1MKD";
    public const string Admin = "user_01M86MRZEZC0PTTWRW2WHMXJ0E";

    private static readonly DateTimeOffset Created = At("2026-11-24T11:24:17.238Z");

    /// <summary>The collection of G14: usd 50, not paid, one pending session.</summary>
    public static PaymentCollection WithPendingSession() => Collection(
        id: CollectionId,
        createdAt: Created,
        sessions: [Session(id: PendingSessionId, createdAt: At("2026-11-24T11:24:18.236Z"))]);

    /// <summary>
    /// The collection after authorization, captures of 20 and 30, a refund of 10 with a reason and one of 40
    /// without (G44–G83).
    /// </summary>
    public static PaymentCollection Completed() => Collection(
        amount: 50.00m,
        id: CollectionId,
        status: PaymentCollectionStatus.Completed,
        createdAt: Created,
        updatedAt: At("2026-11-24T11:24:32.425Z"),
        sessions:
        [
            Session(
                id: AuthorizedSessionId,
                status: PaymentSessionStatus.Authorized,
                paymentId: PaymentId,
                authorizedAt: At("2026-11-24T11:24:24.712Z"),
                createdAt: At("2026-11-24T11:24:24.261Z"),
                updatedAt: At("2026-11-24T11:24:24.715Z")),
        ],
        payments: [CompletedPayment()]) with
    {
        AuthorizedAmount = 50m,
        CapturedAmount = 50.0m,
        RefundedAmount = 50m,
        CompletedAt = At("2026-11-24T11:24:32.416Z"),
    };

    public static Payment CompletedPayment() => Payment(
        id: PaymentId,
        collectionId: CollectionId,
        sessionId: AuthorizedSessionId,
        capturedAt: At("2026-11-24T11:24:28.494Z"),
        createdAt: At("2026-11-24T11:24:24.713Z"),
        updatedAt: At("2026-11-24T11:24:32.401Z")) with
    {
        Captures =
        [
            Capture(20m, id: "capt_01M86MSM4BCAZ6V9BBZ54MRT1E", paymentId: PaymentId, createdBy: Admin, createdAt: At("2026-11-24T11:24:27.659Z")),
            Capture(30m, id: "capt_01M86MSMYC9QDYPCBVH0PTDT0R", paymentId: PaymentId, createdAt: At("2026-11-24T11:24:28.490Z")),
        ],
        Refunds =
        [
            Refund(
                10m,
                id: "ref_01M86MSQ3KFQMH6ASGNRJ0PHNJ",
                paymentId: PaymentId,
                reasonId: ReasonId,
                note: "anchor partial refund",
                createdBy: Admin,
                createdAt: At("2026-11-24T11:24:30.577Z")),
            Refund(40m, id: "ref_01M86MSRRG0TMGXXT651YKKVH9", paymentId: PaymentId, createdBy: Admin, createdAt: At("2026-11-24T11:24:32.400Z")),
        ],
    };

    public static RefundReason Damaged() => Reason(
        id: ReasonId,
        label: "Damaged in transit",
        code: "damaged",
        description: "Item arrived damaged",
        createdAt: At("2026-11-24T11:24:29.531Z"),
        updatedAt: At("2026-11-24T11:24:30.102Z"));
}
