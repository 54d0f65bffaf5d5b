using Payments.Domain.Ports;
using Payments.SeedLoader;
using Payments.Tests.Integration.Infrastructure;

namespace Payments.Tests.Integration.Storage;

/// <summary>The seed-loader command (issue 6): loads a seed file into any account without starting the API.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SeedLoaderCommandTests(AzuriteFixture azurite) : IDisposable
{
    private readonly StorageTestServices tables = new(azurite);
    private readonly StringWriter output = new();
    private readonly StringWriter errors = new();

    public void Dispose()
    {
        tables.Dispose();
        output.Dispose();
        errors.Dispose();
    }

    [Fact]
    public async Task The_demo_seed_is_loaded_into_the_configured_tables()
    {
        var seed = Path.Combine(AzuriteFixture.RepositoryRoot(), "seed", "demo.json");

        var exitCode = await RunAsync(seed, "--PaymentsStorage:ConnectionString", azurite.ConnectionString, "--PaymentsStorage:TablePrefix", tables.TablePrefix);

        Assert.Equal((SeedLoaderCommand.Loaded, ""), (exitCode, errors.ToString()));
        Assert.StartsWith($"Loaded {seed}: 3 API keys, 2 regions, 4 carts, 1 orders,", output.ToString(), StringComparison.Ordinal);
        var region = await tables.Get<IRegionCatalog>().FindAsync("reg_01M86MS8BED8EMEBD97SXGGNCP", Caller.Service, CancellationToken.None);
        Assert.Equal(["pp_system_default"], region!.PaymentProviders);
    }

    [Fact]
    public async Task A_malformed_seed_names_the_bad_record_and_writes_nothing()
    {
        var seed = Path.GetTempFileName();
        await File.WriteAllTextAsync(seed, """{"regions":[{"id":"reg_seedloader","name":"X","currency_code":"usd"}],"carts":[{"id":"cart_x","region_id":"r","currency_code":"usd","total":"50"}]}""");

        var exitCode = await RunAsync(seed, "--PaymentsStorage:ConnectionString", azurite.ConnectionString, "--PaymentsStorage:TablePrefix", tables.TablePrefix);

        Assert.Equal(SeedLoaderCommand.InvalidSeed, exitCode);
        Assert.Equal("carts[0] (cart_x): total must be a number", errors.ToString().Trim());
        Assert.Null(await tables.Get<IRegionCatalog>().FindAsync("reg_seedloader", Caller.Service, CancellationToken.None));
        File.Delete(seed);
    }

    [Theory]
    [InlineData()]
    [InlineData("--PaymentsStorage:ConnectionString", "UseDevelopmentStorage=true")]
    public async Task Without_a_seed_file_the_usage_is_shown(params string[] args)
    {
        Assert.Equal(SeedLoaderCommand.Usage, await RunAsync(args));
        Assert.StartsWith("Usage: dotnet run --project src/Payments.SeedLoader", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_account_the_setting_to_fix_is_named()
    {
        Assert.Equal(SeedLoaderCommand.Usage, await RunAsync("seed/demo.json"));
        Assert.StartsWith("PaymentsStorage: set ConnectionString", errors.ToString(), StringComparison.Ordinal);
    }

    private Task<int> RunAsync(params string[] args) => SeedLoaderCommand.RunAsync(args, output, errors, CancellationToken.None);
}
