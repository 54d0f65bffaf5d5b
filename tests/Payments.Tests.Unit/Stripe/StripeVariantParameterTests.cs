using Payments.Domain.Providers;
using Payments.Providers.Stripe;
using Payments.Tests.FakeStripe;

namespace Payments.Tests.Unit.Stripe;

/// <summary>
/// What each provider of the Stripe family sends to <c>POST /v1/payment_intents</c>: its payment method types and
/// automatic capture, as Medusa's variant services; the session data first, then the variant, then the options.
/// </summary>
public sealed class StripeVariantParameterTests
{
    private const string SessionId = StripeProviders.SessionId;
    private const string CollectionId = StripeProviders.CollectionId;

    private readonly FakeStripeApi stripe = new();

    public static TheoryData<string, string, string> PaymentMethodVariants => new()
    {
        { "pp_stripe-bancontact_stripe", "bancontact", "eur" },
        { "pp_stripe-blik_stripe", "blik", "pln" },
        { "pp_stripe-giropay_stripe", "giropay", "eur" },
        { "pp_stripe-ideal_stripe", "ideal", "eur" },
        { "pp_stripe-przelewy24_stripe", "p24", "pln" },
        { "pp_stripe-promptpay_stripe", "promptpay", "thb" },
        { "pp_stripe-oxxo_stripe", "oxxo", "mxn" },
    };

    [Theory]
    [MemberData(nameof(PaymentMethodVariants))]
    public async Task A_payment_method_variant_allows_only_its_type_and_captures_automatically(string providerId, string type, string currency)
    {
        var options = new StripeOptions { ApiKey = "sk_test_x", AutomaticPaymentMethods = true, PaymentMethodConfiguration = "pmc_test" };

        var result = await Provider(providerId, options).InitiateAsync(StripeProviders.Initiate(12.5m, currency, "{}"), CancellationToken.None);

        var call = Assert.Single(stripe.Calls);
        Assert.Equal((SessionId, "1250", currency), (call.IdempotencyKey, call.Parameters["amount"], call.Parameters["currency"]));
        Assert.Equal((type, "automatic"), (call.Parameters["allowed_payment_method_types[0]"], call.Parameters["capture_method"]));
        Assert.DoesNotContain(call.Parameters.Keys, key => key.StartsWith("allowed_payment_method_types[1]", StringComparison.Ordinal));
        Assert.False(call.Parameters.ContainsKey("automatic_payment_methods[enabled]"));
        Assert.False(call.Parameters.ContainsKey("payment_method_configuration"));
        Assert.Equal((SessionId, CollectionId), (call.Parameters["metadata[session_id]"], call.Parameters["metadata[payment_collection_id]"]));
        Assert.Equal(type, result.Data.GetProperty("payment_method_types")[0].GetString());
    }

    [Fact]
    public async Task Oxxo_vouchers_expire_after_the_configured_days_three_by_default()
    {
        var byDefault = await Provider("pp_stripe-oxxo_stripe").InitiateAsync(StripeProviders.Initiate(500m, "mxn", "{}"), CancellationToken.None);
        await Provider("pp_stripe-oxxo_stripe", new StripeOptions { ApiKey = "sk_test_x", OxxoExpiresDays = 5 })
            .InitiateAsync(StripeProviders.Initiate(500m, "mxn", "{}") with { IdempotencyKey = "payses_second" }, CancellationToken.None);

        Assert.Equal(["3", "5"], stripe.Creations.Select(call => call.Parameters["payment_method_options[oxxo][expires_after_days]"]));
        Assert.Equal(3, byDefault.Data.GetProperty("payment_method_options").GetProperty("oxxo").GetProperty("expires_after_days").GetInt32());
    }

    [Theory]
    [MemberData(nameof(PaymentMethodVariants))]
    public async Task Only_oxxo_sends_payment_method_options(string providerId, string type, string currency)
    {
        await Provider(providerId).InitiateAsync(StripeProviders.Initiate(12.5m, currency, "{}"), CancellationToken.None);

        var options = Assert.Single(stripe.Calls).Parameters.Keys.Where(key => key.StartsWith("payment_method_options", StringComparison.Ordinal));
        Assert.Equal(type == "oxxo" ? ["payment_method_options[oxxo][expires_after_days]"] : [], options);
    }

