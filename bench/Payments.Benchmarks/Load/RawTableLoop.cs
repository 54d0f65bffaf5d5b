using Azure.Data.Tables;
using Payments.Storage.Collections;
using Payments.Storage.ReferenceData;
using Payments.Storage.Tables;

namespace Payments.Benchmarks.Load;

/// <summary>
/// The storage limit a row is compared with: exactly the table operations of one session initialisation, straight
/// against Azurite with the Azure SDK, at the row's concurrency. A reuse reads the collection document and the cart; a
/// new session also replaces the document conditionally on its ETag (the load's sessions are the system provider's,
/// which hold no money, so replacing one releases nothing). It works on copies of the host's own rows (the documents as
/// the host last wrote them, so of the same size), one copy set per caller, so its conditional writes never conflict.
/// </summary>
internal sealed class RawTableLoop(TableServiceClient service, string tablePrefix)
{
    private const string CopyPrefix = "raw";

    private readonly TableClient documents = service.GetTableClient(tablePrefix + TableNames.PaymentCollections);
    private readonly TableClient carts = service.GetTableClient(tablePrefix + TableNames.Carts);

    /// <summary>Copies the document and cart rows of <paramref name="collections"/> as they are now.</summary>
    public async Task<IReadOnlyList<RowCopy>> CopyAsync(IEnumerable<BenchCollection> collections)
    {
        var copies = new List<RowCopy>();
        foreach (var collection in collections)
        {
            var document = (await documents.GetEntityAsync<TableEntity>(collection.Id, PaymentCollectionRow.RowKey)).Value;
            var cart = (await carts.GetEntityAsync<TableEntity>(collection.CartId, CartRow.RowKey)).Value;
            var copy = new RowCopy(CopyPrefix + collection.Id, CopyPrefix + collection.CartId);
            await documents.UpsertEntityAsync(AsWritten(document, copy.DocumentPartition), TableUpdateMode.Replace);
            await carts.UpsertEntityAsync(AsWritten(cart, copy.CartPartition), TableUpdateMode.Replace);
            copies.Add(copy);
        }

        return copies;
    }

    public Task<Latencies> RunAsync(Scenario scenario, IReadOnlyList<RowCopy> copies, TimeSpan duration, int maxRequests)
    {
        var callers = scenario.RawConcurrency;
        var turns = new int[callers];
        return Latencies.MeasureAsync(callers, duration, maxRequests, async (caller, _) =>
        {
            // Caller c works on copies c, c + callers, c + 2·callers, …: no two callers write one row.
            var owned = (copies.Count - caller + callers - 1) / callers;
            var copy = copies[caller + (callers * (turns[caller]++ % owned))];
            await OneRequestAsync(copy, scenario.NewData);
            return 200;
        });
    }

    private async Task OneRequestAsync(RowCopy copy, bool newSession)
    {
        var document = (await documents.GetEntityAsync<TableEntity>(copy.DocumentPartition, PaymentCollectionRow.RowKey)).Value;
        _ = await carts.GetEntityAsync<TableEntity>(copy.CartPartition, CartRow.RowKey);
        if (!newSession)
        {
            return;
        }

        await documents.UpdateEntityAsync(AsWritten(document, copy.DocumentPartition), document.ETag, TableUpdateMode.Replace);
    }

    /// <summary>The row's own properties in <paramref name="partition"/>, without what the service adds (ETag, Timestamp).</summary>
    private static TableEntity AsWritten(TableEntity row, string partition)
    {
        var copy = new TableEntity(row) { PartitionKey = partition };
        copy.Remove("odata.etag");
        copy.Remove("Timestamp");
        return copy;
    }
}

/// <summary>The partitions of one collection's copied document and cart rows.</summary>
internal sealed record RowCopy(string DocumentPartition, string CartPartition);
