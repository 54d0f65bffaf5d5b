using System.Diagnostics;
using System.Globalization;

namespace Payments.Benchmarks.Load;

/// <summary>
/// How fast a published Functions worker starts: <c>dotnet Payments.Functions.dll</c> of a publish folder, timed from
/// the process start to its first line of output. Without the Functions host the worker builds the app and then fails
/// to reach the host's gRPC endpoint (pointed at a loopback port where nothing listens), and that failure is its first
/// line; everything before it is the app's own share of a cold start.
/// </summary>
internal static class WorkerStart
{
    private const string Usage = "usage: worker-start PUBLISH_FOLDER [--runs N]   (a dotnet publish of src/Payments.Functions)";

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = 10;
        if (args.Length is not (1 or 3)
            || (args.Length == 3 && (args[1] != "--runs" || !int.TryParse(args[2], CultureInfo.InvariantCulture, out runs) || runs is < 1 or > 100))
            || !File.Exists(Path.Combine(args[0], "Payments.Functions.dll")))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var folder = args[0];
        var times = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            times.Add((await TimeToFirstLineAsync(folder)).TotalMilliseconds);
        }

        times.Sort();
        var size = new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(file => file.Length);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{Path.GetFullPath(folder)}: {size / 1048576.0:F1} MiB; start to first line over {runs} runs: min {times[0]:F0} ms, median {times[runs / 2]:F0} ms, max {times[^1]:F0} ms; load average {ProcessStats.LoadAverage():F2}"));
        return 0;
    }

    private static async Task<TimeSpan> TimeToFirstLineAsync(string folder)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["PaymentsStorage__ConnectionString"] = "UseDevelopmentStorage=true" },
        };
        foreach (var argument in (string[])["Payments.Functions.dll", "--Functions:Worker:HostEndpoint", $"http://127.0.0.1:{LoopbackPort.Free()}",
            "--Functions:Worker:WorkerId", "start-test", "--Functions:Worker:RequestId", "start-test"])
        {
            start.ArgumentList.Add(argument);
        }

        var firstLine = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = Stopwatch.GetTimestamp();
        using var worker = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        worker.OutputDataReceived += (_, line) => firstLine.TrySetResult(Stopwatch.GetElapsedTime(started));
        worker.ErrorDataReceived += (_, line) => firstLine.TrySetResult(Stopwatch.GetElapsedTime(started));
        worker.BeginOutputReadLine();
        worker.BeginErrorReadLine();
        var elapsed = await firstLine.Task.WaitAsync(TimeSpan.FromSeconds(60));
        if (!worker.HasExited)
        {
            worker.Kill(entireProcessTree: true);
        }

        await worker.WaitForExitAsync();
        return elapsed;
    }
}
