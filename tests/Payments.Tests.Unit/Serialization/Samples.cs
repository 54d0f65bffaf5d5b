using System.Globalization;
using System.Text;
using System.Text.Json;
using Payments.Api.Fields;
using Payments.Api.Serialization;
using Payments.Domain.Collections;
using Payments.Domain.Providers;
using Payments.Domain.RefundReasons;

namespace Payments.Tests.Unit.Serialization;

/// <summary>The collection of the spec's golden captures (G08–G90), at two points of its life.</summary>
internal static class Samples
{
    public const string CollectionId = "pay_col_01M86MS9YPV14MVVJVNRK0ACEN";
    public const string PendingSessionId = "payses_01M86MSAXW11YSZE6DAQ34E162";
    public const string AuthorizedSessionId = "payses_01M86MSGT599MV8DNA89573QTT";
    public const string PaymentId = "pay_01M86MSH8B7JX0F3RY97XAH91H";
    public const string ReasonId = "refr_01M86MSNYTDCWJAQM2F6TH1MKD";
    public const string Admin = "user_01M86MRZEZC0PTTWRW2WHMXJ0E";

    /// <summary>The pending session S of G14, in star form.</summary>
    public const string PendingSessionJson =
        """{"id":"payses_01M86MSAXW11YSZE6DAQ34E162","currency_code":"usd","provider_id":"pp_system_default","data":{},"context":{},"status":"pending","authorized_at":null,"payment_collection_id":"pay_col_01M86MS9YPV14MVVJVNRK0ACEN","payment":null,"metadata":{},"raw_amount":{"value":"50","precision":20},"created_at":"2026-11-24T11:24:18.236Z","updated_at":"2026-11-24T11:24:18.236Z","deleted_at":null,"amount":50}""";

    /// <summary>The authorized session of G44, in star form.</summary>
    public const string AuthorizedSessionJson =
        """{"id":"payses_01M86MSGT599MV8DNA89573QTT","currency_code":"usd","provider_id":"pp_system_default","data":{},"context":{},"status":"authorized","authorized_at":"2026-11-24T11:24:24.712Z","payment_collection_id":"pay_col_01M86MS9YPV14MVVJVNRK0ACEN","payment":{"id":"pay_01M86MSH8B7JX0F3RY97XAH91H"},"metadata":{},"raw_amount":{"value":"50","precision":20},"created_at":"2026-11-24T11:24:24.261Z","updated_at":"2026-11-24T11:24:24.715Z","deleted_at":null,"amount":50}""";

    /// <summary>The payment of <see cref="Completed"/> in star form.</summary>
    public const string PaymentJson =
        """{"id":"pay_01M86MSH8B7JX0F3RY97XAH91H","currency_code":"usd","provider_id":"pp_system_default","data":{},"metadata":null,"captured_at":"2026-11-24T11:24:28.494Z","canceled_at":null,"payment_collection_id":"pay_col_01M86MS9YPV14MVVJVNRK0ACEN","payment_session_id":"payses_01M86MSGT599MV8DNA89573QTT","raw_amount":{"value":"50","precision":20},"created_at":"2026-11-24T11:24:24.713Z","updated_at":"2026-11-24T11:24:32.401Z","deleted_at":null,"amount":50}""";

    /// <summary>The collection after two refunds, in star form (G83).</summary>
    public const string CompletedCollectionJson =
        """{"id":"pay_col_01M86MS9YPV14MVVJVNRK0ACEN","currency_code":"usd","completed_at":"2026-11-24T11:24:32.416Z","status":"completed","metadata":null,"raw_amount":{"value":"50","precision":20},"raw_authorized_amount":{"value":"50","precision":20},"raw_captured_amount":{"value":"50","precision":20},"raw_refunded_amount":{"value":"50","precision":20},"created_at":"2026-11-24T11:24:17.238Z","updated_at":"2026-11-24T11:24:32.425Z","deleted_at":null,"amount":50,"authorized_amount":50,"captured_amount":50,"refunded_amount":50}""";

