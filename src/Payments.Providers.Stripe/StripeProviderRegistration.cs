using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Payments.Domain.Configuration;
using Payments.Domain.Providers;
using Stripe;

namespace Payments.Providers.Stripe;

public static class StripeProviderRegistration
{
    /// <summary>
    /// Registers every provider of <see cref="StripeVariant.All"/> from the section <c>Stripe</c>, only when it sets an
    /// <c>ApiKey</c> (spec §7.2). They share one Stripe client (pointed at <c>Stripe:ApiBase</c> when set), one status
    /// map and one webhook reader; a region enables each like any provider. An <c>ApiKey</c> that is an unresolved Key Vault
    /// reference registers them all as <see cref="UnusableSecretPaymentProvider"/>: every call answers 503.
    /// </summary>
    public static IServiceCollection AddStripePaymentProviders(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(StripeOptions.SectionName).Get<StripeOptions>() ?? new StripeOptions();
        if (!options.IsConfigured)
        {
            return services;
        }

        if (SecretSettings.StateOf(options.ApiKey) == SecretState.UnresolvedReference)
        {
            foreach (var variant in StripeVariant.All)
            {
                services.AddSingleton<IPaymentProvider>(new UnusableSecretPaymentProvider(variant.ProviderId, new SecretSetting(StripeOptions.ApiKeyKey, Required: false), options.ApiKey));
            }

            return services;
        }

        options.Validate();
        var client = new StripeClient(
            options.ApiKey,
            httpClient: new SystemNetHttpClient(SystemNetHttpClient.BuildDefaultSystemNetHttpClient()),
            apiBase: options.ApiBase?.ToString().TrimEnd('/'));
        var statuses = new PaymentIntentStatusMap(options);
        services.AddSingleton(provider => new StripeWebhookReader(options, statuses, provider.GetRequiredService<TimeProvider>()));
        foreach (var variant in StripeVariant.All)
        {
            services.AddSingleton<IPaymentProvider>(provider => new StripePaymentProvider(
                client,
                variant,
                options,
                statuses,
                provider.GetRequiredService<StripeWebhookReader>(),
                provider.GetRequiredService<ILogger<StripePaymentProvider>>()));
        }

        return services;
    }
}
