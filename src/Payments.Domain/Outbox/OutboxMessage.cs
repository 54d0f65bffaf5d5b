using System.Text.Json.Serialization;

namespace Payments.Domain.Outbox;

/// <summary>
/// An effect a change of a collection document needs after it landed, stored beside the document and written in the
/// same transaction (the transactional outbox): it is therefore recorded exactly when the change is, and the
/// <see cref="OutboxDispatcher"/> performs it at least once — right after the write when it is due at once, and from
/// the timer otherwise or when that failed. Every handler is idempotent. The same effect decided twice has the same
/// <see cref="Id"/>, so a decision taken again after a conflict or a lost answer records it once.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(ProviderRelease), "provider_release")]
[JsonDerivedType(typeof(PaymentIndexing), "payment_indexing")]
[JsonDerivedType(typeof(ProviderReconciliation), "provider_reconciliation")]
[JsonDerivedType(typeof(CartUnlinking), "cart_unlinking")]
[JsonDerivedType(typeof(Commerce.CommerceEvent), "commerce_event")]
public abstract record OutboxMessage
{
    /// <summary>Names the message within its collection; part of its row key.</summary>
    [JsonIgnore]
    public abstract string Id { get; }

    /// <summary>When the timer may first perform it.</summary>
    public required DateTimeOffset DueAt { get; init; }

    /// <summary>True when the request that wrote it performs it right after the write.</summary>
    [JsonIgnore]
    public abstract bool DispatchedAfterWrite { get; }
}

/// <summary>Adds a payment to the payment index, which finds a payment's collection by the payment's id.</summary>
public sealed record PaymentIndexing(Ports.PaymentIndexEntry Entry) : OutboxMessage
{
    [JsonIgnore]
    public override string Id => $"index:{Entry.PaymentId}";

    [JsonIgnore]
    public override bool DispatchedAfterWrite => true;
}

/// <summary>
/// Asks the session's provider what became of it, and records the answer: the outcome of a capture or refund whose
/// answer never came, moves made outside this API, or the authorization of a session whose webhook was lost. Written
/// with the change that leaves something to confirm, due once that change's own request has had its chance.
/// </summary>
public sealed record ProviderReconciliation(string SessionId) : OutboxMessage
{
    [JsonIgnore]
    public override string Id => $"reconcile:{SessionId}";

    [JsonIgnore]
    public override bool DispatchedAfterWrite => false;
}

/// <summary>Removes a deleted collection's cart link, so that the cart can get a new collection.</summary>
public sealed record CartUnlinking(string CartId) : OutboxMessage
{
    [JsonIgnore]
    public override string Id => $"unlink:{CartId}";

    [JsonIgnore]
    public override bool DispatchedAfterWrite => true;
}

/// <summary>
/// A stored outbox message with its delivery state. <paramref name="Version"/> is what a conditional update of the
/// state must match, so that two dispatchers never both record an attempt.
/// </summary>
public sealed record PendingOutboxMessage(
    string CollectionId,
    OutboxMessage Message,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    string? LastError,
    bool IsDead,
    string Version);
