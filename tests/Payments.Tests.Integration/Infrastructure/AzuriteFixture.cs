namespace Payments.Tests.Integration.Infrastructure;

/// <summary>The test classes that share one Azurite; each isolates itself with its own table prefix.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}

/// <summary>
/// Azurite's table service for the tests: the one named by <c>PAYMENTS_TEST_TABLES_CONNECTION</c>, or else one
/// started from the repository's node_modules on a free port, stopped when the tests are done.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string ConnectionVariable = "PAYMENTS_TEST_TABLES_CONNECTION";

    private AzuriteProcess? azurite;
    private DirectoryInfo? workingDirectory;

    public string ConnectionString { get; private set; } = "";

    /// <summary>A table prefix no other test uses.</summary>
    public static string NewTablePrefix() => "t" + Guid.NewGuid().ToString("N");

    public async Task InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable(ConnectionVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            ConnectionString = configured;
            return;
        }

        // Azurite keeps its data in memory; its own working folder keeps any file it might write out of the repository.
        workingDirectory = Directory.CreateTempSubdirectory("azurite-");
        azurite = await AzuriteProcess.StartAsync(AzuriteProcess.FreePort(), workingDirectory.FullName);
        ConnectionString = azurite.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }

        workingDirectory?.Delete(recursive: true);
    }

    /// <summary>The folder holding Payments.Functions.sln, found by walking up from the test binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Payments.Functions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Payments.Functions.sln above {AppContext.BaseDirectory}.");
    }
}
