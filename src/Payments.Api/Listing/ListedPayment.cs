using Payments.Domain.Collections;
using Payments.Domain.Ports;

namespace Payments.Api.Listing;

/// <summary>
/// A payment as <c>GET /admin/payments</c> lists it: its payment index entry, and the payment as its collection
/// document holds it once that was read (<see cref="PaymentListPlan"/> decides which documents are).
/// </summary>
public sealed record ListedPayment(PaymentIndexEntry Entry, PaymentInCollection? Stored = null)
{
    /// <summary>The payment as its document holds it, with its collection: for the fields the index does not hold.</summary>
    /// <exception cref="InvalidOperationException">Its document was not read: the plan missed a field the query reads.</exception>
    public PaymentInCollection Document => Stored
        ?? throw new InvalidOperationException($"Payment {Entry.PaymentId} was listed by a field of its document without reading it.");

    public Payment Payment => Document.Payment;

    public string CurrencyCode => Entry.CurrencyCode ?? Payment.CurrencyCode;

    public decimal Amount => Entry.Amount ?? Payment.Amount;
}
