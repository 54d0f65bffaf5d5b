using Payments.Api.Serialization.Projection;
using Payments.Domain.Collections;

namespace Payments.Api.Serialization.Resources;

/// <summary>Spec §5.1; star order observed in G83.</summary>
internal static class PaymentCollectionShape
{
    public static ResourceShape<PaymentCollection> Instance { get; } = new ResourceShapeBuilder<PaymentCollection>()
        .String("id", collection => collection.Id)
        .String("currency_code", collection => collection.CurrencyCode)
        .Timestamp("completed_at", collection => collection.CompletedAt)
        .Status("status", collection => collection.Status)
        .Json("metadata", collection => collection.Metadata)
        .RawAmount("raw_amount", collection => collection.ShownAmount)
        .RawAmount("raw_authorized_amount", collection => collection.AuthorizedAmount)
        .RawAmount("raw_captured_amount", collection => collection.CapturedAmount)
        .RawAmount("raw_refunded_amount", collection => collection.RefundedAmount)
        .Timestamp("created_at", collection => collection.CreatedAt)
        .Timestamp("updated_at", collection => collection.UpdatedAt)
        .Timestamp("deleted_at", collection => collection.DeletedAt)
        .Amount("amount", collection => collection.ShownAmount)
        .Amount("authorized_amount", collection => collection.AuthorizedAmount)
        .Amount("captured_amount", collection => collection.CapturedAmount)
        .Amount("refunded_amount", collection => collection.RefundedAmount)
        .ToMany(
            "payment_sessions",
            () => PaymentSessionShape.Instance,
            (collection, _) => CreationOrder.Of(collection.Sessions, session => session.CreatedAt, session => session.Id))
        .ToMany(
            "payments",
            () => PaymentShape.Instance,
            (collection, _) => CreationOrder.Of(collection.Payments, payment => payment.CreatedAt, payment => payment.Id))

        // Kept for compatibility with Medusa's schema; no route links providers to a collection.
        .ToMany("payment_providers", () => PaymentProviderShape.Instance, (_, _) => [])
        .Build();
}
