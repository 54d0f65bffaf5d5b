using System.Globalization;
using System.Text.Json;
using Payments.Benchmarks.Load;

namespace Payments.Benchmarks.Medusa;

/// <summary>Which Payment Module a Medusa runs (<c>scripts/medusa.sh</c>'s <c>MEDUSA_PAYMENT_MODULE</c>).</summary>
internal enum PaymentModule
{
    /// <summary><c>@payments-functions/medusa</c>: its payments are this service's.</summary>
    Plugin,

    /// <summary>Medusa's own <c>@medusajs/payment</c>, with its system provider <c>pp_system_default</c>.</summary>
    Stock,
}

/// <summary>What <c>medusa.sh seed</c> made: the storefront's key, and a region, sales channel and variant to fill carts with.</summary>
internal sealed record MedusaCatalog(string PublishableKey, string RegionId, string SalesChannelId, string VariantId);

/// <summary>
/// A real Medusa 2.21.2 of <c>scripts/medusa.sh</c> (the application of <c>tests/Payments.Tests.Medusa/app</c>), on a
/// loopback port and the checkout's database for its role (<c>MEDUSA_ROLE</c>: never the end-to-end suite's): installed,
/// started with its keys, seeded; stopped on dispose.
/// </summary>
internal sealed class MedusaInstance : IAsyncDisposable
{
    private readonly string repository;
    private readonly Dictionary<string, string> environment;

    private MedusaInstance(string repository, Dictionary<string, string> environment, int port, int processGroupId, string database)
    {
        this.repository = repository;
        this.environment = environment;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        ProcessGroupId = processGroupId;
        Database = database;
    }

    public Uri BaseAddress { get; }

    /// <summary>The server and whatever it started (<c>medusa.sh start</c> runs it in a session of its own).</summary>
    public int ProcessGroupId { get; }

    public string Database { get; }

    /// <summary>Installs what is missing or changed (the first time: PostgreSQL, npm packages, migrations, several minutes).</summary>
    public static Task InstallAsync(string repository, PaymentModule module, string role) =>
        RepositoryScript.RunAsync(repository, "medusa.sh", ["install"], Environment(module, role, port: 0, service: null));

    /// <param name="service">Where the plugin's module calls this service (read when Medusa starts); none for <see cref="PaymentModule.Stock"/>.</param>
    public static async Task<MedusaInstance> StartAsync(string repository, PaymentModule module, string role, int port, Uri? service)
    {
        var environment = Environment(module, role, port, service);
        var database = (await RepositoryScript.RunAsync(repository, "medusa.sh", ["database"], environment)).Trim();
        await RepositoryScript.RunAsync(repository, "medusa.sh", ["start"], environment);
        var pidFile = Path.Combine(repository, ".run-medusa", $"medusa-{port}.pid");
        var instance = new MedusaInstance(repository, environment, port, int.Parse((await File.ReadAllTextAsync(pidFile)).Trim(), CultureInfo.InvariantCulture), database);
        try
        {
            await instance.ScriptAsync("keys");
            return instance;
        }
        catch
        {
            await instance.DisposeAsync();
            throw;
        }
    }

    /// <summary>A region with the providers the Payment Module lists and a product (with the plugin, this service must answer).</summary>
    public async Task<MedusaCatalog> SeedAsync()
    {
        await ScriptAsync("seed");
        var state = JsonElement.Parse(await File.ReadAllTextAsync((await ScriptAsync("state-file")).Trim()));
        string Named(string name) => state.GetProperty(name).GetString()!;
        return new MedusaCatalog(Named("publishableKey"), Named("regionId"), Named("salesChannelId"), Named("variantId"));
    }

    /// <summary>What this service needs beside the plugin's Medusa (<c>medusa.sh service-env</c>), as <c>Section__Key</c> settings.</summary>
    public async Task<IReadOnlyList<KeyValuePair<string, string>>> ServiceSettingsAsync() =>
        [.. (await ScriptAsync("service-env")).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .Select(setting => KeyValuePair.Create(setting[0], setting[1]))];

    public async ValueTask DisposeAsync() => await ScriptAsync("stop");

    private Task<string> ScriptAsync(string action) => RepositoryScript.RunAsync(repository, "medusa.sh", [action], environment);

    private static Dictionary<string, string> Environment(PaymentModule module, string role, int port, Uri? service) => new()
    {
        ["MEDUSA_PAYMENT_MODULE"] = module == PaymentModule.Stock ? "stock" : "plugin",
        ["MEDUSA_ROLE"] = role,
        ["MEDUSA_PORT"] = port.ToString(CultureInfo.InvariantCulture),
        // Medusa's own module calls nothing; an address where nothing listens says so.
        ["PAYMENTS_FUNCTIONS_URL"] = (service ?? new Uri("http://127.0.0.1:9")).ToString().TrimEnd('/'),
    };
}
