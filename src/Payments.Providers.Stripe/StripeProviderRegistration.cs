using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Payments.Domain.Providers;
using Stripe;

namespace Payments.Providers.Stripe;

public static class StripeProviderRegistration
{
    /// <summary>Registers <c>pp_stripe_stripe</c> from the section <c>Stripe</c>, only when it sets an <c>ApiKey</c> (spec §7.2).</summary>
    public static IServiceCollection AddStripePaymentProvider(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(StripeOptions.SectionName).Get<StripeOptions>();
        return string.IsNullOrEmpty(options?.ApiKey)
            ? services
            : services.AddStripePaymentProvider(options, SystemNetHttpClient.BuildDefaultSystemNetHttpClient());
    }

    /// <summary>Registers <c>pp_stripe_stripe</c> talking to Stripe through <paramref name="httpClient"/> (tests pass a stubbed handler).</summary>
    public static IServiceCollection AddStripePaymentProvider(this IServiceCollection services, StripeOptions options, HttpClient httpClient)
    {
        ArgumentException.ThrowIfNullOrEmpty(options.ApiKey);
        var client = new StripeClient(options.ApiKey, httpClient: new SystemNetHttpClient(httpClient));
        services.AddSingleton<IPaymentProvider>(provider => new StripePaymentProvider(
            client,
            options,
            new StripeWebhookReader(options, provider.GetRequiredService<TimeProvider>()),
            provider.GetRequiredService<ILogger<StripePaymentProvider>>()));
        return services;
    }
}
