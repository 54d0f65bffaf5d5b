using System.Reflection;

namespace Payments.Tests.Infra;

/// <summary>Paths the build wrote into the test assembly: the repository, the restored Bicep CLI, the functions metadata.</summary>
internal static class BuildMetadata
{
    public static string RepositoryRoot { get; } = Read("RepositoryRoot");

    public static string BicepPath { get; } = Read("BicepPath");

    /// <summary>The functions.metadata the Worker SDK wrote into the build output of Payments.Functions.</summary>
    public static string FunctionsMetadataPath { get; } = Read("FunctionsMetadataPath");

    public static string InfraDirectory => Path.Combine(RepositoryRoot, "infra");

    private static string Read(string key) =>
        typeof(BuildMetadata).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(attribute => attribute.Key == key)?.Value
        ?? throw new InvalidOperationException($"The test assembly carries no '{key}' metadata; build it through its project file.");
}