    [Fact]
    public async Task The_card_provider_sends_the_payment_method_configuration_only_when_no_types_are_given()
    {
        var options = new StripeOptions { ApiKey = "sk_test_x", AutomaticPaymentMethods = true, PaymentMethodConfiguration = "pmc_1Dashboard" };

        var dashboard = await Provider("pp_stripe_stripe", options).InitiateAsync(StripeProviders.Initiate(10m, "usd", "{}"), CancellationToken.None);
        await Provider("pp_stripe_stripe", options)
            .InitiateAsync(StripeProviders.Initiate(10m, "usd", """{"payment_method_types":["card"]}""") with { IdempotencyKey = "payses_second" }, CancellationToken.None);

        var (chosenByStripe, named) = (stripe.Creations[0].Parameters, stripe.Creations[1].Parameters);
        Assert.Equal(("pmc_1Dashboard", "true", "manual"), (chosenByStripe["payment_method_configuration"], chosenByStripe["automatic_payment_methods[enabled]"], chosenByStripe["capture_method"]));
        Assert.DoesNotContain(chosenByStripe.Keys, key => key.StartsWith("allowed_payment_method_types", StringComparison.Ordinal));
        Assert.Equal("pmc_1Dashboard", dashboard.Data.GetProperty("payment_method_configuration_details").GetProperty("id").GetString());
        Assert.Equal("card", named["allowed_payment_method_types[0]"]);
        Assert.False(named.ContainsKey("payment_method_configuration"));
        Assert.False(named.ContainsKey("automatic_payment_methods[enabled]"));
    }

    [Fact]
    public async Task Session_data_overrides_what_the_variant_sets_as_in_medusa()
    {
        await Provider("pp_stripe-ideal_stripe").InitiateAsync(
            StripeProviders.Initiate(10m, "eur", """{"payment_method_types":["ideal","sepa_debit"],"capture_method":"automatic_async","payment_method_options":{"ideal":{"setup_future_usage":"off_session"}}}"""),
            CancellationToken.None);

        var parameters = Assert.Single(stripe.Calls).Parameters;
        Assert.Equal(("ideal", "sepa_debit", "automatic_async"), (parameters["allowed_payment_method_types[0]"], parameters["allowed_payment_method_types[1]"], parameters["capture_method"]));
        Assert.Equal("off_session", parameters["payment_method_options[ideal][setup_future_usage]"]);
    }

    [Fact]
    public async Task Medusas_payment_method_types_key_goes_out_under_the_pinned_api_versions_name()
    {
        await Provider("pp_stripe_stripe").InitiateAsync(StripeProviders.Initiate(10m, "eur", """{"payment_method_types":["sepa_debit"]}"""), CancellationToken.None);

        var call = Assert.Single(stripe.Calls);
        Assert.Equal("sepa_debit", call.Parameters["allowed_payment_method_types[0]"]);
        Assert.DoesNotContain(call.Parameters.Keys, key => key.StartsWith("payment_method_types", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_variant_in_a_currency_its_method_does_not_take_is_refused_by_stripe_not_sent_elsewhere()
    {
        var error = await Assert.ThrowsAsync<ProviderRefusedException>(() =>
            Provider("pp_stripe-oxxo_stripe").InitiateAsync(StripeProviders.Initiate(10m, "usd", "{}"), CancellationToken.None));

        Assert.Equal("payment_intent_invalid_currency", error.Code);
    }

    [Fact]
    public async Task An_account_holders_stripe_customer_pays_every_variants_intent()
    {
        foreach (var variant in StripeVariant.All)
        {
            var request = StripeProviders.Initiate(10m, "eur", "{}") with { AccountHolderExternalId = "cus_holder", IdempotencyKey = $"{SessionId}-{variant.Identifier}" };
            var currency = variant.PaymentMethodTypes?[0] switch { "blik" => "pln", "promptpay" => "thb", "oxxo" => "mxn", _ => "eur" };

            await StripeProviders.Create(stripe, variant).InitiateAsync(request with { CurrencyCode = currency }, CancellationToken.None);
        }

        Assert.Equal(StripeVariant.All.Count, stripe.Creations.Count);
        Assert.All(stripe.Creations, call => Assert.Equal("cus_holder", call.Parameters["customer"]));
    }

    private StripePaymentProvider Provider(string providerId, StripeOptions? options = null) =>
        StripeProviders.Create(stripe, StripeVariant.All.Single(variant => variant.ProviderId == providerId), options);
}
