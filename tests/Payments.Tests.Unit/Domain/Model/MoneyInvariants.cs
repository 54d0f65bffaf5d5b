using Payments.Domain.Collections;
using Payments.Domain.Money;

namespace Payments.Tests.Unit.Domain.Model;

/// <summary>What issue 14 holds the document to, checked against the provider's ledger.</summary>
internal static class MoneyInvariants
{
    /// <summary>
    /// At any moment a request has answered: every capture and refund the document records moved at the provider (same
    /// amounts, whole minor units), everything the provider moved is recorded or still pending, refunds never exceed
    /// confirmed captures, confirmed captures never exceed the authorization, and the collection's summary says the same.
    /// </summary>
    public static void HoldBetween(MoneyWorld world)
    {
        var payment = world.Payment;
        var ledger = world.Provider;
        var captured = payment.Captured();
        var refunded = payment.Refunded();
        var currency = payment.CurrencyCode;

        Assert.All(payment.Captures.Select(capture => capture.Amount).Concat(payment.Refunds.Select(refund => refund.Amount)).Concat(payment.PendingMoves.Select(move => move.Amount)), amount =>
            Assert.True(amount > 0 && Currency.IsWholeMinorUnits(amount, currency), $"{amount} {currency} is not a whole, positive number of minor units."));
        Assert.True(captured <= ledger.Captured, $"The document records {captured} captured; the provider captured {ledger.Captured}.");
        Assert.True(ledger.Captured <= captured + payment.Pending(MoneyMoveKind.Capture), $"The provider captured {ledger.Captured}; the document records {captured} and {payment.Pending(MoneyMoveKind.Capture)} pending.");
        foreach (var refund in payment.Refunds)
        {
            var made = Assert.Single(ledger.Refunds, made => made.MoveId == refund.Id || made.Reference == refund.ProviderReference);
            Assert.Equal(made.Amount, refund.Amount);
        }

        foreach (var made in ledger.Refunds)
        {
            Assert.True(
                payment.Refunds.Exists(refund => refund.Id == made.MoveId || refund.ProviderReference == made.Reference)
                || payment.PendingMoves.Exists(move => move.Id == made.MoveId),
                $"The provider's refund {made.Reference} ({made.Amount}) is neither recorded nor pending.");
        }

        Assert.True(refunded <= captured, $"{refunded} refunded on {captured} captured.");
        Assert.True(captured <= payment.Amount, $"{captured} captured on {payment.Amount} authorized.");
        var collection = world.Store["pay_col_1"];
        Assert.Equal((captured, refunded), (collection.CapturedAmount ?? 0, collection.RefundedAmount ?? 0));
    }

    /// <summary>Once reconciliation has had its time: nothing pending, and the document is the ledger.</summary>
    public static void HoldAtRest(MoneyWorld world)
    {
        HoldBetween(world);
        var payment = world.Payment;
        Assert.Empty(payment.PendingMoves);
        Assert.Equal(world.Provider.Captured, payment.Captured());
        Assert.Equal(
            world.Provider.Refunds.Select(made => made.Amount).Order(),
            payment.Refunds.Select(refund => refund.Amount).Order());
    }
}
