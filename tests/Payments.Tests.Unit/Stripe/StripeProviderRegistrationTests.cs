using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Payments.Domain.Providers;
using Payments.Providers.Stripe;

namespace Payments.Tests.Unit.Stripe;

/// <summary>Spec §7.2: <c>pp_stripe_stripe</c> is registered when configured, and only then.</summary>
public sealed class StripeProviderRegistrationTests
{
    [Fact]
    public void Without_an_api_key_no_stripe_provider_is_registered()
    {
        using var services = Services(new Dictionary<string, string?> { ["Stripe:WebhookSecret"] = StripeWebhooks.Secret });

        Assert.Empty(services.GetServices<IPaymentProvider>());
    }

    [Fact]
    public void With_an_api_key_the_stripe_provider_is_registered_with_the_configured_options()
    {
        using var services = Services(new Dictionary<string, string?> { ["Stripe:ApiKey"] = "sk_test_x", ["Stripe:Capture"] = "true" });

        var provider = Assert.Single(services.GetServices<IPaymentProvider>());
        Assert.Equal("pp_stripe_stripe", provider.Id);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System);
        services.AddStripePaymentProvider(configuration);
        return services.BuildServiceProvider();
    }
}
