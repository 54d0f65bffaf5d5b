namespace Payments.Tests.Infra;

[Collection(CompiledMainTemplateCollection.Name)]
public sealed class StorageAccountTests(CompiledMainTemplate compiled)
{
    private readonly ArmTemplate storage = compiled.ModuleTemplate("storage");

    private ArmResource StorageAccount => storage.Resource("storageAccount");

    [Fact]
    public void Shared_key_access_is_disabled()
    {
        Assert.False(StorageAccount.At("properties", "allowSharedKeyAccess")!.GetValue<bool>());
    }

    [Fact]
    public void Only_https_with_tls_1_2_and_no_public_blobs_are_accepted()
    {
        Assert.Equal("TLS1_2", StorageAccount.Text("properties", "minimumTlsVersion"));
        Assert.True(StorageAccount.At("properties", "supportsHttpsTrafficOnly")!.GetValue<bool>());
        Assert.False(StorageAccount.At("properties", "allowBlobPublicAccess")!.GetValue<bool>());
    }

    [Fact]
    public void The_deployment_container_is_the_one_the_function_app_deploys_from()
    {
        var container = storage.SingleOfType("Microsoft.Storage/storageAccounts/blobServices/containers");

        Assert.Equal("[format('{0}/{1}/{2}', parameters('name'), 'default', parameters('deploymentContainerName'))]", container.Name);
        Assert.Equal("None", container.Text("properties", "publicAccess"));
        Assert.Equal(
            compiled.Main.Module("storage").Argument("deploymentContainerName"),
            compiled.Main.Module("api").Argument("deploymentContainerName"));
    }

    [Fact]
    public void The_table_service_is_declared()
    {
        var tableService = storage.SingleOfType("Microsoft.Storage/storageAccounts/tableServices");

        Assert.Equal("[format('{0}/{1}', parameters('name'), 'default')]", tableService.Name);
    }
}
