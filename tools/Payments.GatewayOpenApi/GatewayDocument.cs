using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Payments.GatewayOpenApi;

/// <summary>Where the contract and the gateway's rendering of it live, and the rendering's exact text.</summary>
public static class GatewayDocument
{
    public const string ContractPath = "docs/openapi.json";
    public const string RenderingPath = "infra/app/gateway-openapi.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, IndentSize = 2 };

    /// <summary>The text infra/app/gateway-openapi.json must hold for the contract's text.</summary>
    public static string Render(string contractJson) =>
        OpenApi30Rendering.Render(JsonNode.Parse(contractJson)!.AsObject()).ToJsonString(Indented) + "\n";

    /// <summary>Renders the repository's contract into its gateway document; returns the file written.</summary>
    public static string Write(string repositoryRoot)
    {
        var target = Path.Combine(repositoryRoot, RenderingPath);
        File.WriteAllText(target, Render(File.ReadAllText(Path.Combine(repositoryRoot, ContractPath))), new UTF8Encoding(false));
        return target;
    }

    public static string FindRepositoryRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, ContractPath)))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No folder at or above {start} holds {ContractPath}.");
    }
}
