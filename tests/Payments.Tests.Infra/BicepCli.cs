using System.Diagnostics;

namespace Payments.Tests.Infra;

/// <summary>One run of the Bicep CLI: what it printed and how long it took.</summary>
internal sealed record BicepRun(int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed)
{
    /// <summary>
    /// Exit code 0 is not enough: type errors in resource properties (BCP036, BCP037) and linter warnings leave it at 0
    /// and only show on stderr.
    /// </summary>
    public bool IsClean => ExitCode == 0 && string.IsNullOrWhiteSpace(StandardError);

    public override string ToString() => $"bicep exited {ExitCode} after {Elapsed.TotalSeconds:0.00} s; stderr:{Environment.NewLine}{StandardError}";
}

/// <summary>The Bicep CLI restored by the test project's PackageDownload.</summary>
internal static class BicepCli
{
    private static readonly Lazy<string> Executable = new(PrepareExecutable);

    public static async Task<BicepRun> RunAsync(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(Executable.Value)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = BuildMetadata.InfraDirectory,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {startInfo.FileName}.");
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        stopwatch.Stop();
        return new BicepRun(process.ExitCode, await standardOutput, await standardError, stopwatch.Elapsed);
    }

    private static string PrepareExecutable()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The test project restores the linux-x64 Bicep CLI.");
        }

        var path = BuildMetadata.BicepPath;
        if (!File.Exists(path))
        {
            throw new FileNotFoundException("The Bicep CLI is missing: restore the test project (it is a PackageDownload).", path);
        }

        // A fresh NuGet extraction does not always keep the execute bit of the binary.
        var mode = File.GetUnixFileMode(path);
        const UnixFileMode executable = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        if ((mode & UnixFileMode.UserExecute) == 0)
        {
            File.SetUnixFileMode(path, mode | executable);
        }

        return path;
    }
}
