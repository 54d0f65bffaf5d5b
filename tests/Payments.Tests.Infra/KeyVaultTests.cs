namespace Payments.Tests.Infra;

/// <summary>The app's secrets in Key Vault: the vault, who may read it, and that the app starts only once it may.</summary>
[Collection(CompiledMainTemplateCollection.Name)]
public sealed class KeyVaultTests(CompiledMainTemplate compiled)
{
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";

    private readonly ArmTemplate keyVault = compiled.ModuleTemplate("keyVault");

    private ArmResource Vault => keyVault.SingleOfType("Microsoft.KeyVault/vaults");

    [Fact]
    public void The_vault_authorizes_with_rbac_and_keeps_deleted_secrets_recoverable()
    {
        Assert.True(Vault.At("properties", "enableRbacAuthorization")!.GetValue<bool>());
        Assert.Null(Vault.At("properties", "accessPolicies"));
        Assert.True(Vault.At("properties", "enableSoftDelete")!.GetValue<bool>());
        Assert.Equal("[parameters('softDeleteRetentionInDays')]", Vault.Text("properties", "softDeleteRetentionInDays"));
        Assert.Equal(90, keyVault.Parameters["softDeleteRetentionInDays"]["defaultValue"]!.GetValue<int>());
        Assert.Equal("[if(parameters('enablePurgeProtection'), true(), null())]", Vault.Text("properties", "enablePurgeProtection"));
        Assert.True(compiled.Main.Parameters["keyVaultEnablePurgeProtection"]["defaultValue"]!.GetValue<bool>());
        Assert.Equal("[parameters('keyVaultEnablePurgeProtection')]", compiled.Main.Module("keyVault").Argument("enablePurgeProtection"));
    }

    [Fact]
    public void No_deployment_or_template_may_read_the_vault_and_its_tenant_is_the_deployments()
    {
        Assert.False(Vault.At("properties", "enabledForDeployment")!.GetValue<bool>());
        Assert.False(Vault.At("properties", "enabledForTemplateDeployment")!.GetValue<bool>());
        Assert.False(Vault.At("properties", "enabledForDiskEncryption")!.GetValue<bool>());
        Assert.Equal("[tenant().tenantId]", Vault.Text("properties", "tenantId"));
    }

    [Fact]
    public void The_app_identity_is_the_only_reader_with_key_vault_secrets_user()
    {
        var assignment = keyVault.SingleOfType("Microsoft.Authorization/roleAssignments");

        Assert.Equal("[resourceId('Microsoft.KeyVault/vaults', parameters('name'))]", assignment.Text("scope"));
        Assert.Equal(KeyVaultSecretsUser, keyVault.Variables["keyVaultSecretsUserRoleId"]!.GetValue<string>());
        Assert.Equal("[parameters('readerPrincipalId')]", assignment.Text("properties", "principalId"));
        Assert.Equal("ServicePrincipal", assignment.Text("properties", "principalType"));
        var reader = compiled.Main.Module("keyVault").Argument("readerPrincipalId");
        Assert.Contains("'Microsoft.Resources/deployments', 'identity')", reader, StringComparison.Ordinal);
        Assert.EndsWith(".outputs.principalId.value]", reader, StringComparison.Ordinal);
    }

    [Fact]
    public void The_secrets_are_stored_by_their_names_from_the_secure_parameter()
    {
        var secret = keyVault.SingleOfType("Microsoft.KeyVault/vaults/secrets");

        Assert.Equal("[length(parameters('secretNames'))]", secret.Text("copy", "count"));
        Assert.Equal("[parameters('secrets')[parameters('secretNames')[copyIndex()]]]", secret.Text("properties", "value"));
        Assert.Equal("[map(variables('appSecrets'), lambda('secret', lambdaVariables('secret').secretName))]", compiled.Main.Module("keyVault").Argument("secretNames"));
    }

    [Fact]
    public void The_vault_puts_out_its_name_and_uri_and_nothing_else()
    {
        Assert.Equal(["name", "vaultUri"], keyVault.Outputs.Keys.Order(StringComparer.Ordinal));
    }
}
