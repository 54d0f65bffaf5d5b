using Payments.Domain.Configuration;

namespace Payments.Tests.Unit.Domain;

public sealed class SecretSettingsTests
{
    [Theory]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://kv-x.vault.azure.net/secrets/admin-jwt-secret)")]
    [InlineData("  @microsoft.keyvault(VaultName=kv-x;SecretName=admin-jwt-secret)")]
    public void The_text_of_a_key_vault_reference_is_never_a_usable_secret(string value)
    {
        Assert.Equal(SecretState.UnresolvedReference, SecretSettings.StateOf(value));
        var refused = Assert.Throws<SecretSettingUnusableException>(() => SecretSettings.UsableOrAbsent(value, "AdminAuth:JwtSecret"));
        Assert.Equal("AdminAuth:JwtSecret", refused.Setting);
        Assert.DoesNotContain("kv-x", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, SecretState.Absent)]
    [InlineData("", SecretState.Absent)]
    [InlineData("  ", SecretState.Absent)]
    [InlineData("supersecret", SecretState.Usable)]
    [InlineData("whsec_@Microsoft.KeyVault(", SecretState.Usable)]
    public void Other_values_are_absent_or_usable(string? value, SecretState expected)
    {
        Assert.Equal(expected, SecretSettings.StateOf(value));
    }

    [Fact]
    public void A_required_setting_that_is_absent_has_a_problem_an_optional_one_has_none()
    {
        Assert.Equal("is required and not set", new SecretSetting("Gateway:Key", Required: true).ProblemWith(null));
        Assert.Null(new SecretSetting("Stripe:ApiKey", Required: false).ProblemWith(null));
    }
}
