namespace Payments.Domain.Collections;

/// <summary>Whether a move takes money from the shopper's authorization (capture) or gives it back (refund).</summary>
public enum MoneyMoveKind
{
    Capture,
    Refund,
}

/// <summary>
/// A capture or refund reserved in the document and sent to the provider, whose outcome is not known yet. Its
/// <see cref="Id"/> (<c>capt_…</c> or <c>ref_…</c>) is fixed when it is reserved and is the provider's idempotency key,
/// so every attempt of this move (the request's, its retry's, reconciliation's) reaches the same provider operation,
/// and no two moves ever share a key. A failure the provider may not have seen keeps the move pending (it is marked,
/// not removed); only the provider's answer confirms it (it becomes a <see cref="Capture"/> or <see cref="Refund"/> of
/// the same id) or drops it (a refusal, or the provider's ledger showing it never happened).
/// </summary>
public sealed record MoneyMove
{
    public required string Id { get; init; }
    public required MoneyMoveKind Kind { get; init; }
    public required decimal Amount { get; init; }

    /// <summary>
    /// The caller's <c>Idempotency-Key</c> (within its scope) when it sent one: a retry with that key reaches this move,
    /// however long after and whatever happened to it.
    /// </summary>
    public string? IntentKey { get; init; }

    public string? CreatedBy { get; init; }
    public string? RefundReasonId { get; init; }
    public string? Note { get; init; }
    public required DateTimeOffset ReservedAt { get; init; }

    /// <summary>
    /// The provider was asked and its answer never came: the move is marked so, and a retry of it (the same kind and
    /// amount, without an <c>Idempotency-Key</c>) reaches it rather than reserving another.
    /// </summary>
    public bool Unanswered { get; init; }
}
