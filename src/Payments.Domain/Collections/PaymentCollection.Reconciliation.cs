using Payments.Domain.Commerce;
using System.Collections.Immutable;
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
        var tally = new Tally(original);
        tally = ledger.Captures is { } captures
            ? tally.MatchingNamed(MoneyMoveKind.Capture, captures, newId, now)
            : tally.AttributingTotal(ledger.CapturedTotal, newId, now);
        tally = tally.DroppingUnseen(MoneyMoveKind.Capture, settledBefore, now)
            .MatchingNamed(MoneyMoveKind.Refund, ledger.Refunds, newId, now)
            .DroppingUnseen(MoneyMoveKind.Refund, settledBefore, now);

        var payment = tally.Payment;
        var result = new ReconciliationResult(tally.Confirmed, tally.Dropped, tally.Added, MovesRemainPending: !payment.PendingMoves.IsEmpty);
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

    /// <summary>A payment on its way to what the ledger says, and how many moves that confirmed, dropped and added.</summary>
    private sealed record Tally(Payment Payment, int Confirmed = 0, int Dropped = 0, int Added = 0)
    {
        /// <summary>A ledger that names its moves: each matched to its pending move by id, the others made outside this API.</summary>
        public Tally MatchingNamed(MoneyMoveKind kind, IReadOnlyList<ProviderLedgerMove> entries, Func<string, string> newId, DateTimeOffset now)
        {
            var tally = this;
            foreach (var entry in entries)
            {
                var payment = tally.Payment;
                if (payment.HasConfirmed(kind, move => move.Id == entry.MoveId || move.ProviderReference == entry.Reference))
                {
                    continue;
                }

                var pending = payment.PendingMoves.Find(move => move.Kind == kind && move.Id == entry.MoveId);
                var move = pending ?? new MoneyMove { Id = newId(PrefixOf(kind)), Kind = kind, Amount = entry.Amount, ReservedAt = now };
                tally = pending is null
                    ? tally with { Payment = payment.Confirming(move, entry.Reference, now), Added = tally.Added + 1 }
                    : tally with { Payment = payment.Confirming(move, entry.Reference, now), Confirmed = tally.Confirmed + 1 };
            }

            return tally;
        }

        /// <summary>
        /// A ledger that knows only how much was captured in all: the pending captures that explain most of it moved, and
        /// what none explains was captured outside this API. Each capture so attributed names the pending moves of its
        /// amount it may stand for, so that the provider's own later answer for one of them takes its place.
        /// </summary>
        public Tally AttributingTotal(decimal capturedTotal, Func<string, string> newId, DateTimeOffset now)
        {
            var payment = Payment;
            var unexplained = capturedTotal - payment.Captured();
            var pendingCaptures = payment.PendingMoves.Where(move => move.Kind == MoneyMoveKind.Capture).OrderBy(move => move.ReservedAt).ToList();
            ImmutableList<string> CandidatesOf(decimal amount) => [.. pendingCaptures.Where(move => move.Amount == amount).Select(move => move.Id)];
            var moved = LargestWithin(pendingCaptures, unexplained);
            foreach (var move in moved)
            {
                payment = payment.Confirming(move, providerReference: null, now, CandidatesOf(move.Amount));
            }

            var outsideAmount = unexplained - moved.Sum(move => move.Amount);
            if (outsideAmount <= 0)
            {
                return this with { Payment = payment, Confirmed = Confirmed + moved.Count };
            }

            var outside = new MoneyMove { Id = newId(EntityIdPrefix.Capture), Kind = MoneyMoveKind.Capture, Amount = outsideAmount, ReservedAt = now };
            return this with { Payment = payment.Confirming(outside, providerReference: null, now, CandidatesOf(outsideAmount)), Confirmed = Confirmed + moved.Count, Added = Added + 1 };
        }

        /// <summary>Pending moves of <paramref name="kind"/> the ledger does not show, once their own request is surely over.</summary>
        public Tally DroppingUnseen(MoneyMoveKind kind, DateTimeOffset settledBefore, DateTimeOffset now)
        {
            var unseen = Payment.PendingMoves.Where(move => move.Kind == kind && move.ReservedAt <= settledBefore).ToList();
            return unseen.Aggregate(this, (tally, move) => tally with { Payment = tally.Payment.Dropping(move.Id, now), Dropped = tally.Dropped + 1 });
        }

        private static string PrefixOf(MoneyMoveKind kind) => kind == MoneyMoveKind.Capture ? EntityIdPrefix.Capture : EntityIdPrefix.Refund;
    }

    /// <summary>
    /// The moves whose amounts add up to the most that does not exceed <paramref name="total"/>; of equal sums, the one
    /// found first over the moves in reservation order. A payment has a handful of pending moves at most.
    /// </summary>
    private static List<MoneyMove> LargestWithin(IReadOnlyList<MoneyMove> moves, decimal total)
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
