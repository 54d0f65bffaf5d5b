using System.Text.Json.Nodes;

namespace Payments.Tests.Infra;

/// <summary>
/// infra/main.bicep deployed on paper: <c>bicep snapshot</c> runs the template through Bicep's deployment engine with
/// a parameters file and predicts every resource with its expressions evaluated (loops, modules, lambdas, the
/// loaded files); only values that exist at deployment time (reference, listKeys) stay expressions. One snapshot per
/// gateway tier: the tier decides the limit policies.
/// </summary>
public sealed class DeploymentSnapshot : IAsyncLifetime
{
    public const string StoreOrigins = "https://shop.example.com, http://localhost:8000";
    public const string AdminOrigins = "https://admin.example.com";
    public const string TrustedStorefrontAddresses = "203.0.113.10, 203.0.113.11";
    public const string StripePaymentMethodConfiguration = "pmc_1Snapshot";
    public const string CommerceBackendUrl = "https://shop.example.com";
    public const string GatewayKey = "snapshot-gateway-key-0123456789abcdef0123456789";

    internal IReadOnlyDictionary<string, Snapshot> ByTier { get; private set; } = null!;

    internal Snapshot Consumption => ByTier["Consumption"];

    internal Snapshot BasicV2 => ByTier["BasicV2"];

    public async Task InitializeAsync()
    {
        var snapshots = new Dictionary<string, Snapshot>();
        foreach (var tier in new[] { "Consumption", "BasicV2" })
        {
            snapshots[tier] = await TakeAsync(tier);
        }

        ByTier = snapshots;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<Snapshot> TakeAsync(string tier)
    {
        var directory = Directory.CreateTempSubdirectory("bicep-snapshot-");
        try
        {
            var main = Path.GetRelativePath(directory.FullName, Path.Combine(BuildMetadata.InfraDirectory, "main.bicep")).Replace('\\', '/');
            var parameters = Path.Combine(directory.FullName, "main.bicepparam");
            await File.WriteAllTextAsync(parameters, $"""
                using '{main}'
                param environmentName = 'snapshot'
                param location = 'swedencentral'
                param adminJwtSecret = 'snapshot-admin-jwt-secret-0123456789abcdef'
                param gatewayKey = '{GatewayKey}'
                param apiManagementPublisherEmail = 'operations@example.com'
                param apiManagementSku = '{tier}'
                param storeCorsOrigins = '{StoreOrigins}'
                param trustedStorefrontAddresses = '{TrustedStorefrontAddresses}'
                param adminCorsOrigins = '{AdminOrigins}'
                param stripeApiKey = 'sk_test_snapshot'
                param stripeCapture = true
                param stripePaymentMethodConfiguration = '{StripePaymentMethodConfiguration}'
                param stripeOxxoExpiresDays = 5
                param commerceBackendUrl = '{CommerceBackendUrl}'
                param commerceBackendSecretKey = 'sk_snapshot_backend'
                """);
            var run = await BicepCli.RunAsync(
                "snapshot", parameters, "--mode", "overwrite",
                "--subscription-id", "00000000-0000-0000-0000-000000000001",
                "--tenant-id", "00000000-0000-0000-0000-000000000002",
                "--location", "swedencentral");
            var output = Path.Combine(directory.FullName, "main.snapshot.json");
            if (run.ExitCode != 0 || !File.Exists(output))
            {
                throw new InvalidOperationException($"bicep snapshot failed for tier {tier}. {run}");
            }

            return new Snapshot(JsonNode.Parse(await File.ReadAllTextAsync(output))!.AsObject(), run);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}

/// <summary>The resources and outputs a snapshot predicts.</summary>
internal sealed record Snapshot(JsonObject Root, BicepRun Run)
{
    public IEnumerable<JsonObject> Resources => Root["predictedResources"]!.AsArray().Select(resource => resource!.AsObject());

    public JsonArray Diagnostics => Root["diagnostics"]!.AsArray();

    public JsonObject Outputs => Root["outputs"]!.AsObject();

    public IEnumerable<JsonObject> OfType(string type) => Resources.Where(resource => (string?)resource["type"] == type);

    public JsonObject Single(string type, string nameEndsWith) =>
        OfType(type).Single(resource => ((string)resource["name"]!).EndsWith(nameEndsWith, StringComparison.Ordinal));
}

[CollectionDefinition(Name)]
public sealed class DeploymentSnapshotCollection : ICollectionFixture<DeploymentSnapshot>
{
    public const string Name = "Snapshot of main.bicep";
}
