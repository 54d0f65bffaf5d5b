using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Payments.Domain.Collections;
using Payments.Domain.Outbox;

namespace Payments.Domain.Commerce;

/// <summary>
/// An event for the commerce backend's module (docs/module-api.md §5): what happened here that the backend's own
/// workflows did not cause. Written by the rule that decides the change, in the same transaction, and delivered at least
/// once: the envelope's <see cref="EventId"/> names the change it reports (the session, the first move, the collection),
/// so a decision taken again records the same event and the backend recognises a redelivery.
/// </summary>
public sealed record CommerceEvent(string EventId, string Type, JsonElement Data) : OutboxMessage
{
    public const string CollectionCreatedType = "payment_collection.created";
    public const string SessionAuthorizedType = "payment_session.authorized";
    public const string PaymentCapturedType = "payment.captured";
    public const string PaymentRefundedType = "payment.refunded";

    public required DateTimeOffset CreatedAt { get; init; }

    [JsonIgnore]
    public override string Id => $"event:{EventId}";

    /// <summary>
    /// The backend's answer to <see cref="CollectionCreatedType"/> is the request's own answer, so the request delivers
    /// it itself and waits; the timer delivers it only when that failed.
    /// </summary>
    [JsonIgnore]
    public override bool DispatchedAfterWrite => Type != CollectionCreatedType;

    /// <summary>A collection created here for a cart, to be linked to the cart in the backend unless it has one.</summary>
    public static CommerceEvent CollectionCreated(string collectionId, string cartId, DateTimeOffset now) =>
        New($"evt_{collectionId}", CollectionCreatedType, now, new JsonObject
        {
            ["payment_collection_id"] = collectionId,
            ["cart_id"] = cartId,
        });

    /// <summary>A session authorized (or captured at once) by its provider, so that the backend completes its cart.</summary>
    public static CommerceEvent SessionAuthorized(PaymentSession session, string collectionId, bool captured, DateTimeOffset now) =>
        New($"evt_{session.Id}", SessionAuthorizedType, now, new JsonObject
        {
            ["payment_session_id"] = session.Id,
            ["payment_collection_id"] = collectionId,
            ["status"] = captured ? "captured" : "authorized",
            // Without the trailing zeros of its scale: the plugin hands it to Medusa as the amount to capture.
            ["amount"] = session.Amount / 1.000000000000000000000000000000000m,
        });

    /// <summary>Captures or refunds the provider confirmed, so that the backend books them on the order.</summary>
    public static CommerceEvent PaymentMoved(Payment payment, MoneyMoveKind kind, IReadOnlyList<string> moveIds, DateTimeOffset now)
    {
        var captured = kind == MoneyMoveKind.Capture;
        return New($"evt_{moveIds[0]}", captured ? PaymentCapturedType : PaymentRefundedType, now, new JsonObject
        {
            ["payment_id"] = payment.Id,
            ["payment_collection_id"] = payment.PaymentCollectionId,
            [captured ? "capture_ids" : "refund_ids"] = new JsonArray([.. moveIds.Select(id => JsonValue.Create(id))]),
        });
    }

    private static CommerceEvent New(string eventId, string type, DateTimeOffset now, JsonObject data) =>
        new(eventId, type, JsonSerializer.SerializeToElement(data))
        {
            CreatedAt = now,
            DueAt = now + OutboxTiming.FirstRetryDelay,
        };
}
