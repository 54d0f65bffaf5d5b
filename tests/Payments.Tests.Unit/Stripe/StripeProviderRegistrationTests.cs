using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Payments.Domain.Providers;
using Payments.Providers.Stripe;
using Payments.Tests.FakeStripe;

namespace Payments.Tests.Unit.Stripe;

/// <summary>Spec §7.2: the Stripe family is registered when configured, and only then; bad settings stop the start.</summary>
public sealed class StripeProviderRegistrationTests
{
    [Fact]
    public void Without_an_api_key_no_stripe_provider_is_registered()
    {
        using var services = Services(new Dictionary<string, string?> { ["Stripe:WebhookSecret"] = StripeWebhooks.Secret });

        Assert.Empty(services.GetServices<IPaymentProvider>());
    }

    [Fact]
    public void With_an_api_key_every_provider_of_medusas_stripe_family_is_registered()
    {
        using var services = Services(new Dictionary<string, string?> { ["Stripe:ApiKey"] = "sk_test_x", ["Stripe:Capture"] = "true" });

        Assert.Equal(
            [
                "pp_stripe_stripe", "pp_stripe-bancontact_stripe", "pp_stripe-blik_stripe", "pp_stripe-giropay_stripe",
                "pp_stripe-ideal_stripe", "pp_stripe-przelewy24_stripe", "pp_stripe-promptpay_stripe", "pp_stripe-oxxo_stripe",
            ],
            services.GetServices<IPaymentProvider>().Select(provider => provider.Id));
    }

    [Theory]
    [InlineData("Stripe:ApiBase", "/relative", "Stripe:ApiBase must be an absolute http or https URL.")]
    [InlineData("Stripe:ApiBase", "ftp://127.0.0.1:12111", "Stripe:ApiBase must be an absolute http or https URL.")]
    [InlineData("Stripe:OxxoExpiresDays", "0", "Stripe:OxxoExpiresDays must be a whole number of days from 1 to 7.")]
    [InlineData("Stripe:OxxoExpiresDays", "8", "Stripe:OxxoExpiresDays must be a whole number of days from 1 to 7.")]
    public void A_setting_stripe_would_refuse_stops_the_start_naming_it(string key, string value, string message)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Services(new Dictionary<string, string?> { ["Stripe:ApiKey"] = "sk_test_x", [key] = value }));

        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("sk_live_0123456789")]
    [InlineData("rk_live_0123456789")]
    public void A_live_key_is_never_sent_to_a_server_other_than_stripe(string liveKey)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Services(new Dictionary<string, string?>
        {
            ["Stripe:ApiKey"] = liveKey,
            ["Stripe:ApiBase"] = "http://127.0.0.1:12111",
        }));

        Assert.Equal("Stripe:ApiBase points away from Stripe while Stripe:ApiKey is a live key; use a test key (sk_test_…) there.", error.Message);
        Assert.DoesNotContain(liveKey, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sk_live_0123456789", "https://api.stripe.com")]
    [InlineData("sk_test_0123456789", "http://127.0.0.1:12111")]
    public void A_live_key_with_stripes_own_base_or_a_test_key_anywhere_starts(string apiKey, string apiBase)
    {
        using var services = Services(new Dictionary<string, string?> { ["Stripe:ApiKey"] = apiKey, ["Stripe:ApiBase"] = apiBase });

        Assert.Equal(StripeVariant.All.Count, services.GetServices<IPaymentProvider>().Count());
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System);
        services.AddStripePaymentProviders(configuration);
        return services.BuildServiceProvider();
    }
}
