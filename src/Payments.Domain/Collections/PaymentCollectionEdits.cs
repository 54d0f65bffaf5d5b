namespace Payments.Domain.Collections;

/// <summary>Replacing one session or payment inside a collection document, by id.</summary>
public static class PaymentCollectionEdits
{
    public static PaymentCollection WithSession(this PaymentCollection collection, PaymentSession session) =>
        collection with { Sessions = collection.Sessions.Replace(collection.Sessions.Find(existing => existing.Id == session.Id)!, session) };

    public static PaymentCollection WithPayment(this PaymentCollection collection, Payment payment) =>
        collection with { Payments = collection.Payments.Replace(collection.Payments.Find(existing => existing.Id == payment.Id)!, payment) };

    /// <summary>The collection with <paramref name="change"/> applied to one of its payments.</summary>
    public static PaymentCollection WithPayment(this PaymentCollection collection, string paymentId, Func<Payment, Payment> change) =>
        collection.WithPayment(change(collection.FindPayment(paymentId)!));

    public static Payment? FindPayment(this PaymentCollection collection, string paymentId) =>
        collection.Payments.Find(payment => payment.Id == paymentId);
}

/// <summary>A payment with the collection document it lives in (serialising it needs the back-references).</summary>
public sealed record PaymentInCollection(PaymentCollection Collection, Payment Payment);
