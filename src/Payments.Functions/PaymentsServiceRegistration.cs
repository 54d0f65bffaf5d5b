using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Payments.Api.Authentication;
using Payments.Api.Endpoints;
using Payments.Api.Housekeeping;
using Payments.Api.Idempotency;
using Payments.Api.Listing;
using Payments.Api.Module;
using Payments.Api.ReferenceData;
using Payments.Api.Secrets;
using Payments.CommerceBackend;
using Payments.Domain.Collections;
using Payments.Domain.Commerce;
using Payments.Domain.Concurrency;
using Payments.Domain.Configuration;
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
        AddDomain(services, configuration);
        AddHttpContract(services, configuration);
        services.AddHostedService<RefundReasonDefaults>();
        return services;
    }

    private static void AddDomain(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<EntityIdGenerator>();
        services.AddSingleton(new CommerceModule(IsEnabled: BackendMode(configuration)
            && SecretSettings.StateOf(configuration[ModuleAuthOptions.ModuleApiKeyKey]) != SecretState.Absent));
        services.TryAddSingleton<ICommerceEventSink, NoCommerceEventSink>();

        // Conflict back-off waits real time whatever clock the app runs on.
        services.AddSingleton(new OptimisticConcurrency(TimeProvider.System));
        services.AddSingleton(new CollectionGate(TimeProvider.System));
        services.AddSingleton(provider => ActivatorUtilities.CreateInstance<CollectionWriter>(provider, TimeProvider.System));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPaymentProvider, SystemPaymentProvider>());
        services.AddSingleton<PaymentProviderRegistry>();
        services.AddSingleton(provider => ActivatorUtilities.CreateInstance<OutboxDispatcher>(
            provider,
            new Lazy<IReadOnlyList<IOutboxHandler>>(() => [.. provider.GetServices<IOutboxHandler>()])));
        services.AddSingleton<IOutboxHandler, ProviderReleaseHandler>();
        services.AddSingleton<IOutboxHandler, PaymentIndexingHandler>();
        services.AddSingleton<IOutboxHandler, CartUnlinkingHandler>();
        services.AddSingleton<IOutboxHandler, ProviderReconciliationHandler>();
        services.AddSingleton<IOutboxHandler, CommerceEventHandler>();
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
        services.AddSingleton<EntityLookup>();
        services.AddSingleton<ModuleCollections>();
        services.AddSingleton<ModuleSessions>();
        services.AddSingleton<ModulePayments>();
    }

    private static void AddHttpContract(IServiceCollection services, IConfiguration configuration)
    {
        services.AddMemoryCache(options => options.SizeLimit = KeyCacheEntries);
        services.Configure<AdminAuthOptions>(configuration.GetSection(AdminAuthOptions.SectionName));
        services.Configure<ModuleAuthOptions>(configuration.GetSection(ModuleAuthOptions.SectionName));
        services.AddSingleton<ApiKeyVerdicts>();
        services.AddSingleton<MedusaJwtVerifier>();
        services.AddSingleton<PublishableKeyValidator>();
        services.AddSingleton<AdminAuthenticator>();
        services.AddSingleton<ModuleAuthenticator>();
        services.AddSingleton<CustomerAuthenticator>();
        services.AddHostedService<JwtSecretStartupCheck>();
        AddSecretSettings(services, configuration);
        services.AddSingleton<IdempotencyGate>();
        services.AddSingleton<RequestPipeline>();
        services.AddSingleton<ExpiredRecordSweeper>();
        services.AddSingleton<Responses>();
        services.AddSingleton<StorePaymentCollectionEndpoints>();
        services.AddSingleton<StorePaymentProviderEndpoints>();
        services.AddSingleton<AdminPaymentList>();
        services.AddSingleton<AdminPaymentEndpoints>();
        services.AddSingleton<AdminPaymentCollectionEndpoints>();
        services.AddSingleton<AdminRefundReasonEndpoints>();
        services.AddSingleton<ProviderWebhookEndpoints>();
        services.AddSingleton<ModuleRows>();
        services.AddSingleton<ModuleQueryEndpoints>();
        services.AddSingleton<ModuleCollectionEndpoints>();
        services.AddSingleton<ModulePaymentEndpoints>();
        services.AddSingleton<ModuleReferenceEndpoints>();
    }

    /// <summary>
    /// The settings that hold secrets (Key Vault references in Azure), reported at start-up and by <c>GET /health</c> when
    /// they cannot be used. The backend's secret key is required in backend mode; the others enable what they serve.
    /// </summary>
    private static void AddSecretSettings(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(new SecretSetting(AdminAuthOptions.JwtSecretKey, Required: false));
        services.AddSingleton(new SecretSetting(StripeOptions.ApiKeyKey, Required: false));
        services.AddSingleton(new SecretSetting(StripeOptions.WebhookSecretKey, Required: false));
        services.AddSingleton(new SecretSetting(CommerceBackendOptions.SecretKeyKey, Required: BackendMode(configuration)));
        services.AddSingleton(new SecretSetting(CommerceBackendOptions.ModuleApiKeyKey, Required: false));
        services.AddSingleton<SecretSettingsReport>();
        services.AddHostedService<SecretSettingsStartupCheck>();
    }

    private static bool BackendMode(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{CommerceBackendOptions.SectionName}:{nameof(CommerceBackendOptions.Url)}"]);

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
