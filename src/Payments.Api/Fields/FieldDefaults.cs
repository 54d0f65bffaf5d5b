namespace Payments.Api.Fields;

/// <summary>The default field list of each route family (spec §4.5), in order.</summary>
public static class FieldDefaults
{
    /// <summary><c>POST /store/payment-collections</c> and its <c>/payment-sessions</c>.</summary>
    public static IReadOnlyList<string> StoreCollection { get; } =
        ["id", "currency_code", "amount", "*payment_sessions"];

    /// <summary>
    /// What the store collection routes serve when asked: Medusa 2.21.2's allowed fields for
    /// <c>/store/payment-collections</c> (its defaults and these), by <see cref="FieldSelection.PathOf"/>, so
    /// <c>payment_sessions.*</c> and <c>*payment_providers</c> pass as in Medusa. Any other requested field — the
    /// payments, their refunds' notes and <c>created_by</c> — is dropped silently, as Medusa drops it.
    /// </summary>
    public static IReadOnlySet<string> StoreCollectionAllowed { get; } = new HashSet<string>(
    [
        .. StoreCollection.Select(FieldSelection.PathOf),
        "status", "payment_providers", "payment_providers.id",
        "payment_sessions.id", "payment_sessions.amount", "payment_sessions.currency_code", "payment_sessions.provider_id",
        "payment_sessions.data", "payment_sessions.status",
    ], StringComparer.Ordinal);

    /// <summary>The store and admin payment provider lists.</summary>
    public static IReadOnlyList<string> PaymentProviders { get; } = ["id", "is_enabled"];

    /// <summary>Every <c>/admin/payments</c> route that returns payments.</summary>
    public static IReadOnlyList<string> AdminPayment { get; } =
    [
        "id", "currency_code", "amount", "captured_at", "payment_collection_id", "payment_session_id",
        "captures.id", "captures.amount",
        "refunds.id", "refunds.amount", "refunds.note", "refunds.payment_id",
        "refunds.refund_reason.label", "refunds.refund_reason.code",
    ];

    /// <summary>Every <c>/admin/payment-collections</c> route that returns a collection.</summary>
    public static IReadOnlyList<string> AdminCollection { get; } =
    [
        "id", "currency_code", "amount", "status", "authorized_amount", "captured_amount", "refunded_amount",
        "*payment_sessions", "*payments",
    ];

    /// <summary>Every <c>/admin/refund-reasons</c> route that returns reasons.</summary>
    public static IReadOnlyList<string> RefundReason { get; } =
        ["id", "label", "code", "description", "created_at", "updated_at", "deleted_at"];
}
