using System.Diagnostics;
using System.Net;

namespace Payments.Benchmarks.Load;

/// <summary>
/// A build of <c>Payments.LocalHost</c> as a process of its own on a free loopback port, against the benchmark's
/// Azurite and tables; its output goes to a log file. Disposing stops it.
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

    /// <summary>From starting the process to the first 200 of a route that reads storage.</summary>
    public TimeSpan StartToFirstOk { get; }

    /// <param name="seedFile">Loaded by the host before it serves (the local host's <c>--seed</c>).</param>
    public static async Task<HostProcess> StartAsync(string hostAssembly, string tablesConnection, string tablePrefix, string logFile, string? seedFile = null)
    {
        var port = LoopbackPort.Free();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(hostAssembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])[
            hostAssembly,
            "--urls", $"http://127.0.0.1:{port}",
            "--PaymentsStorage:ConnectionString", tablesConnection,
            "--PaymentsStorage:TablePrefix", tablePrefix,
            "--AdminAuth:JwtSecret", "load-test-jwt-secret-of-at-least-32-bytes",
            "--Logging:LogLevel:Default", "Warning",
            .. seedFile is null ? (string[])[] : ["--seed", seedFile]])
        {
            start.ArgumentList.Add(argument);
        }

        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        var started = Stopwatch.GetTimestamp();
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, line) => Write(log, line.Data);
        process.ErrorDataReceived += (_, line) => Write(log, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var host = new HostProcess(process, log, baseAddress, await FirstOkAsync(process, baseAddress, started, logFile));
        return host;
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

    private static async Task<TimeSpan> FirstOkAsync(Process process, Uri baseAddress, long started, string logFile)
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
                using var response = await client.GetAsync(SessionRoute.ProvidersPath);
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
