using Payments.Domain.Payments;
using Payments.Domain.Ports;

namespace Payments.Api.Listing;

/// <summary>
/// Answers <c>GET /admin/payments</c> from one query of the payment index and the fewest collection documents
/// (<see cref="PaymentListPlan"/>): those of the page, or those the query's fields need before it can order.
/// </summary>
public sealed class AdminPaymentList(IPaymentIndex index, PaymentLookup payments)
{
    /// <returns>The page, each of its payments with its document read.</returns>
    public async Task<ListPage<ListedPayment>> ReadAsync(ListQuery<ListedPayment> query, CancellationToken cancellationToken)
    {
        var reads = PaymentListPlan.For(query);
        var matching = (await index.ListAsync(cancellationToken))
            .Select(entry => new ListedPayment(entry))
            .Where(PaymentListPlan.IndexConditions(query))
            .ToList();
        var listed = await WithDocumentsAsync(matching, item => PaymentListPlan.ReadsFirst(reads, item.Entry), cancellationToken);
        while (true)
        {
            var page = query.Apply(listed);
            var unread = page.Items.Where(item => item.Stored is null).Select(item => item.Entry.PaymentId).ToHashSet(StringComparer.Ordinal);
            if (unread.Count == 0)
            {
                return page;
            }

            // An entry whose document does not hold its payment drops out, and the page is taken again without it.
            listed = await WithDocumentsAsync(listed, item => unread.Contains(item.Entry.PaymentId), cancellationToken);
        }
    }

    /// <summary>The items with the documents of those <paramref name="wanted"/> read; those their document does not hold are left out.</summary>
    private async Task<List<ListedPayment>> WithDocumentsAsync(List<ListedPayment> items, Func<ListedPayment, bool> wanted, CancellationToken cancellationToken)
    {
        var toRead = items.Where(item => item.Stored is null && wanted(item)).ToList();
        if (toRead.Count == 0)
        {
            return items;
        }

        var stored = await payments.StoredAsync(toRead.Select(item => item.Entry), cancellationToken);
        var missing = toRead.Select(item => item.Entry.PaymentId).Where(id => !stored.ContainsKey(id)).ToHashSet(StringComparer.Ordinal);
        return [.. items
            .Where(item => !missing.Contains(item.Entry.PaymentId))
            .Select(item => stored.TryGetValue(item.Entry.PaymentId, out var found) ? item with { Stored = found } : item)];
    }
}
