using System.Globalization;
using System.Text.Json;
using Payments.Domain.Collections;
using Payments.Domain.Providers;
using Payments.Domain.RefundReasons;

namespace Payments.Benchmarks;

/// <summary>The collection of the spec's golden captures (G14, G72), as the routes serve it.</summary>
internal static class Samples
{
    public const string CollectionId = "pay_col_01M86MS9YPV14MVVJVNRK0ACEN";
    public const string PaymentId = "pay_01M86MSH8B7JX0F3RY97XAH91H";
    public const string ReasonId = "refr_01M86MSNYTDCWJAQM2F6TH1MKD";

    private const string SessionId = "payses_01M86MSAXW11YSZE6DAQ34E162";
    private const string Admin = "user_01M86MRZEZC0PTTWRW2WHMXJ0E";

    /// <summary>G14: usd 50, not paid, one pending session of <c>pp_system_default</c> with <paramref name="sessionData"/>.</summary>
    public static PaymentCollection WithPendingSession(JsonElement? sessionData = null) => new()
    {
        Id = CollectionId,
        CurrencyCode = "usd",
        Amount = 50m,
        Status = PaymentCollectionStatus.NotPaid,
        CreatedAt = At("2026-11-24T11:24:17.238Z"),
        UpdatedAt = At("2026-11-24T11:24:17.238Z"),
        CartId = "cart_01M86MS9K65CQ5DSH0AYYTBNTQ",
        Sessions = [PendingSession(sessionData ?? EmptyJson.Object)],
    };

    /// <summary>Authorized, captured 20 + 30, refunded 10 with a reason and 40 without (G44–G83).</summary>
    public static PaymentCollection Completed(JsonElement? sessionData = null) => new()
    {
        Id = CollectionId,
        CurrencyCode = "usd",
        Amount = 50m,
        AuthorizedAmount = 50m,
        CapturedAmount = 50m,
        RefundedAmount = 50m,
        Status = PaymentCollectionStatus.Completed,
        CompletedAt = At("2026-11-24T11:24:32.416Z"),
        CreatedAt = At("2026-11-24T11:24:17.238Z"),
        UpdatedAt = At("2026-11-24T11:24:32.425Z"),
        CartId = "cart_01M86MS9K65CQ5DSH0AYYTBNTQ",
        Sessions =
        [
            PendingSession(sessionData ?? EmptyJson.Object) with
            {
                Status = PaymentSessionStatus.Authorized,
                AuthorizedAt = At("2026-11-24T11:24:24.712Z"),
                PaymentId = PaymentId,
            },
        ],
        Payments = [CompletedPayment()],
    };

    public static IReadOnlyDictionary<string, RefundReason> Reasons { get; } = new Dictionary<string, RefundReason>(StringComparer.Ordinal)
    {
        [ReasonId] = new()
        {
            Id = ReasonId,
            Label = "Damaged in transit",
            Code = "damaged",
            Description = "Item arrived damaged",
            CreatedAt = At("2026-11-24T11:24:29.531Z"),
            UpdatedAt = At("2026-11-24T11:24:30.102Z"),
        },
    };

    private static PaymentSession PendingSession(JsonElement data) => new()
    {
        Id = SessionId,
        CurrencyCode = "usd",
        Amount = 50m,
        ProviderId = SystemPaymentProvider.ProviderId,
        ProviderReference = "8f0e4b43-5c55-4d5e-9c33-0d0f5f1f3f7a",
        Data = data,
        Status = PaymentSessionStatus.Pending,
        CreatedAt = At("2026-11-24T11:24:18.236Z"),
        UpdatedAt = At("2026-11-24T11:24:18.236Z"),
    };

    private static Payment CompletedPayment() => new()
    {
        Id = PaymentId,
        CurrencyCode = "usd",
        Amount = 50m,
        ProviderId = SystemPaymentProvider.ProviderId,
        Data = EmptyJson.Object,
        CapturedAt = At("2026-11-24T11:24:28.494Z"),
        PaymentCollectionId = CollectionId,
        PaymentSessionId = SessionId,
        CreatedAt = At("2026-11-24T11:24:24.713Z"),
        UpdatedAt = At("2026-11-24T11:24:32.401Z"),
        Captures =
        [
            new Capture
            {
                Id = "capt_01M86MSM4BCAZ6V9BBZ54MRT1E",
                PaymentId = PaymentId,
                Amount = 20m,
                CreatedBy = Admin,
                CreatedAt = At("2026-11-24T11:24:27.659Z"),
                UpdatedAt = At("2026-11-24T11:24:27.659Z"),
            },
            new Capture
            {
                Id = "capt_01M86MSMYC9QDYPCBVH0PTDT0R",
                PaymentId = PaymentId,
                Amount = 30m,
                CreatedAt = At("2026-11-24T11:24:28.490Z"),
                UpdatedAt = At("2026-11-24T11:24:28.490Z"),
            },
        ],
        Refunds =
        [
            new Refund
            {
                Id = "ref_01M86MSQ3KFQMH6ASGNRJ0PHNJ",
                PaymentId = PaymentId,
                Amount = 10m,
                RefundReasonId = ReasonId,
                Note = "anchor partial refund",
                CreatedBy = Admin,
                CreatedAt = At("2026-11-24T11:24:30.577Z"),
                UpdatedAt = At("2026-11-24T11:24:30.577Z"),
            },
            new Refund
            {
                Id = "ref_01M86MSRRG0TMGXXT651YKKVH9",
                PaymentId = PaymentId,
                Amount = 40m,
                CreatedBy = Admin,
                CreatedAt = At("2026-11-24T11:24:32.400Z"),
                UpdatedAt = At("2026-11-24T11:24:32.400Z"),
            },
        ],
    };

    private static DateTimeOffset At(string timestamp) => DateTimeOffset.Parse(timestamp, CultureInfo.InvariantCulture);
}
