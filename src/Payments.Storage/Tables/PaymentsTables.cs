using Azure.Data.Tables;

namespace Payments.Storage.Tables;

/// <summary>The tables of this service, named with the configured prefix; one instance per process.</summary>
internal sealed class PaymentsTables(TableServiceClient service, TableStorageOptions options)
{
    public CreatedOnFirstUseTable PaymentCollections { get; } = Table(service, options, TableNames.PaymentCollections);

    public CreatedOnFirstUseTable CartCollections { get; } = Table(service, options, TableNames.CartCollections);

    public CreatedOnFirstUseTable Carts { get; } = Table(service, options, TableNames.Carts);

    public CreatedOnFirstUseTable Orders { get; } = Table(service, options, TableNames.Orders);

    public CreatedOnFirstUseTable Regions { get; } = Table(service, options, TableNames.Regions);

    public CreatedOnFirstUseTable ApiKeys { get; } = Table(service, options, TableNames.ApiKeys);

    public CreatedOnFirstUseTable PaymentIndex { get; } = Table(service, options, TableNames.PaymentIndex);

    public CreatedOnFirstUseTable RefundReasons { get; } = Table(service, options, TableNames.RefundReasons);

    public CreatedOnFirstUseTable IdempotencyKeys { get; } = Table(service, options, TableNames.IdempotencyKeys);

    public CreatedOnFirstUseTable ProcessedWebhookEvents { get; } = Table(service, options, TableNames.ProcessedWebhookEvents);

    public CreatedOnFirstUseTable Customers { get; } = Table(service, options, TableNames.Customers);

    public CreatedOnFirstUseTable AccountHolders { get; } = Table(service, options, TableNames.AccountHolders);

    public CreatedOnFirstUseTable EntityIndex { get; } = Table(service, options, TableNames.EntityIndex);

    private static CreatedOnFirstUseTable Table(TableServiceClient service, TableStorageOptions options, string name) =>
        new(service.GetTableClient(options.TablePrefix + name));
}