    public static readonly IReadOnlyDictionary<string, RefundReason> NoReasons = new Dictionary<string, RefundReason>();

    public static DateTimeOffset At(string timestamp) => DateTimeOffset.Parse(timestamp, CultureInfo.InvariantCulture);

    /// <summary>The collection of G14: usd 50, not paid, one pending session.</summary>
    public static PaymentCollection WithPendingSession() => new()
    {
        Id = CollectionId,
        CurrencyCode = "usd",
        Amount = 50m,
        Status = PaymentCollectionStatus.NotPaid,
        CreatedAt = At("2026-11-24T11:24:17.238Z"),
        UpdatedAt = At("2026-11-24T11:24:17.238Z"),
        Sessions =
        [
            new PaymentSession
            {
                Id = PendingSessionId,
                CurrencyCode = "usd",
                Amount = 50m,
                ProviderId = "pp_system_default",
                Data = EmptyJson.Object,
                Status = PaymentSessionStatus.Pending,
                CreatedAt = At("2026-11-24T11:24:18.236Z"),
                UpdatedAt = At("2026-11-24T11:24:18.236Z"),
            },
        ],
    };

    /// <summary>
    /// The collection after authorization, captures of 20 and 30, a refund of 10 with a reason and one of 40
    /// without (G44–G83).
    /// </summary>
    public static PaymentCollection Completed() => new()
    {
        Id = CollectionId,
        CurrencyCode = "usd",
        Amount = 50.00m,
        AuthorizedAmount = 50m,
        CapturedAmount = 50.0m,
        RefundedAmount = 50m,
        Status = PaymentCollectionStatus.Completed,
        CompletedAt = At("2026-11-24T11:24:32.416Z"),
        CreatedAt = At("2026-11-24T11:24:17.238Z"),
        UpdatedAt = At("2026-11-24T11:24:32.425Z"),
        Sessions =
        [
            new PaymentSession
            {
                Id = AuthorizedSessionId,
                CurrencyCode = "usd",
                Amount = 50m,
                ProviderId = "pp_system_default",
                Data = EmptyJson.Object,
                Status = PaymentSessionStatus.Authorized,
                AuthorizedAt = At("2026-11-24T11:24:24.712Z"),
                PaymentId = PaymentId,
                CreatedAt = At("2026-11-24T11:24:24.261Z"),
                UpdatedAt = At("2026-11-24T11:24:24.715Z"),
            },
        ],
        Payments = [CompletedPayment()],
    };

    public static Payment CompletedPayment() => new()
    {
        Id = PaymentId,
        CurrencyCode = "usd",
        Amount = 50m,
        ProviderId = "pp_system_default",
        Data = EmptyJson.Object,
        CapturedAt = At("2026-11-24T11:24:28.494Z"),
        PaymentCollectionId = CollectionId,
        PaymentSessionId = AuthorizedSessionId,
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

    public static RefundReason Damaged() => new()
    {
        Id = ReasonId,
        Label = "Damaged in transit",
        Code = "damaged",
        Description = "Item arrived damaged",
        CreatedAt = At("2026-11-24T11:24:29.531Z"),
        UpdatedAt = At("2026-11-24T11:24:30.102Z"),
    };

    public static IReadOnlyDictionary<string, RefundReason> Reasons(params RefundReason[] reasons) =>
        reasons.ToDictionary(reason => reason.Id);

    public static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    public static string Render(Action<Utf8JsonWriter> write) => Encoding.UTF8.GetString(JsonResponseBody.Of(write));

    public static string StoreCollection(PaymentCollection collection, string? fields) =>
        Render(writer => writer.WritePaymentCollection(
            collection, FieldSelection.Resolve(fields, FieldDefaults.StoreCollection), NoReasons));

    public static string AdminPayment(
        PaymentCollection collection,
        string? fields,
        IReadOnlyDictionary<string, RefundReason> reasons) =>
        Render(writer => writer.WritePayment(
            collection.Payments.Single(),
            collection,
            FieldSelection.Resolve(fields, FieldDefaults.AdminPayment),
            reasons));
}
