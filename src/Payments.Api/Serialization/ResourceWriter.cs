using System.Text.Json;
using Payments.Api.Fields;
using Payments.Api.Serialization.Projection;
using Payments.Api.Serialization.Resources;
using Payments.Domain.Collections;
using Payments.Domain.RefundReasons;

namespace Payments.Api.Serialization;

/// <summary>Writes each resource as the JSON object its field selection asks for (spec §4, §5).</summary>
public static class ResourceWriter
{
    /// <param name="refundReasons">Reasons by id, for refunds' <c>refund_reason</c>; a missing or deleted one reads null.</param>
    /// <param name="viewer">Who reads it: whose sessions' context is shown.</param>
    public static void WritePaymentCollection(
        this Utf8JsonWriter writer,
        PaymentCollection collection,
        FieldSelection fields,
        IReadOnlyDictionary<string, RefundReason> refundReasons,
        ContextViewer viewer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(refundReasons);
        PaymentCollectionShape.Instance.ProjectionFor(fields)
            .Write(writer, collection, new ProjectionScope(collection, refundReasons, viewer));
    }

    /// <param name="collection">The collection the payment belongs to, for its back-references.</param>
    /// <param name="refundReasons">Reasons by id, for refunds' <c>refund_reason</c>; a missing or deleted one reads null.</param>
    /// <param name="viewer">Who reads it: whose sessions' context is shown (a payment reaches them through its collection).</param>
    public static void WritePayment(
        this Utf8JsonWriter writer,
        Payment payment,
        PaymentCollection collection,
        FieldSelection fields,
        IReadOnlyDictionary<string, RefundReason> refundReasons,
        ContextViewer viewer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(payment);
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(refundReasons);
        if (payment.PaymentCollectionId != collection.Id)
        {
            throw new ArgumentException($"Payment {payment.Id} does not belong to collection {collection.Id}.", nameof(collection));
        }

        PaymentShape.Instance.ProjectionFor(fields)
            .Write(writer, payment, new ProjectionScope(collection, refundReasons, viewer));
    }

    public static void WriteRefundReason(this Utf8JsonWriter writer, RefundReason reason, FieldSelection fields)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(reason);
        ArgumentNullException.ThrowIfNull(fields);
        RefundReasonShape.Instance.ProjectionFor(fields).Write(writer, reason, ProjectionScope.Standalone);
    }

    public static void WritePaymentProvider(this Utf8JsonWriter writer, PaymentProviderListing provider, FieldSelection fields)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(fields);
        PaymentProviderShape.Instance.ProjectionFor(fields).Write(writer, provider, ProjectionScope.Standalone);
    }
}
