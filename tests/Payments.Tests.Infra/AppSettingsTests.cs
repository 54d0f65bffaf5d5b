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
    [InlineData("AdminAuth__JwtSecret", "parameters('adminJwtSecret')")]
    [InlineData("Stripe__ApiKey", "parameters('stripeApiKey')")]
    [InlineData("Stripe__WebhookSecret", "parameters('stripeWebhookSecret')")]
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
    [InlineData("Stripe__ApiKey", "stripeApiKey")]
    [InlineData("Stripe__WebhookSecret", "stripeWebhookSecret")]
    public void Stripe_setting_is_left_out_when_its_secret_is_empty(string setting, string parameter)
    {
        Assert.Contains(
            $"if(empty(parameters('{parameter}')), createObject(), createObject('{setting}', parameters('{parameter}')))",
            Settings,
            StringComparison.Ordinal);
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

    [Theory]
    [InlineData("adminJwtSecret")]
    [InlineData("stripeApiKey")]
    [InlineData("stripeWebhookSecret")]
    public void Secret_travels_only_as_a_secure_parameter(string parameter)
    {
        Assert.Equal("securestring", compiled.Main.Parameters[parameter]["type"]!.GetValue<string>());
        Assert.Equal("securestring", api.Parameters[parameter]["type"]!.GetValue<string>());
        Assert.Equal($"[parameters('{parameter}')]", compiled.Main.Module("api").Argument(parameter));
        Assert.All(
            compiled.Main.SelfAndModuleTemplates.SelectMany(template => template.Outputs.Values),
            output => Assert.DoesNotContain($"parameters('{parameter}')", output.ToJsonString(), StringComparison.Ordinal));
    }

    [Fact]
    public void The_admin_jwt_secret_is_long_enough_for_hmac_sha256()
    {
        Assert.Equal(32, compiled.Main.Parameters["adminJwtSecret"]["minLength"]!.GetValue<int>());
    }
}
