namespace Payments.Domain.Collections;

public sealed partial record PaymentCollection
{
    public Payment? FindPayment(string paymentId) => Payments.Find(payment => payment.Id == paymentId);

    /// <summary>The collection with <paramref name="session"/> in place of the session of the same id.</summary>
    public PaymentCollection WithSession(PaymentSession session) =>
        this with { Sessions = Sessions.Replace(Sessions.Find(existing => existing.Id == session.Id)!, session) };

    /// <summary>The collection with <paramref name="payment"/> in place of the payment of the same id.</summary>
    public PaymentCollection WithPayment(Payment payment) =>
        this with { Payments = Payments.Replace(Payments.Find(existing => existing.Id == payment.Id)!, payment) };
}

/// <summary>A payment with the collection document it lives in (serialising it needs the back-references).</summary>
public sealed record PaymentInCollection(PaymentCollection Collection, Payment Payment);
