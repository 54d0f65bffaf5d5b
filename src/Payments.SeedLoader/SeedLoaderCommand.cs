using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Payments.Storage;
using Payments.Storage.Seed;

namespace Payments.SeedLoader;

/// <summary>
/// <c>dotnet run --project src/Payments.SeedLoader -c Release -- &lt;seed file&gt; [--PaymentsStorage:… value]</c>: loads
/// the file into the tables of the configured account (a connection string for Azurite, or
/// <c>PaymentsStorage:TableServiceUri</c> reached with Azure.Identity), from the command line or the environment
/// (<c>PaymentsStorage__ConnectionString</c>), the same keys the app reads.
/// </summary>
public static class SeedLoaderCommand
{
    public const int Loaded = 0;
    public const int InvalidSeed = 1;
    public const int Usage = 2;

    private const string UsageText =
        "Usage: dotnet run --project src/Payments.SeedLoader -c Release -- <seed file> " +
        "[--PaymentsStorage:ConnectionString <connection string> | --PaymentsStorage:TableServiceUri <uri> [--PaymentsStorage:ClientId <id>]] " +
        "[--PaymentsStorage:TablePrefix <prefix>]";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        if (args is not [var seedFile, .. var settings] || seedFile.StartsWith('-'))
        {
            await errors.WriteLineAsync(UsageText);
            return Usage;
        }

        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(settings).Build();
        ServiceProvider services;
        try
        {
            services = new ServiceCollection().AddPaymentsTableStorage(configuration).BuildServiceProvider();
        }
        catch (InvalidOperationException misconfigured)
        {
            await errors.WriteLineAsync(misconfigured.Message);
            await errors.WriteLineAsync(UsageText);
            return Usage;
        }

        await using (services)
        {
            try
            {
                var summary = await services.GetRequiredService<SeedFileLoader>().LoadFileAsync(seedFile, cancellationToken);
                await output.WriteLineAsync($"Loaded {seedFile}: {summary}.");
                return Loaded;
            }
            catch (Exception invalid) when (invalid is InvalidDataException or FileNotFoundException or DirectoryNotFoundException)
            {
                await errors.WriteLineAsync(invalid.Message);
                return InvalidSeed;
            }
        }
    }
}
