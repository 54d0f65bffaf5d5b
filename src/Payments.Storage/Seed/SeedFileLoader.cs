using Azure.Data.Tables;
using Payments.Storage.ReferenceData;
using Payments.Storage.Tables;

namespace Payments.Storage.Seed;

/// <summary>
/// Loads the reference data of a seed file (docs/seed-format.md: API keys, regions, carts, orders, customers) into the
/// tables. Each record is an upsert, so loading a file again is harmless; a malformed file writes nothing and
/// fails with an <see cref="InvalidDataException"/> that names the bad record.
/// </summary>
public sealed class SeedFileLoader
{
    private readonly PaymentsTables _tables;

    internal SeedFileLoader(PaymentsTables tables) => _tables = tables;

    public async Task LoadFileAsync(string path, CancellationToken cancellationToken)
    {
        var file = File.OpenRead(path);
        await using (file.ConfigureAwait(false))
        {
            await LoadAsync(file, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task LoadAsync(Stream seedJson, CancellationToken cancellationToken)
    {
        var seed = await SeedFile.ReadAsync(seedJson, cancellationToken).ConfigureAwait(false);
        await UpsertAsync(_tables.ApiKeys, seed.ApiKeys.Select(seeded => ApiKeyRow.ToEntity(seeded.Key, seeded.Token)), cancellationToken).ConfigureAwait(false);
        await UpsertAsync(_tables.Regions, seed.Regions.Select(RegionRow.ToEntity), cancellationToken).ConfigureAwait(false);
        await UpsertAsync(_tables.Carts, seed.Carts.Select(CartRow.ToEntity), cancellationToken).ConfigureAwait(false);
        await UpsertAsync(_tables.Orders, seed.Orders.Select(OrderRow.ToEntity), cancellationToken).ConfigureAwait(false);
        await UpsertAsync(_tables.Customers, seed.Customers.Select(CustomerRow.ToEntity), cancellationToken).ConfigureAwait(false);
    }

    private static async Task UpsertAsync(CreatedOnFirstUseTable table, IEnumerable<TableEntity> rows, CancellationToken cancellationToken)
    {
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            await client.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
    }
}
