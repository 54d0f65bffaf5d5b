using Azure.Data.Tables;
using Payments.Storage.ReferenceData;
using Payments.Storage.Tables;

namespace Payments.Storage.Seed;

/// <summary>How many records of each kind a seed file held (and were written).</summary>
public sealed record SeedSummary(int ApiKeys, int Regions, int Carts, int Orders, int Customers)
{
    public override string ToString() =>
        $"{ApiKeys} API keys, {Regions} regions, {Carts} carts, {Orders} orders, {Customers} customers";
}

/// <summary>
/// Loads the reference data of a seed file (docs/seed-format.md: API keys, regions, carts, orders, customers) into the
/// tables. Each record is an upsert, so loading a file again is harmless; a malformed file writes nothing and
/// fails with an <see cref="InvalidDataException"/> that names the bad record.
/// </summary>
public sealed class SeedFileLoader
{
    private readonly PaymentsTables tables;

    internal SeedFileLoader(PaymentsTables tables) => this.tables = tables;

    public async Task<SeedSummary> LoadFileAsync(string path, CancellationToken cancellationToken)
    {
        var file = File.OpenRead(path);
        await using (file.ConfigureAwait(false))
        {
            return await LoadAsync(file, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<SeedSummary> LoadAsync(Stream seedJson, CancellationToken cancellationToken)
    {
        var seed = await SeedFile.ReadAsync(seedJson, cancellationToken).ConfigureAwait(false);
        await UpsertAsync(tables.ApiKeys, seed.ApiKeys.Select(seeded => ApiKeyRow.ToEntity(seeded.Key, seeded.Token)), cancellationToken).ConfigureAwait(false);
        await UpsertAsync(tables.Regions, seed.Regions.Select(RegionRow.ToEntity), cancellationToken).ConfigureAwait(false);
        await UpsertAsync(tables.Carts, seed.Carts.Select(CartRow.ToEntity), cancellationToken).ConfigureAwait(false);
        await UpsertAsync(tables.Orders, seed.Orders.Select(OrderRow.ToEntity), cancellationToken).ConfigureAwait(false);
        await UpsertAsync(tables.Customers, seed.Customers.Select(CustomerRow.ToEntity), cancellationToken).ConfigureAwait(false);
        return new SeedSummary(seed.ApiKeys.Count, seed.Regions.Count, seed.Carts.Count, seed.Orders.Count, seed.Customers.Count);
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
