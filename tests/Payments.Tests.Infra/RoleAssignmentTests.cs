namespace Payments.Tests.Infra;

[Collection(CompiledMainTemplateCollection.Name)]
public sealed class RoleAssignmentTests(CompiledMainTemplate compiled)
{
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    private IEnumerable<ArmResource> RoleAssignments =>
        compiled.Main.SelfAndModuleTemplates
            .SelectMany(template => template.Resources)
            .Where(resource => resource.Type == "Microsoft.Authorization/roleAssignments");

    [Fact]
    public void Every_role_assignment_is_named_by_the_guid_of_its_scope_principal_and_role()
    {
        Assert.NotEmpty(RoleAssignments);
        Assert.All(RoleAssignments, assignment =>
        {
            var scope = Unbracketed(assignment.Text("scope"));
            var principal = Unbracketed(assignment.Text("properties", "principalId"));
            const string roleDefinitionPrefix = "subscriptionResourceId('Microsoft.Authorization/roleDefinitions', ";
            var roleDefinition = Unbracketed(assignment.Text("properties", "roleDefinitionId"));
            Assert.StartsWith(roleDefinitionPrefix, roleDefinition, StringComparison.Ordinal);
            var role = roleDefinition[roleDefinitionPrefix.Length..^1];

            Assert.Equal($"[guid({scope}, {principal}, {role})]", assignment.Name);
        });
    }

    [Fact]
    public void Storage_roles_cover_tables_blobs_and_queues_and_metrics_publishing_covers_telemetry()
    {
        var rbac = compiled.ModuleTemplate("apiRoleAssignments");

        var storageRoles = rbac.Variables["storageRoles"]!.AsArray().Select(role => role!["id"]!.GetValue<string>());
        Assert.Equal([StorageTableDataContributor, StorageBlobDataOwner, StorageQueueDataContributor], storageRoles);
        Assert.Equal(MonitoringMetricsPublisher, rbac.Variables["monitoringMetricsPublisherRoleId"]!.GetValue<string>());

        var scopes = rbac.Resources.Where(resource => resource.Type == "Microsoft.Authorization/roleAssignments").ToDictionary(
            resource => resource.Text("properties", "roleDefinitionId"),
            resource => resource.Text("scope"));
        Assert.Equal(
            "[resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName'))]",
            scopes["[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', variables('storageRoles')[copyIndex()].id)]"]);
        Assert.Equal(
            "[resourceId('Microsoft.Insights/components', parameters('applicationInsightsName'))]",
            scopes["[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', variables('monitoringMetricsPublisherRoleId'))]"]);
    }

    [Fact]
    public void The_app_identity_receives_the_roles_as_a_service_principal()
    {
        var module = compiled.Main.Module("apiRoleAssignments");

        Assert.Null(module.Deployment.At("condition"));
        Assert.Contains("'Microsoft.Resources/deployments', 'identity')", module.Argument("principalId"), StringComparison.Ordinal);
        Assert.EndsWith(".outputs.principalId.value]", module.Argument("principalId"), StringComparison.Ordinal);
        Assert.Equal("ServicePrincipal", module.Argument("principalType"));
    }

    [Fact]
    public void The_deploying_principal_receives_the_same_roles_only_when_named()
    {
        var module = compiled.Main.Module("deployerRoleAssignments");

        Assert.Equal("[not(empty(parameters('principalId')))]", module.Deployment.Text("condition"));
        Assert.Equal("[parameters('principalId')]", module.Argument("principalId"));
        Assert.Equal("[parameters('principalType')]", module.Argument("principalType"));
        Assert.Equal(
            compiled.ModuleTemplate("apiRoleAssignments").Resources.Select(resource => resource.Body.ToJsonString()),
            module.Template.Resources.Select(resource => resource.Body.ToJsonString()));
    }

    [Theory]
    [InlineData("api", "apiRoleAssignments")]
    [InlineData("api", "keyVault")]
    [InlineData("gateway", "api")]
    public void A_module_is_deployed_after_the_one_it_needs_at_start_up(string module, string before)
    {
        // The host reaches its storage and resolves its Key Vault references as the identity from its first start, and
        // the gateway reads the host's key.
        var dependsOn = compiled.Main.Module(module).Deployment.At("dependsOn")!.AsArray().Select(dependency => (string)dependency!);

        Assert.Contains(dependsOn, dependency => dependency.EndsWith($"'Microsoft.Resources/deployments', '{before}')]", StringComparison.Ordinal));
    }

    private static string Unbracketed(string expression) =>
        expression.StartsWith('[') && expression.EndsWith(']') ? expression[1..^1] : $"'{expression}'";
}
