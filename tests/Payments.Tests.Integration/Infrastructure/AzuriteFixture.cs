using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Payments.Tests.Integration.Infrastructure;

/// <summary>The test classes that share one Azurite; each isolates itself with its own table prefix.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}

/// <summary>
/// Azurite's table service for the tests: the one named by <c>PAYMENTS_TEST_TABLES_CONNECTION</c>, or else one
/// started from the repository's node_modules (<c>npm ci</c> at the root installs it) on a free port, stopped
/// when the tests are done.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string ConnectionVariable = "PAYMENTS_TEST_TABLES_CONNECTION";

    // Azurite's well-known development account key (public, not a secret).
    private const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly StringBuilder _output = new();
    private Process? _azurite;
    private DirectoryInfo? _workingDirectory;

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

        var port = FreePort();
        _azurite = StartAzurite(port);
        await WaitUntilListeningAsync(_azurite, port);
        ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevelopmentAccountKey};TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            if (!_azurite.HasExited)
            {
                _azurite.Kill(entireProcessTree: true);
                await _azurite.WaitForExitAsync();
            }

            _azurite.Dispose();
        }

        _workingDirectory?.Delete(recursive: true);
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

    private Process StartAzurite(int port)
    {
        var root = RepositoryRoot();
        var azuriteTable = Path.Combine(root, "node_modules", ".bin", "azurite-table");
        if (!File.Exists(azuriteTable))
        {
            throw new InvalidOperationException(
                $"{azuriteTable} is missing: run `npm ci` in {root}, or set {ConnectionVariable} to a running Azurite's connection string.");
        }

        // Azurite keeps its data in memory; its own working folder keeps any file it might write out of the repository.
        _workingDirectory = Directory.CreateTempSubdirectory("azurite-");
        var start = new ProcessStartInfo(azuriteTable)
        {
            WorkingDirectory = _workingDirectory.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "--inMemoryPersistence", "--disableTelemetry", "--silent",
                     "--tableHost", "127.0.0.1", "--tablePort", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                 })
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Record(line.Data);
        process.ErrorDataReceived += (_, line) => Record(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Record(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilListeningAsync(Process azurite, int port)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (azurite.HasExited)
            {
                throw new InvalidOperationException($"azurite-table exited with code {azurite.ExitCode}: {Output()}");
            }

            using var probe = new TcpClient();
            try
            {
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100));
            }
        }

        throw new InvalidOperationException($"azurite-table did not listen on port {port} within {StartTimeout}: {Output()}");
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
