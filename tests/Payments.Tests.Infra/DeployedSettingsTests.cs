namespace Payments.Tests.Infra;

/// <summary>
/// The app settings and the vault as the deployment engine predicts them for the parameters of <see cref="DeploymentSnapshot"/>
/// (Stripe and backend mode configured): what a deployment with those values would write.
/// </summary>
[Collection(DeploymentSnapshotCollection.Name)]
public sealed class DeployedSettingsTests(DeploymentSnapshot snapshots)
{
    private string Settings => (string)snapshots.Consumption.Single("Microsoft.Web/sites/config", "/appsettings")["properties"]!;

    [Theory]
    [InlineData("Stripe__Capture", "'True'")]
    [InlineData("Stripe__AutomaticPaymentMethods", "'False'")]
    [InlineData("Stripe__OxxoExpiresDays", "'5'")]
    [InlineData("Stripe__PaymentMethodConfiguration", "'" + DeploymentSnapshot.StripePaymentMethodConfiguration + "'")]
    [InlineData("CommerceBackend__Url", "'" + DeploymentSnapshot.CommerceBackendUrl + "'")]
    public void A_set_option_is_written_under_its_setting(string setting, string expected)
    {
        Assert.Equal(expected, ArmExpression.ValueAfterKey(Settings, setting));
    }

    [Theory]
    [InlineData("Stripe__PaymentDescription")]
    [InlineData("Stripe__AsyncPaymentMethodTypes")]
    [InlineData("Stripe__ApiBase")]
    [InlineData("CommerceBackend__PublishableKey")]
    public void An_option_left_empty_keeps_the_apps_default(string setting)
    {
        Assert.Null(ArmExpression.ValueAfterKey(Settings, setting));
    }

    [Fact]
    public void The_vault_and_its_reader_role_are_deployed_beside_the_app()
    {
        var vault = snapshots.Consumption.OfType("Microsoft.KeyVault/vaults").Single();
        var site = snapshots.Consumption.Single("Microsoft.Web/sites", string.Empty);
        var roles = snapshots.Consumption.OfType("Microsoft.Authorization/roleAssignments")
            .Where(role => ((string)role["id"]!).Contains((string)vault["id"]!, StringComparison.Ordinal));

        Assert.StartsWith("kv-", (string)vault["name"]!, StringComparison.Ordinal);
        Assert.EndsWith("/providers/Microsoft.ManagedIdentity/userAssignedIdentities/" + (string)snapshots.Consumption.OfType("Microsoft.ManagedIdentity/userAssignedIdentities").Single()["name"]!, (string)site["properties"]!["keyVaultReferenceIdentity"]!, StringComparison.Ordinal);
        Assert.Contains("4633458b-17de-408a-b874-0445c86b69e6", (string)Assert.Single(roles)["properties"]!["roleDefinitionId"]!, StringComparison.Ordinal);
        // The engine keeps secure values hidden, so each secret stays predicted under its condition: stored only when given.
        var secrets = snapshots.Consumption.OfType("Microsoft.KeyVault/vaults/secrets").ToList();
        Assert.Equal(
            ["admin-jwt-secret", "commerce-backend-secret-key", "gateway-key", "stripe-api-key", "stripe-webhook-secret"],
            secrets.Select(secret => ((string)secret["name"]!).Split('/')[1]).Order(StringComparer.Ordinal));
        Assert.All(secrets, secret => Assert.StartsWith("[not(empty(parameters('secrets')", (string)secret["condition"]!, StringComparison.Ordinal));
    }

    [Fact]
    public void No_output_of_the_deployment_is_a_secret()
    {
        Assert.DoesNotContain(
            snapshots.Consumption.Outputs,
            output => output.Value!.ToJsonString().Contains("snapshot-admin-jwt-secret", StringComparison.Ordinal)
                || output.Value!.ToJsonString().Contains("sk_test_snapshot", StringComparison.Ordinal)
                || output.Value!.ToJsonString().Contains("sk_snapshot_backend", StringComparison.Ordinal)
                || output.Value!.ToJsonString().Contains(DeploymentSnapshot.GatewayKey, StringComparison.Ordinal));
    }
}
