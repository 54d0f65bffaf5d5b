using System.Collections.Immutable;
using System.Text.Json;

namespace Payments.Domain.Collections;

/// <summary>
/// A payment: created when a session is authorized. <see cref="Captures"/> and <see cref="Refunds"/> are the money
/// moves the provider confirmed, and only those; a move this service asked for and has no answer to yet waits in
/// <see cref="PendingMoves"/>, never shown as money that moved.
/// </summary>
public sealed record Payment
{
    public required string Id { get; init; }
    public required string CurrencyCode { get; init; }

    /// <summary>The session's amount at authorization: the most that can be captured.</summary>
    public required decimal Amount { get; init; }

    public required string ProviderId { get; init; }
    public required JsonElement Data { get; init; }
    public DateTimeOffset? CapturedAt { get; init; }
    public DateTimeOffset? CanceledAt { get; init; }
    public required string PaymentCollectionId { get; init; }

    /// <summary>Kept after that session was replaced.</summary>
    public required string PaymentSessionId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public ImmutableList<Capture> Captures { get; init; } = [];
    public ImmutableList<Refund> Refunds { get; init; } = [];

    /// <summary>Captures and refunds reserved and sent to the provider, not yet confirmed; never exposed.</summary>
    public ImmutableList<MoneyMove> PendingMoves { get; init; } = [];

    public decimal Captured() => Captures.Sum(capture => capture.Amount);

    public decimal Refunded() => Refunds.Sum(refund => refund.Amount);

    /// <summary>What the pending moves of <paramref name="kind"/> would move.</summary>
    public decimal Pending(MoneyMoveKind kind) => PendingMoves.Where(move => move.Kind == kind).Sum(move => move.Amount);

    /// <summary>The confirmed captures or refunds.</summary>
    public IEnumerable<IConfirmedMove> Confirmed(MoneyMoveKind kind) => kind == MoneyMoveKind.Capture ? Captures : (IEnumerable<IConfirmedMove>)Refunds;

    public bool HasConfirmed(MoneyMoveKind kind, Func<IConfirmedMove, bool> predicate) => Confirmed(kind).Any(predicate);

    /// <summary>The payment without the pending move <paramref name="moveId"/>: the provider did not move that money.</summary>
    public Payment Dropping(string moveId, DateTimeOffset now) =>
        this with { PendingMoves = PendingMoves.RemoveAll(pending => pending.Id == moveId), UpdatedAt = now };

    /// <summary>
    /// The payment with <paramref name="move"/> confirmed: out of the pending moves, in as a capture or refund of the same
    /// id; <c>captured_at</c> set once the captures reach the amount. A capture reconciliation attributed from a ledger
    /// total names the moves it may stand for (<paramref name="standsForAnyOf"/>); when the provider's own answer confirms
    /// one of those, it takes that capture's place: the money was this move's, and counting both would record it twice.
    /// </summary>
    public Payment Confirming(MoneyMove move, string? providerReference, DateTimeOffset now, ImmutableList<string>? standsForAnyOf = null)
    {
        var remaining = Dropping(move.Id, now);
        if (move.Kind == MoneyMoveKind.Capture && standsForAnyOf is null
            && remaining.Captures.Find(capture => capture.StandsForAnyOf?.Contains(move.Id) == true) is { } attributed)
        {
            remaining = remaining with { Captures = remaining.Captures.Remove(attributed) };
        }

        if (move.Kind == MoneyMoveKind.Refund)
        {
            var refund = new Refund
            {
                Id = move.Id,
                PaymentId = Id,
                Amount = move.Amount,
                RefundReasonId = move.RefundReasonId,
                Note = move.Note,
                CreatedBy = move.CreatedBy,
                IntentKey = move.IntentKey,
                ProviderReference = providerReference,
                CreatedAt = move.ReservedAt,
                UpdatedAt = now,
            };
            return remaining with { Refunds = remaining.Refunds.Add(refund) };
        }

        var capture = new Capture
        {
            Id = move.Id,
            PaymentId = Id,
            Amount = move.Amount,
            CreatedBy = move.CreatedBy,
            IntentKey = move.IntentKey,
            ProviderReference = providerReference,
            StandsForAnyOf = standsForAnyOf,
            CreatedAt = move.ReservedAt,
            UpdatedAt = now,
        };
        var captured = remaining with { Captures = remaining.Captures.Add(capture) };
        return captured with { CapturedAt = captured.Captured() >= Amount ? CapturedAt ?? now : null };
    }
}

/// <summary>A capture or refund the provider confirmed.</summary>
public interface IConfirmedMove
{
    string Id { get; }

    decimal Amount { get; }

    string? IntentKey { get; }

    /// <summary>The provider's id of the move, when its ledger names it.</summary>
    string? ProviderReference { get; }
}

public sealed record Capture : IConfirmedMove
{
    /// <summary>The id of the move that made it: the provider's idempotency key of that move.</summary>
    public required string Id { get; init; }

    public required string PaymentId { get; init; }
    public required decimal Amount { get; init; }

    /// <summary>The admin actor, or null when recorded from the provider (auto-capture, webhook, reconciliation).</summary>
    public string? CreatedBy { get; init; }

    /// <inheritdoc cref="MoneyMove.IntentKey"/>
    public string? IntentKey { get; init; }

    /// <summary>The provider's id of the capture, when its ledger names captures; never exposed.</summary>
    public string? ProviderReference { get; init; }

    /// <summary>
    /// Set when reconciliation attributed this capture from a ledger total that names no move (Stripe's
    /// <c>amount_received</c>): the pending moves of its amount it may stand for, one of which the provider may still
    /// confirm directly. Never exposed.
    /// </summary>
    public ImmutableList<string>? StandsForAnyOf { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
}

public sealed record Refund : IConfirmedMove
{
    /// <summary>The id of the move that made it: the provider's idempotency key of that move.</summary>
    public required string Id { get; init; }

    public required string PaymentId { get; init; }
    public required decimal Amount { get; init; }
    public string? RefundReasonId { get; init; }
    public string? Note { get; init; }
    public string? CreatedBy { get; init; }

    /// <inheritdoc cref="MoneyMove.IntentKey"/>
    public string? IntentKey { get; init; }

    /// <summary>The provider's id of the refund (Stripe: <c>re_…</c>), once known; never exposed.</summary>
    public string? ProviderReference { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
}
