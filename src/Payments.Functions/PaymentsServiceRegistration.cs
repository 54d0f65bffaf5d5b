using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Payments.Api.Authentication;
using Payments.Api.Endpoints;
using Payments.Api.Housekeeping;
using Payments.Api.Idempotency;
using Payments.Api.ReferenceData;
using Payments.CommerceBackend;
using Payments.Domain.Collections;
using Payments.Domain.Concurrency;
using Payments.Domain.Identifiers;
using Payments.Domain.Payments;
using Payments.Domain.Ports;
using Payments.Domain.Providers;
using Payments.Domain.RefundReasons;
using Payments.Domain.Outbox;
using Payments.Domain.Reconciliation;
using Payments.Domain.Releases;
using Payments.Domain.Sessions;
using Payments.Domain.Webhooks;
using Payments.Providers.Stripe;
using Payments.Storage;

namespace Payments.Functions;

/// <summary>The one DI registration of the app, shared by the Functions host and the local host.</summary>
public static class PaymentsServiceRegistration
{
    /// <summary>API key and region lookups cached at once, at most (each entry has size 1).</summary>
    private const int KeyCacheEntries = 10_000;

    public static IServiceCollection AddPaymentsFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);

        // The Azure SDK logs every storage request at Information; only its warnings are worth an operator's time.
        services.AddLogging(logging => logging.AddFilter("Azure.Core", LogLevel.Warning));
        services.AddPaymentsTableStorage(configuration);
        services.AddCommerceBackend(configuration);
        CacheRegions(services);
        services.AddStripePaymentProviders(configuration);
        AddDomain(services);
        AddHttpContract(services, configuration);
        services.AddHostedService<RefundReasonDefaults>();
        return services;
    }

    private static void AddDomain(IServiceCollection services)
    {
        services.AddSingleton<EntityIdGenerator>();

        // Conflict back-off waits real time whatever clock the app runs on.
        services.AddSingleton(new OptimisticConcurrency(TimeProvider.System));
        services.AddSingleton(new CollectionGate(TimeProvider.System));
        services.AddSingleton(provider => ActivatorUtilities.CreateInstance<CollectionWriter>(provider, TimeProvider.System));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPaymentProvider, SystemPaymentProvider>());
        services.AddSingleton<PaymentProviderRegistry>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton<IOutboxHandler, ProviderReleaseHandler>();
        services.AddSingleton<IOutboxHandler, PaymentIndexingHandler>();
        services.AddSingleton<IOutboxHandler, CartUnlinkingHandler>();
        services.AddSingleton<ProviderReconciliationHandler>();
        services.AddSingleton<IOutboxHandler, ResolvedOnUse<ProviderReconciliationHandler>>();
        services.AddSingleton<OpenCarts>();
        services.AddSingleton<PaymentCollectionFactory>();
        services.AddSingleton<CartPaymentCollections>();
        services.AddSingleton<AccountHolders>();
        services.AddSingleton<SessionContexts>();
        services.AddSingleton<PaymentSessionInitializer>();
        services.AddSingleton<PaymentSessionAuthorizer>();
        services.AddSingleton<PaymentLookup>();
        services.AddSingleton<MoneyMoves>();
        services.AddSingleton<ProviderReconciler>();
        services.AddSingleton<AdminPaymentCollections>();
        services.AddSingleton<RefundReasonCatalog>();
        services.AddSingleton<ProviderWebhookProcessor>();
    }

    private static void AddHttpContract(IServiceCollection services, IConfiguration configuration)
    {
        services.AddMemoryCache(options => options.SizeLimit = KeyCacheEntries);
        services.Configure<AdminAuthOptions>(configuration.GetSection(AdminAuthOptions.SectionName));
        services.AddSingleton<ApiKeyVerdicts>();
        services.AddSingleton<MedusaJwtVerifier>();
        services.AddSingleton<PublishableKeyValidator>();
        services.AddSingleton<AdminAuthenticator>();
        services.AddSingleton<CustomerAuthenticator>();
        services.AddHostedService<JwtSecretStartupCheck>();
        services.AddSingleton<IdempotencyGate>();
        services.AddSingleton<RequestPipeline>();
        services.AddSingleton<ExpiredRecordSweeper>();
        services.AddSingleton<Responses>();
        services.AddSingleton<StorePaymentCollectionEndpoints>();
        services.AddSingleton<StorePaymentProviderEndpoints>();
        services.AddSingleton<AdminPaymentEndpoints>();
        services.AddSingleton<AdminPaymentCollectionEndpoints>();
        services.AddSingleton<AdminRefundReasonEndpoints>();
        services.AddSingleton<ProviderWebhookEndpoints>();
    }

    /// <summary>
    /// An outbox handler resolved when the dispatcher first uses it rather than with the dispatcher: reconciliation writes
    /// through the <see cref="CollectionWriter"/>, which dispatches through the <see cref="OutboxDispatcher"/> that holds
    /// the handlers, so resolving them together would recurse without end (the writer's factory hides the cycle from
    /// the container's own check).
    /// </summary>
    private sealed class ResolvedOnUse<THandler>(IServiceProvider services) : IOutboxHandler
        where THandler : IOutboxHandler
    {
        private THandler Handler => services.GetRequiredService<THandler>();

        public bool Handles(OutboxMessage message) => Handler.Handles(message);

        public Task<OutboxHandled> HandleAsync(string collectionId, OutboxMessage message, CancellationToken cancellationToken) =>
            Handler.HandleAsync(collectionId, message, cancellationToken);
    }

    /// <summary>Puts the short region cache in front of whichever region catalog the mode registered.</summary>
    private static void CacheRegions(IServiceCollection services)
    {
        var source = services.Last(descriptor => descriptor.ServiceType == typeof(IRegionCatalog));
        services.Remove(source);
        services.AddSingleton<IRegionCatalog>(provider => new CachedRegionCatalog(
            (IRegionCatalog)ActivatorUtilities.CreateInstance(provider, source.ImplementationType!),
            provider.GetRequiredService<IMemoryCache>()));
    }
}
