using System.Reflection;

namespace Payments.Tests.Infra;

/// <summary>Paths the build wrote into the test assembly: the repository and the restored Bicep CLI.</summary>
internal static class BuildMetadata
{
    public static string RepositoryRoot { get; } = Read("RepositoryRoot");

    public static string BicepPath { get; } = Read("BicepPath");

    public static string InfraDirectory => Path.Combine(RepositoryRoot, "infra");

    private static string Read(string key) =>
        typeof(BuildMetadata).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(attribute => attribute.Key == key)?.Value
        ?? throw new InvalidOperationException($"The test assembly carries no '{key}' metadata; build it through its project file.");
}
