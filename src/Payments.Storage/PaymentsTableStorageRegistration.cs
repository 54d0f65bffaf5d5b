using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Payments.Domain.Outbox;
using Payments.Domain.Ports;
using Payments.Storage.AccountHolders;
using Payments.Storage.Collections;
using Payments.Storage.Idempotency;
using Payments.Storage.Outbox;
using Payments.Storage.Payments;
using Payments.Storage.ReferenceData;
using Payments.Storage.Seed;
using Payments.Storage.Tables;
using Payments.Storage.Webhooks;

namespace Payments.Storage;

public static class PaymentsTableStorageRegistration
{
    /// <summary>
    /// Registers the Table Storage implementation of every port, the seed loader and the one
    /// <see cref="Azure.Data.Tables.TableServiceClient"/>, configured from the section <c>PaymentsStorage</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The section names no account, or an invalid table prefix.</exception>
    public static IServiceCollection AddPaymentsTableStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(TableStorageOptions.SectionName).Get<TableStorageOptions>() ?? new TableStorageOptions();
        options.Validate();

        services.AddAzureClients(clients =>
        {
            var client = options.UsesConnectionString
                ? clients.AddTableServiceClient(options.ConnectionString)
                : clients.AddTableServiceClient(options.TableServiceUri).WithCredential(_ => options.CreateCredential());
            client.ConfigureOptions(TableClientSettings.Apply);
        });

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton<PaymentsTables>();
        services.AddSingleton<IPaymentCollectionStore, TablePaymentCollectionStore>();
        services.AddSingleton<IOutboxStore, TableOutboxStore>();
        services.AddSingleton<ICartCollectionLinks, TableCartCollectionLinks>();
        services.AddSingleton<ICartCatalog, TableCartCatalog>();
        services.AddSingleton<IOrderCatalog, TableOrderCatalog>();
        services.AddSingleton<IRegionCatalog, TableRegionCatalog>();
        services.AddSingleton<IApiKeyCatalog, TableApiKeyCatalog>();
        services.AddSingleton<ICustomerCatalog, TableCustomerCatalog>();
        services.AddSingleton<IAccountHolderStore, TableAccountHolderStore>();
        services.AddSingleton<IPaymentIndex, TablePaymentIndex>();
        services.AddSingleton<IEntityIndex, TableEntityIndex>();
        services.AddSingleton<IRefundReasonStore, TableRefundReasonStore>();
        services.AddSingleton<IIdempotencyRecords, TableIdempotencyRecords>();
        services.AddSingleton<IProcessedWebhookEvents, TableProcessedWebhookEvents>();
        services.AddSingleton(provider => new SeedFileLoader(provider.GetRequiredService<PaymentsTables>()));
        return services;
    }
}
