using System.Text;
using System.Text.Json;
using Payments.Api.Fields;
using Payments.Api.Serialization;
using Payments.Domain.Collections;
using Payments.Domain.RefundReasons;
using Payments.Tests.Unit.TestData;

namespace Payments.Tests.Unit.Serialization;

/// <summary>
/// The <see cref="GoldenCollection"/> in star form, and the writers run as a route runs them.
/// </summary>
internal static class Samples
{
    /// <summary>The pending session S of G14, in star form.</summary>
    public const string PendingSessionJson =
        """{"id":"payses_01M86MSAXW11YSZE6DAQ34E162","currency_code":"usd","provider_id":"pp_system_default","data":{},"context":{},"status":"pending","authorized_at":null,"payment_collection_id":"pay_col_01M86MS9YPV14MVVJVNRK0ACEN","payment":null,"metadata":{},"raw_amount":{"value":"50","precision":20},"created_at":"2026-11-24T11:24:18.236Z","updated_at":"2026-11-24T11:24:18.236Z","deleted_at":null,"amount":50}""";

    /// <summary>The authorized session of G44, in star form.</summary>
    public const string AuthorizedSessionJson =
        """{"id":"payses_01M86MSGT599MV8DNA89573QTT","currency_code":"usd","provider_id":"pp_system_default","data":{},"context":{},"status":"authorized","authorized_at":"2026-11-24T11:24:24.712Z","payment_collection_id":"pay_col_01M86MS9YPV14MVVJVNRK0ACEN","payment":{"id":"pay_01M86MSH8B7JX0F3RY97XAH91H"},"metadata":{},"raw_amount":{"value":"50","precision":20},"created_at":"2026-11-24T11:24:24.261Z","updated_at":"2026-11-24T11:24:24.715Z","deleted_at":null,"amount":50}""";

    /// <summary>The payment of <see cref="GoldenCollection.Completed"/> in star form.</summary>
    public const string PaymentJson =
        """{"id":"pay_01M86MSH8B7JX0F3RY97XAH91H","currency_code":"usd","provider_id":"pp_system_default","data":{},"metadata":null,"captured_at":"2026-11-24T11:24:28.494Z","canceled_at":null,"payment_collection_id":"pay_col_01M86MS9YPV14MVVJVNRK0ACEN","payment_session_id":"payses_01M86MSGT599MV8DNA89573QTT","raw_amount":{"value":"50","precision":20},"created_at":"2026-11-24T11:24:24.713Z","updated_at":"2026-11-24T11:24:32.401Z","deleted_at":null,"amount":50}""";

    /// <summary>The collection after two refunds, in star form (G83).</summary>
    public const string CompletedCollectionJson =
        """{"id":"pay_col_01M86MS9YPV14MVVJVNRK0ACEN","currency_code":"usd","completed_at":"2026-11-24T11:24:32.416Z","status":"completed","metadata":null,"raw_amount":{"value":"50","precision":20},"raw_authorized_amount":{"value":"50","precision":20},"raw_captured_amount":{"value":"50","precision":20},"raw_refunded_amount":{"value":"50","precision":20},"created_at":"2026-11-24T11:24:17.238Z","updated_at":"2026-11-24T11:24:32.425Z","deleted_at":null,"amount":50,"authorized_amount":50,"captured_amount":50,"refunded_amount":50}""";

    public static readonly IReadOnlyDictionary<string, RefundReason> NoReasons = new Dictionary<string, RefundReason>();

    public static IReadOnlyDictionary<string, RefundReason> Reasons(params RefundReason[] reasons) =>
        reasons.ToDictionary(reason => reason.Id);

    public static string Render(Action<Utf8JsonWriter> write) => Encoding.UTF8.GetString(JsonResponseBody.Of(write));

    public static string StoreCollection(PaymentCollection collection, string? fields) =>
        Render(writer => writer.WritePaymentCollection(
            collection, FieldSelection.Resolve(fields, FieldDefaults.StoreCollection), NoReasons, ContextViewer.Admin));

    public static string AdminPayment(
        PaymentCollection collection,
        string? fields,
        IReadOnlyDictionary<string, RefundReason> reasons) =>
        Render(writer => writer.WritePayment(
            collection.Payments.Single(),
            collection,
            FieldSelection.Resolve(fields, FieldDefaults.AdminPayment),
            reasons,
            ContextViewer.Admin));
}
