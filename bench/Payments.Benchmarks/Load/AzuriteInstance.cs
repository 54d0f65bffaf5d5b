using System.Globalization;

namespace Payments.Benchmarks.Load;

/// <summary>A named Azurite of this benchmark's own (<c>scripts/azurite.sh</c>: in memory, a free loopback port), stopped on dispose.</summary>
internal sealed class AzuriteInstance : IAsyncDisposable
{
    private readonly string repository;
    private readonly string name;

    private AzuriteInstance(string repository, string name, string connectionString, int processId)
    {
        this.repository = repository;
        this.name = name;
        ConnectionString = connectionString;
        ProcessId = processId;
    }

    public string ConnectionString { get; }

    /// <summary>Azurite's own process, for its CPU time.</summary>
    public int ProcessId { get; }

    public static async Task<AzuriteInstance> StartAsync(string repository, string name)
    {
        var connection = (await ScriptAsync(repository, "start", name)).Trim();
        var pid = int.Parse(await File.ReadAllTextAsync(Path.Combine(repository, ".azurite", name, "azurite.pid")), CultureInfo.InvariantCulture);
        return new AzuriteInstance(repository, name, connection, pid);
    }

    public async ValueTask DisposeAsync()
    {
        await ScriptAsync(repository, "stop", name);
        Directory.Delete(Path.Combine(repository, ".azurite", name), recursive: true);
    }

    private static Task<string> ScriptAsync(string repository, string action, string name) =>
        RepositoryScript.RunAsync(repository, "azurite.sh", [action, "--name", name]);
}
