using System.Collections.Frozen;
using Payments.Domain.Ports;

namespace Payments.Api.Listing;

/// <summary>Which collection documents <c>GET /admin/payments</c> reads for a query, beside one query of the payment index.</summary>
public enum PaymentDocumentReads
{
    /// <summary>The index entries are filtered, ordered and counted; only the documents of the page's payments are read.</summary>
    Page,

    /// <summary>
    /// As <see cref="Page"/>, but the query orders by the currency or the amount, which entries written before the index
    /// carried them lack: the documents of those among the matching entries are read first.
    /// </summary>
    PageAndOlderEntries,

    /// <summary>
    /// The query filters or orders by a field only the document holds (one that changes): the documents of every
    /// entry the query's conditions on index fields leave in are read, then filtered, ordered and counted.
    /// </summary>
    EveryMatch,
}

/// <summary>What <c>GET /admin/payments</c> needs to read for a query, decided from the fields the query uses.</summary>
public static class PaymentListPlan
{
    // The list's fields every index entry holds: the payment's ids and created_at, which never change; q searches the
    // ids; deleted_at is unset on every payment.
    private static readonly FrozenSet<string> HeldByEveryEntry =
        FrozenSet.Create("q", "id", "payment_collection_id", "payment_session_id", "provider_id", "created_at", "deleted_at");

    // Held by the entries written since the index carries the currency and the amount.
    private static readonly FrozenSet<string> HeldByCurrentEntries = FrozenSet.Create([.. HeldByEveryEntry, "currency_code", "amount"]);

    public static PaymentDocumentReads For(ListQuery<ListedPayment> query) =>
        query.Fields.IsSubsetOf(HeldByEveryEntry) ? PaymentDocumentReads.Page
        : query.Fields.IsSubsetOf(HeldByCurrentEntries) ? PaymentDocumentReads.PageAndOlderEntries
        : PaymentDocumentReads.EveryMatch;

    /// <summary>The query's conditions that every index entry can decide: an entry they refuse is not listed, and its document is never read.</summary>
    public static Func<ListedPayment, bool> IndexConditions(ListQuery<ListedPayment> query) => query.ConditionsOn(HeldByEveryEntry);

    /// <summary>Whether the document of a matching entry is read before the list is ordered and paged.</summary>
    public static bool ReadsFirst(PaymentDocumentReads reads, PaymentIndexEntry entry) => reads switch
    {
        PaymentDocumentReads.EveryMatch => true,
        PaymentDocumentReads.PageAndOlderEntries => entry.CurrencyCode is null || entry.Amount is null,
        _ => false,
    };
}
