using System.Globalization;

namespace Payments.Benchmarks.Load;

/// <param name="HostAssembly">The <c>Payments.LocalHost.dll</c> of a Release build, of this checkout or another.</param>
/// <param name="Label">What the printed table calls the build.</param>
/// <param name="Duration">How long each row drives the endpoint, and as long what it is compared with (the raw loop, Medusa's own route).</param>
/// <param name="MaxRequests">Each row stops after this many requests if its time is not up.</param>
internal sealed record LoadOptions(string HostAssembly, string Label, TimeSpan Duration, int MaxRequests)
{
    /// <param name="mode">The benchmark's mode: <c>load</c>, <c>medusa</c>.</param>
    public static string Usage(string mode) =>
        $"usage: {mode} [--host PATH/Payments.LocalHost.dll] [--label TEXT] [--seconds N] [--max-requests N]\n" +
        "  --host defaults to this checkout's Release build (dotnet run -c Release builds it).";

    public static LoadOptions? Parse(IReadOnlyList<string> args)
    {
        var host = Path.Combine(RepositoryRoot.OfBenchmark(), "src", "Payments.LocalHost", "bin", "Release", "net10.0", "Payments.LocalHost.dll");
        var label = "this checkout";
        var seconds = 10;
        var maxRequests = 50_000;
        for (var index = 0; index < args.Count; index += 2)
        {
            if (index + 1 >= args.Count)
            {
                return null;
            }

            var value = args[index + 1];
            switch (args[index])
            {
                case "--host":
                    host = Path.GetFullPath(value);
                    break;
                case "--label":
                    label = value;
                    break;
                case "--seconds" when int.TryParse(value, CultureInfo.InvariantCulture, out var parsed) && parsed is > 0 and <= 60:
                    seconds = parsed;
                    break;
                case "--max-requests" when int.TryParse(value, CultureInfo.InvariantCulture, out var parsed) && parsed is > 0 and <= 1_000_000:
                    maxRequests = parsed;
                    break;
                default:
                    return null;
            }
        }

        return File.Exists(host) ? new LoadOptions(host, label, TimeSpan.FromSeconds(seconds), maxRequests) : throw new FileNotFoundException($"No local host build at {host}.", host);
    }
}
