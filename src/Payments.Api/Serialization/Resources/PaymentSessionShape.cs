using System.Text.Json;
using Payments.Api.Serialization.Projection;
using Payments.Domain.Collections;

namespace Payments.Api.Serialization.Resources;

/// <summary>Spec §5.2; star order observed in G14 and G44.</summary>
internal static class PaymentSessionShape
{
    private static readonly JsonEncodedText IdProperty = JsonEncodedText.Encode("id");

    public static ResourceShape<PaymentSession> Instance { get; } = new ResourceShapeBuilder<PaymentSession>()
        .String("id", session => session.Id)
        .String("currency_code", session => session.CurrencyCode)
        .String("provider_id", session => session.ProviderId)
        .Json("data", session => session.Data)
        .Field("context", static (writer, session, scope) => SessionContextWriter.Write(writer, scope.Viewer.Visible(session.Context)))
        .Status("status", session => session.Status)
        .Timestamp("authorized_at", session => session.AuthorizedAt)
        .Field("payment_collection_id", static (writer, _, scope) => writer.WriteStringValue(scope.Collection.Id))
        .Reference(
            "payment",
            () => PaymentShape.Instance,
            (session, scope) => session.PaymentId is { } paymentId
                ? scope.Collection.Payments.Find(payment => payment.Id == paymentId)
                : null,
            starForm: WritePaymentReference)
        .AlwaysEmptyObject("metadata")
        .RawAmount("raw_amount", session => session.Amount)
        .Timestamp("created_at", session => session.CreatedAt)
        .Timestamp("updated_at", session => session.UpdatedAt)
        .AlwaysNull("deleted_at")
        .Amount("amount", session => session.Amount)
        .ToOne("payment_collection", "payment_collection_id", () => PaymentCollectionShape.Instance, (_, scope) => scope.Collection)
        .Build();

    /// <summary>Medusa's star form of a session's payment: only its id, or null before authorization.</summary>
    private static void WritePaymentReference(Utf8JsonWriter writer, PaymentSession session, ProjectionScope scope)
    {
        if (session.PaymentId is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        writer.WriteString(IdProperty, session.PaymentId);
        writer.WriteEndObject();
    }
}
