using Payments.Api.Serialization;
using Payments.Domain.Collections;
using Payments.Domain.RefundReasons;

namespace Payments.Api.Listing;

/// <summary>The list queries of the admin list routes.</summary>
public static class AdminListSchemas
{
    /// <summary>
    /// <c>GET /admin/payments</c> (spec §6.4). Orderable by every scalar field of a payment; its JSON fields
    /// (<c>data</c>, <c>metadata</c>, <c>raw_amount</c>) have no order.
    /// </summary>
    public static ListSchema<Payment> Payments { get; } = new ListSchemaBuilder<Payment>(defaultLimit: 20)
        .Search(payment => payment.Id, payment => payment.PaymentCollectionId, payment => payment.PaymentSessionId, payment => payment.ProviderId)
        .AnyOf("id", payment => payment.Id)
        .AnyOf("payment_session_id", payment => payment.PaymentSessionId)
        .Timestamp("created_at", payment => payment.CreatedAt)
        .Timestamp("updated_at", payment => payment.UpdatedAt)
        // No route deletes a payment here.
        .Timestamp("deleted_at", _ => null)
        .Orderable("currency_code", payment => payment.CurrencyCode)
        .Orderable("provider_id", payment => payment.ProviderId)
        .Orderable("captured_at", payment => payment.CapturedAt)
        .Orderable("canceled_at", payment => payment.CanceledAt)
        .Orderable("payment_collection_id", payment => payment.PaymentCollectionId)
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
