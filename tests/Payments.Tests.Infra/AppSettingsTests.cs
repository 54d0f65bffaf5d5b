namespace Payments.Tests.Infra;

/// <summary>The settings the app reads, and where each value comes from.</summary>
[Collection(CompiledMainTemplateCollection.Name)]
public sealed class AppSettingsTests(CompiledMainTemplate compiled)
{
    private readonly ArmTemplate api = compiled.ModuleTemplate("api");

    private string Settings => api.SingleOfType("Microsoft.Web/sites/config").Text("properties");

    [Theory]
    [InlineData("AzureWebJobsStorage__credential", "'managedidentity'")]
    [InlineData("AzureWebJobsStorage__clientId", "reference('identity').clientId")]
    [InlineData("AzureWebJobsStorage__blobServiceUri", "reference('storageAccount').primaryEndpoints.blob")]
    [InlineData("AzureWebJobsStorage__queueServiceUri", "reference('storageAccount').primaryEndpoints.queue")]
    [InlineData("AzureWebJobsStorage__tableServiceUri", "reference('storageAccount').primaryEndpoints.table")]
    [InlineData("APPLICATIONINSIGHTS_CONNECTION_STRING", "reference('applicationInsights').ConnectionString")]
    [InlineData("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "format('ClientId={0};Authorization=AAD', reference('identity').clientId)")]
    [InlineData("PaymentsStorage__TableServiceUri", "reference('storageAccount').primaryEndpoints.table")]
    [InlineData("PaymentsStorage__ClientId", "reference('identity').clientId")]
    [InlineData("PaymentsStorage__TablePrefix", "parameters('tablePrefix')")]
    public void Setting_takes_its_value_from_the_expected_source(string setting, string expectedExpression)
    {
        Assert.Equal(expectedExpression, ArmExpression.ValueAfterKey(Settings, setting));
    }

    [Theory]
    [InlineData("identity", "Microsoft.ManagedIdentity/userAssignedIdentities", "identityName", "identity", "name")]
    [InlineData("storageAccount", "Microsoft.Storage/storageAccounts", "storageAccountName", "storage", "name")]
    [InlineData("applicationInsights", "Microsoft.Insights/components", "applicationInsightsName", "monitoring", "applicationInsightsName")]
    public void Settings_read_the_resources_main_deploys(string symbol, string type, string parameter, string sourceModule, string sourceOutput)
    {
        var resource = api.Resource(symbol);

        Assert.True(resource.IsExisting);
        Assert.Equal(type, resource.Type);
        Assert.Equal($"[parameters('{parameter}')]", resource.Name);
        var argument = compiled.Main.Module("api").Argument(parameter);
        Assert.Contains($"'Microsoft.Resources/deployments', '{sourceModule}')", argument, StringComparison.Ordinal);
        Assert.EndsWith($".outputs.{sourceOutput}.value]", argument, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AdminAuth__JwtSecret", "admin-jwt-secret", "adminJwtSecret")]
    [InlineData("Stripe__ApiKey", "stripe-api-key", "stripeApiKey")]
    [InlineData("Stripe__WebhookSecret", "stripe-webhook-secret", "stripeWebhookSecret")]
    [InlineData("CommerceBackend__SecretKey", "commerce-backend-secret-key", "commerceBackendSecretKey")]
    [InlineData("CommerceBackend__ModuleApiKey", "commerce-backend-module-api-key", "commerceBackendModuleApiKey")]
    public void Every_secret_of_the_app_is_a_key_vault_secret_under_its_setting(string setting, string secretName, string parameter)
    {
        var secret = compiled.Main.Variables["appSecrets"]!.AsArray().Single(candidate => (string)candidate!["setting"]! == setting)!;

        Assert.Equal((secretName, $"[parameters('{parameter}')]"), ((string)secret["secretName"]!, (string)secret["value"]!));
    }

    [Fact]
    public void A_secret_setting_is_a_versionless_key_vault_reference_to_its_secret_in_the_apps_vault()
    {
        Assert.Equal(
            "[toObject(parameters('vaultedSettings'), lambda('vaulted', lambdaVariables('vaulted').setting), lambda('vaulted', format('@Microsoft.KeyVault(SecretUri={0}secrets/{1})', parameters('keyVaultUri'), lambdaVariables('vaulted').secretName)))]",
            api.Variables["secretReferences"]!.GetValue<string>());
        Assert.Contains("variables('secretReferences')", Settings, StringComparison.Ordinal);
        var vaultUri = compiled.Main.Module("api").Argument("keyVaultUri");
        Assert.Contains("'Microsoft.Resources/deployments', 'keyVault')", vaultUri, StringComparison.Ordinal);
        Assert.EndsWith(".outputs.vaultUri.value]", vaultUri, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_secrets_given_are_stored_and_referenced()
    {
        Assert.Equal(
            "[filter(variables('appSecrets'), lambda('secret', not(empty(lambdaVariables('secret').value))))]",
            compiled.Main.Variables["givenSecrets"]!.GetValue<string>());
        Assert.Equal(
            "[map(variables('givenSecrets'), lambda('secret', createObject('setting', lambdaVariables('secret').setting, 'secretName', lambdaVariables('secret').secretName)))]",
            compiled.Main.Module("api").Argument("vaultedSettings"));
        var stored = compiled.ModuleTemplate("keyVault").SingleOfType("Microsoft.KeyVault/vaults/secrets");
        Assert.Equal("[not(empty(parameters('secrets')[parameters('secretNames')[copyIndex()]]))]", stored.Text("condition"));
    }

    [Fact]
    public void The_app_resolves_its_key_vault_references_as_its_user_assigned_identity()
    {
        Assert.Equal(
            "[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('identityName'))]",
            api.SingleOfType("Microsoft.Web/sites").Text("properties", "keyVaultReferenceIdentity"));
    }

    [Theory]
    [InlineData("adminJwtSecret")]
    [InlineData("stripeApiKey")]
    [InlineData("stripeWebhookSecret")]
    [InlineData("commerceBackendSecretKey")]
    [InlineData("commerceBackendModuleApiKey")]
    public void Secret_travels_only_as_a_secure_parameter_into_the_vault(string parameter)
    {
        Assert.Equal("securestring", compiled.Main.Parameters[parameter]["type"]!.GetValue<string>());
        Assert.Equal("secureObject", compiled.ModuleTemplate("keyVault").Parameters["secrets"]["type"]!.GetValue<string>());
        Assert.DoesNotContain(api.Parameters.Values, declaration => declaration["type"]?.GetValue<string>().StartsWith("secure", StringComparison.Ordinal) == true);
        // The app's deployment is told which settings are vaulted, never a value: its parameters are in the deployment history.
        Assert.All(
            compiled.Main.Module("api").Deployment.At("properties", "parameters")!.AsObject(),
            argument =>
            {
                Assert.DoesNotContain($"parameters('{parameter}')", argument.Value!.ToJsonString(), StringComparison.Ordinal);
                Assert.DoesNotContain("lambdaVariables('secret').value", argument.Value!.ToJsonString(), StringComparison.Ordinal);
            });
        Assert.All(
            compiled.Main.SelfAndModuleTemplates.SelectMany(template => template.Outputs.Values),
            output => Assert.DoesNotContain($"parameters('{parameter}')", output.ToJsonString(), StringComparison.Ordinal));
    }

    [Fact]
    public void The_admin_jwt_secret_takes_the_backends_secret_whatever_its_length()
    {
        var declaration = compiled.Main.Parameters["adminJwtSecret"];

        Assert.Equal(1, declaration["minLength"]!.GetValue<int>());
        Assert.Contains("warning under 32 bytes", declaration["metadata"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CommerceBackend__Url", "commerceBackendUrl")]
    [InlineData("CommerceBackend__PublishableKey", "commerceBackendPublishableKey")]
    public void A_backend_setting_is_left_out_when_empty(string setting, string parameter)
    {
        Assert.Contains(
            $"if(empty(parameters('{parameter}')), createObject(), createObject('{setting}', parameters('{parameter}')))",
            Settings,
            StringComparison.Ordinal);
        Assert.Equal($"[parameters('{parameter}')]", compiled.Main.Module("api").Argument(parameter));
    }

    [Theory]
    [InlineData("capture", "stripeCapture")]
    [InlineData("automaticPaymentMethods", "stripeAutomaticPaymentMethods")]
    [InlineData("paymentDescription", "stripePaymentDescription")]
    [InlineData("paymentMethodConfiguration", "stripePaymentMethodConfiguration")]
    [InlineData("asyncPaymentMethodTypes", "stripeAsyncPaymentMethodTypes")]
    [InlineData("oxxoExpiresDays", "stripeOxxoExpiresDays")]
    [InlineData("apiBase", "stripeApiBase")]
    public void A_stripe_option_reaches_the_app_from_its_parameter(string option, string parameter)
    {
        var value = compiled.Main.Module("api").Deployment.Text("properties", "parameters", "stripeOptions", "value", option);

        Assert.Contains($"parameters('{parameter}')", value, StringComparison.Ordinal);
        Assert.Contains(option, compiled.ModuleTemplate("api").Definitions["stripeOptionsType"]!["properties"]!.AsObject().Select(property => property.Key));
    }

    [Fact]
    public void The_app_gets_no_cors_setting_because_the_gateway_answers_cors()
    {
        Assert.DoesNotContain("Cors__", Settings, StringComparison.Ordinal);
    }

    [Fact]
    public void No_setting_carries_a_storage_connection_string_or_account_key()
    {
        Assert.Null(ArmExpression.ValueAfterKey(Settings, "AzureWebJobsStorage"));
        Assert.DoesNotContain("AccountKey", Settings, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("listKeys", Settings, StringComparison.OrdinalIgnoreCase);
    }
}
