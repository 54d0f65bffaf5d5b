using System.Diagnostics;
using System.Net;

namespace Payments.Benchmarks.Load;

/// <summary>
/// A build of <c>Payments.LocalHost</c> as a process of its own on a loopback port, against the benchmark's Azurite and
/// tables; its output goes to a log file. Disposing stops it.
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process process;
    private readonly StreamWriter log;

    private HostProcess(Process process, StreamWriter log, Uri baseAddress, TimeSpan startToFirstOk)
    {
        this.process = process;
        this.log = log;
        BaseAddress = baseAddress;
        StartToFirstOk = startToFirstOk;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => process.Id;

    /// <summary>From starting the process to the first 200 of <see cref="HostLaunch.ProbePath"/>.</summary>
    public TimeSpan StartToFirstOk { get; }

    public static async Task<HostProcess> StartAsync(HostLaunch launch)
    {
        var port = launch.Port ?? LoopbackPort.Free();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(launch.Assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])[
            launch.Assembly,
            "--urls", $"http://127.0.0.1:{port}",
            "--PaymentsStorage:ConnectionString", launch.TablesConnection,
            "--PaymentsStorage:TablePrefix", launch.TablePrefix,
            "--AdminAuth:JwtSecret", "load-test-jwt-secret-of-at-least-32-bytes",
            "--Logging:LogLevel:Default", "Warning",
            .. launch.SeedFile is null ? (string[])[] : ["--seed", launch.SeedFile],
            // Last, so that they win over the defaults above (the command line's last value of a key is the one read).
            .. launch.Settings.SelectMany(setting => (string[])[$"--{setting.Key.Replace("__", ":", StringComparison.Ordinal)}", setting.Value])])
        {
            start.ArgumentList.Add(argument);
        }

        var log = new StreamWriter(launch.LogFile, append: true) { AutoFlush = true };
        var started = Stopwatch.GetTimestamp();
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, line) => Write(log, line.Data);
        process.ErrorDataReceived += (_, line) => Write(log, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        return new HostProcess(process, log, baseAddress, await FirstOkAsync(process, baseAddress, launch.ProbePath, started, launch.LogFile));
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        process.Dispose();
        await log.DisposeAsync();
    }

    private static async Task<TimeSpan> FirstOkAsync(Process process, Uri baseAddress, string probePath, long started, string logFile)
    {
        using var client = SessionRoute.NewClient(baseAddress);
        client.Timeout = TimeSpan.FromSeconds(2);
        while (Stopwatch.GetElapsedTime(started) < StartTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with {process.ExitCode} while starting; its log is {logFile}.");
            }

            try
            {
                using var response = await client.GetAsync(probePath);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return Stopwatch.GetElapsedTime(started);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(5);
        }

        throw new TimeoutException($"The host answered no 200 within {StartTimeout.TotalSeconds:F0} s; its log is {logFile}.");
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.WriteLine(line);
            }
        }
    }
}

/// <summary>How to start a <see cref="HostProcess"/>.</summary>
/// <param name="Assembly">The <c>Payments.LocalHost.dll</c> of a Release build.</param>
internal sealed record HostLaunch(string Assembly, string TablesConnection, string TablePrefix, string LogFile)
{
    /// <summary>Loaded by the host before it serves (the local host's <c>--seed</c>).</summary>
    public string? SeedFile { get; init; }

    /// <summary>By default a port free at the start.</summary>
    public int? Port { get; init; }

    /// <summary>More settings, as <c>Section__Key</c> (environment style) or <c>Section:Key</c>; they win over the defaults.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Settings { get; init; } = [];

    /// <summary>The route whose first 200 says the host serves: by default one that reads storage (tables created).</summary>
    public string ProbePath { get; init; } = SessionRoute.ProvidersPath;
}
