namespace Payments.Tests.Infra;

[Collection(CompiledMainTemplateCollection.Name)]
public sealed class FunctionAppTests(CompiledMainTemplate compiled)
{
    private const string IdentityResourceId = "resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('identityName'))";

    private readonly ArmTemplate api = compiled.ModuleTemplate("api");

    private ArmResource FunctionApp => api.SingleOfType("Microsoft.Web/sites");

    [Fact]
    public void Runs_dotnet_isolated_10_on_a_linux_flex_consumption_plan()
    {
        var plan = api.SingleOfType("Microsoft.Web/serverfarms");

        Assert.Equal("FC1", plan.Text("sku", "name"));
        Assert.Equal("FlexConsumption", plan.Text("sku", "tier"));
        Assert.True(plan.At("properties", "reserved")!.GetValue<bool>());
        Assert.Equal("functionapp,linux", FunctionApp.Text("kind"));
        Assert.Equal("[resourceId('Microsoft.Web/serverfarms', parameters('planName'))]", FunctionApp.Text("properties", "serverFarmId"));
        Assert.Equal("dotnet-isolated", FunctionApp.Text("properties", "functionAppConfig", "runtime", "name"));
        Assert.Equal("10.0", FunctionApp.Text("properties", "functionAppConfig", "runtime", "version"));
    }

    [Fact]
    public void Runs_as_the_user_assigned_identity_only()
    {
        Assert.Equal("UserAssigned", FunctionApp.Text("identity", "type"));
        var identities = FunctionApp.At("identity", "userAssignedIdentities")!.AsObject();
        Assert.Equal($"[format('{{0}}', {IdentityResourceId})]", Assert.Single(identities).Key);
    }

    [Fact]
    public void Pulls_its_package_from_the_deployment_container_as_the_user_assigned_identity()
    {
        var storage = FunctionApp.At("properties", "functionAppConfig", "deployment", "storage")!;

        Assert.Equal("blobContainer", storage["type"]!.GetValue<string>());
        Assert.Equal("[format('{0}{1}', reference('storageAccount').primaryEndpoints.blob, parameters('deploymentContainerName'))]", storage["value"]!.GetValue<string>());
        Assert.Equal("UserAssignedIdentity", storage["authentication"]!["type"]!.GetValue<string>());
        Assert.Equal($"[{IdentityResourceId}]", storage["authentication"]!["userAssignedIdentityResourceId"]!.GetValue<string>());
    }

    [Fact]
    public void Scales_with_the_instance_memory_and_instance_ceiling_parameters()
    {
        var scale = FunctionApp.At("properties", "functionAppConfig", "scaleAndConcurrency")!;

        Assert.Equal("[parameters('instanceMemoryMB')]", scale["instanceMemoryMB"]!.GetValue<string>());
        Assert.Equal("[parameters('maximumInstanceCount')]", scale["maximumInstanceCount"]!.GetValue<string>());
        Assert.Equal("[parameters('instanceMemoryMB')]", compiled.Main.Module("api").Argument("instanceMemoryMB"));
        Assert.Equal("[parameters('maximumInstanceCount')]", compiled.Main.Module("api").Argument("maximumInstanceCount"));
    }

    [Theory]
    [InlineData("main")]
    [InlineData("api")]
    public void Instance_memory_and_instance_ceiling_accept_only_what_flex_consumption_offers(string template)
    {
        var parameters = (template == "main" ? compiled.Main : api).Parameters;

        var memory = parameters["instanceMemoryMB"]["allowedValues"]!.AsArray().Select(value => value!.GetValue<int>());
        Assert.Equal([512, 2048, 4096], memory);
        Assert.Equal(40, parameters["maximumInstanceCount"]["minValue"]!.GetValue<int>());
        Assert.Equal(1000, parameters["maximumInstanceCount"]["maxValue"]!.GetValue<int>());
    }

    [Fact]
    public void Only_accepts_https_with_tls_1_2_and_no_ftp()
    {
        Assert.True(FunctionApp.At("properties", "httpsOnly")!.GetValue<bool>());
        Assert.Equal("1.2", FunctionApp.Text("properties", "siteConfig", "minTlsVersion"));
        Assert.Equal("Disabled", FunctionApp.Text("properties", "siteConfig", "ftpsState"));
    }

    [Fact]
    public void Basic_publishing_credentials_are_off_for_scm_and_ftp()
    {
        var policies = api.Resources.Where(resource => resource.Type == "Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();

        Assert.Equal(["ftp", "scm"], policies.Select(policy => policy.Name.Split('\'')[^2]).Order(StringComparer.Ordinal));
        Assert.All(policies, policy => Assert.False(policy.At("properties", "allow")!.GetValue<bool>()));
    }
}
