namespace Payments.Benchmarks.Load;

/// <summary>The checkout a file belongs to: the nearest folder above it that holds <c>Payments.Functions.sln</c>.</summary>
internal static class RepositoryRoot
{
    public static string Above(string path)
    {
        for (var directory = new DirectoryInfo(path); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Payments.Functions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Payments.Functions.sln above {path}.");
    }

    /// <summary>This benchmark's own checkout.</summary>
    public static string OfBenchmark() => Above(AppContext.BaseDirectory);
}
