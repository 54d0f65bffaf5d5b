using System.Collections.Immutable;
using Payments.Domain.Outbox;

namespace Payments.Domain.Collections;

/// <summary>
/// What a rule of the collection decided, as data: the document to write (null: nothing to write), the result to answer
/// once it landed, and the effects the write needs afterwards, which go into the same transaction as outbox messages.
/// A rule that finds one of its inputs out of date (gathered before the document changed) decides
/// <see cref="PrepareAgain"/>: the caller gathers its inputs again instead of acting on stale ones.
/// </summary>
public sealed record Decision<T>
{
    private Decision(PaymentCollection? updated, T result, ImmutableList<OutboxMessage> outbox, bool isStale)
    {
        Updated = updated;
        Result = result;
        Outbox = outbox;
        IsStale = isStale;
    }

    public PaymentCollection? Updated { get; }

    public T Result { get; }

    public ImmutableList<OutboxMessage> Outbox { get; }

    /// <summary>The inputs no longer match the document; nothing is written and <see cref="Result"/> means nothing.</summary>
    public bool IsStale { get; }

    /// <summary>Nothing to write: the document already says what the caller asked for.</summary>
    public static Decision<T> Keep(T result) => new(null, result, [], isStale: false);

    public static Decision<T> Write(PaymentCollection updated, T result, IEnumerable<OutboxMessage>? outbox = null) =>
        new(updated, result, outbox?.ToImmutableList() ?? [], isStale: false);

    public static Decision<T> PrepareAgain() => new(null, default!, [], isStale: true);

    /// <summary>The same write with a different result.</summary>
    public Decision<TOther> Answering<TOther>(TOther result) =>
        IsStale ? Decision<TOther>.PrepareAgain() : new(Updated, result, Outbox, isStale: false);
}
