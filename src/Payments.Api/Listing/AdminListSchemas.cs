using Payments.Api.Serialization;
using Payments.Domain.RefundReasons;

namespace Payments.Api.Listing;

/// <summary>The list queries of the admin list routes.</summary>
public static class AdminListSchemas
{
    /// <summary>
    /// <c>GET /admin/payments</c> (spec §6.4). Orderable by every scalar field of a payment; its JSON fields
    /// (<c>data</c>, <c>metadata</c>, <c>raw_amount</c>) have no order. The fields that never change are read from the
    /// payment index, the others from the document (<see cref="PaymentListPlan"/> knows which are which).
    /// </summary>
    public static ListSchema<ListedPayment> Payments { get; } = new ListSchemaBuilder<ListedPayment>(defaultLimit: 20)
        .Search(payment => payment.Entry.PaymentId, payment => payment.Entry.CollectionId, payment => payment.Entry.PaymentSessionId, payment => payment.Entry.ProviderId)
        .AnyOf("id", payment => payment.Entry.PaymentId)
        .AnyOf("payment_session_id", payment => payment.Entry.PaymentSessionId)
        .Timestamp("created_at", payment => payment.Entry.CreatedAt)
        .Timestamp("updated_at", payment => payment.Payment.UpdatedAt)
        // No route deletes a payment here.
        .Timestamp("deleted_at", _ => null)
        .Orderable("currency_code", payment => payment.CurrencyCode)
        .Orderable("provider_id", payment => payment.Entry.ProviderId)
        .Orderable("captured_at", payment => payment.Payment.CapturedAt)
        .Orderable("canceled_at", payment => payment.Payment.CanceledAt)
        .Orderable("payment_collection_id", payment => payment.Entry.CollectionId)
        .Orderable("amount", payment => payment.Amount)
        .Build("created_at", "id");

    /// <summary>
    /// <c>GET /admin/refund-reasons</c> (spec §6.13). <see cref="ListQuery{T}.WithDeleted"/> tells the route whether
    /// to pass deleted reasons in.
    /// </summary>
    public static ListSchema<RefundReason> RefundReasons { get; } = new ListSchemaBuilder<RefundReason>(defaultLimit: 15)
        .AnyOf("id", reason => reason.Id)
        .Search(reason => reason.Label, reason => reason.Code, reason => reason.Description)
        .Timestamp("created_at", reason => reason.CreatedAt)
        .Timestamp("updated_at", reason => reason.UpdatedAt)
        .Timestamp("deleted_at", reason => reason.DeletedAt)
        .Orderable("label", reason => reason.Label)
        .Orderable("code", reason => reason.Code)
        .Orderable("description", reason => reason.Description)
        .Build("created_at", "id");

    /// <summary><c>GET /admin/payments/payment-providers</c> (spec §6.8).</summary>
    public static ListSchema<PaymentProviderListing> PaymentProviders { get; } =
        new ListSchemaBuilder<PaymentProviderListing>(defaultLimit: 20)
            .AnyOf("id", provider => provider.Id)
            .Boolean("is_enabled", provider => provider.IsEnabled)
            .Build("id");
}
