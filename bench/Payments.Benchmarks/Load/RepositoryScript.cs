using System.Diagnostics;

namespace Payments.Benchmarks.Load;

/// <summary>A script of the repository (<c>scripts/NAME</c>), run with bash; its error output goes to the benchmark's.</summary>
internal static class RepositoryScript
{
    /// <returns>What the script printed; a failure throws with its end.</returns>
    public static async Task<string> RunAsync(string repository, string script, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(repository, "scripts", script), .. arguments])
        {
            RedirectStandardOutput = true,
            WorkingDirectory = repository,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"scripts/{script} did not start.");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? output
            : throw new InvalidOperationException($"scripts/{script} {string.Join(' ', arguments)} exited with {process.ExitCode}; the end of its output: {output[Math.Max(0, output.Length - 2000)..]}");
    }
}
