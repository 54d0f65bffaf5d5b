using Payments.Domain.Commerce;
using Payments.Domain.Identifiers;
using Payments.Domain.Outbox;
using Payments.Domain.Providers;

namespace Payments.Domain.Collections;

/// <summary>What a reconciliation recorded, and whether moves of the payment are still waiting for the provider.</summary>
public sealed record ReconciliationResult(int Confirmed, int Dropped, int Added, bool MovesRemainPending)
{
    public int Changes => Confirmed + Dropped + Added;
}

public sealed partial record PaymentCollection
{
    /// <summary>
    /// Makes a payment's captures and refunds what the provider's ledger says they are: pending moves the ledger shows
    /// are confirmed, pending moves it does not show are dropped once their own request can no longer be moving them
    /// (<see cref="OutboxTiming.MoveSettlesWithin"/>), and moves made outside this API (a refund in the Stripe
    /// Dashboard, a capture there) are added with the provider's ids. Captures are settled first, so a refund is never
    /// recorded without the capture it returns.
    /// </summary>
    /// <param name="newId">Makes the id of a move added from the ledger, from its prefix.</param>
    /// <param name="announce">Whether the moves it records are told to the commerce backend's module.</param>
    public Decision<ReconciliationResult> Reconcile(string paymentId, ProviderLedger ledger, Func<string, string> newId, DateTimeOffset now, bool announce = false)
    {
        var original = FindPayment(paymentId) ?? throw new InvalidOperationException($"Payment {paymentId} left collection {Id}.");
        var settledBefore = now - OutboxTiming.MoveSettlesWithin;
        var payment = original;
        int confirmed = 0, dropped = 0, added = 0;

        // A ledger without capture ids (Stripe's amount_received) says how much moved in all: the pending captures that
        // explain most of it moved, and what none explains was captured outside this API.
        var unexplained = ledger.CapturedTotal - original.Captured();
        var pendingCaptures = original.PendingMoves.Where(move => move.Kind == MoneyMoveKind.Capture).OrderBy(move => move.ReservedAt).ToList();
        var moved = LargestWithin(pendingCaptures, unexplained);
        foreach (var move in pendingCaptures)
        {
            if (moved.Contains(move))
            {
                payment = payment.Confirming(move, providerReference: null, now);
                confirmed++;
            }
            else if (move.ReservedAt <= settledBefore)
            {
                payment = payment.Dropping(move.Id, now);
                dropped++;
            }
        }

        if (unexplained > moved.Sum(move => move.Amount))
        {
            var outside = new MoneyMove { Id = newId(EntityIdPrefix.Capture), Kind = MoneyMoveKind.Capture, Amount = unexplained - moved.Sum(move => move.Amount), ReservedAt = now };
            payment = payment.Confirming(outside, providerReference: null, now);
            added++;
        }

        foreach (var entry in ledger.Refunds)
        {
            if (payment.Refunds.Exists(refund => refund.Id == entry.MoveId || refund.ProviderReference == entry.Reference))
            {
                continue;
            }

            var pending = payment.PendingMoves.Find(move => move.Kind == MoneyMoveKind.Refund && move.Id == entry.MoveId);
            var move = pending ?? new MoneyMove { Id = newId(EntityIdPrefix.Refund), Kind = MoneyMoveKind.Refund, Amount = entry.Amount, ReservedAt = now };
            payment = payment.Confirming(move, entry.Reference, now);
            (confirmed, added) = pending is null ? (confirmed, added + 1) : (confirmed + 1, added);
        }

        foreach (var move in payment.PendingMoves.Where(move => move.Kind == MoneyMoveKind.Refund && move.ReservedAt <= settledBefore).ToList())
        {
            payment = payment.Dropping(move.Id, now);
            dropped++;
        }

        var result = new ReconciliationResult(confirmed, dropped, added, MovesRemainPending: !payment.PendingMoves.IsEmpty);
        if (result.Changes == 0)
        {
            return Decision<ReconciliationResult>.Keep(result);
        }

        var outbox = announce ? MovesRecorded(original, payment, now) : [];
        return Decision<ReconciliationResult>.Write(WithPayment(payment with { Data = ledger.Data }).Recomputed(now), result, outbox);
    }

    /// <summary>The events of the captures and of the refunds <paramref name="after"/> has and <paramref name="before"/> had not.</summary>
    private static IEnumerable<OutboxMessage> MovesRecorded(Payment before, Payment after, DateTimeOffset now)
    {
        foreach (var kind in new[] { MoneyMoveKind.Capture, MoneyMoveKind.Refund })
        {
            var known = before.Confirmed(kind).Select(move => move.Id).ToHashSet(StringComparer.Ordinal);
            if (after.Confirmed(kind).Select(move => move.Id).Where(id => !known.Contains(id)).ToList() is { Count: > 0 } added)
            {
                yield return CommerceEvent.PaymentMoved(after, kind, added, now);
            }
        }
    }

    /// <summary>
    /// The moves whose amounts add up to the most that does not exceed <paramref name="total"/>; of equal sums, the one
    /// found first over the moves in reservation order. A payment has a handful of pending moves at most.
    /// </summary>
    private static HashSet<MoneyMove> LargestWithin(IReadOnlyList<MoneyMove> moves, decimal total)
    {
        var best = (Sum: 0m, Mask: 0);
        var subsets = 1 << Math.Min(moves.Count, 16);
        for (var mask = 1; mask < subsets; mask++)
        {
            var sum = Enumerable.Range(0, moves.Count).Where(bit => (mask & (1 << bit)) != 0).Sum(bit => moves[bit].Amount);
            if (sum <= total && sum > best.Sum)
            {
                best = (sum, mask);
            }
        }

        return [.. Enumerable.Range(0, moves.Count).Where(bit => (best.Mask & (1 << bit)) != 0).Select(bit => moves[bit])];
    }
}
