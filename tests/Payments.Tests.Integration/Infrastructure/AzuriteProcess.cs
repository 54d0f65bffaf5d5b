using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Payments.Tests.Integration.Infrastructure;

/// <summary>
/// One <c>azurite-table</c> process from the repository's node_modules (<c>npm ci</c> at the root installs it) on a
/// loopback port: in memory, or persisting to a folder (Azurite saves every 5 s, so a kill loses the last seconds).
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    // Azurite's well-known development account key (public, not a secret).
    private const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly StringBuilder output = new();
    private readonly Process process;

    private AzuriteProcess(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => ConnectionStringFor(Port);

    public static string ConnectionStringFor(int port) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevelopmentAccountKey};TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";

    /// <param name="location">The folder Azurite persists to; null keeps everything in memory.</param>
    public static async Task<AzuriteProcess> StartAsync(int port, string workingDirectory, string? location = null)
    {
        var root = AzuriteFixture.RepositoryRoot();
        var azuriteTable = Path.Combine(root, "node_modules", ".bin", "azurite-table");
        if (!File.Exists(azuriteTable))
        {
            throw new InvalidOperationException(
                $"{azuriteTable} is missing: run `npm ci` in {root}, or set {AzuriteFixture.ConnectionVariable} to a running Azurite's connection string.");
        }

        var start = new ProcessStartInfo(azuriteTable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] storage = location is null ? ["--inMemoryPersistence"] : ["--location", location];
        foreach (var argument in (string[])[.. storage, "--disableTelemetry", "--silent", "--tableHost", "127.0.0.1", "--tablePort", port.ToString(CultureInfo.InvariantCulture)])
        {
            start.ArgumentList.Add(argument);
        }

        var azurite = new AzuriteProcess(new Process { StartInfo = start }, port);
        azurite.process.OutputDataReceived += (_, line) => azurite.Record(line.Data);
        azurite.process.ErrorDataReceived += (_, line) => azurite.Record(line.Data);
        azurite.process.Start();
        azurite.process.BeginOutputReadLine();
        azurite.process.BeginErrorReadLine();
        await azurite.WaitUntilListeningAsync();
        return azurite;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Kills the process, as a crash or a pulled plug would stop storage.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private void Record(string? line)
    {
        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"azurite-table exited with code {process.ExitCode}: {Output()}");
            }

            using var probe = new TcpClient();
            try
            {
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100));
            }
        }

        throw new InvalidOperationException($"azurite-table did not listen on port {Port} within {StartTimeout}: {Output()}");
    }

    private string Output()
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
