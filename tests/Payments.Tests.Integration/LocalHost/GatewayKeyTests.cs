using Payments.Functions;

namespace Payments.Tests.Integration.LocalHost;

/// <summary>The app serves only the gateway (issue 16): its key decides, and an unusable key serves nobody.</summary>
public sealed class GatewayKeyTests
{
    private const string Key = "gateway-key-0123456789abcdef0123456789abcdef";

    [Fact]
    public void A_request_carrying_the_configured_key_is_admitted()
    {
        Assert.Equal(GatewayKeyVerdict.Admitted, GatewayKey.Judge(Key, Key));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("gateway-key-0123456789abcdef0123456789abcdeF")]
    [InlineData("gateway-key")]
    public void A_request_without_the_key_is_refused(string? presented)
    {
        Assert.Equal(GatewayKeyVerdict.Refused, GatewayKey.Judge(Key, presented));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://kv-payments.vault.azure.net/secrets/gateway-key)")]
    public void Nothing_is_served_while_the_configured_key_is_unusable_not_even_to_whoever_sends_the_same_text(string? configured)
    {
        Assert.Equal(GatewayKeyVerdict.Unavailable, GatewayKey.Judge(configured, configured));
    }
}
