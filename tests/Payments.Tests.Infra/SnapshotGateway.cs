using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Payments.LocalHost;

namespace Payments.Tests.Infra;

/// <summary>The API Management gateway of a snapshot, read as API Management would configure itself from it.</summary>
internal sealed partial class SnapshotGateway(Snapshot snapshot)
{
    private const string ApiType = "Microsoft.ApiManagement/service/apis";

    public IReadOnlyList<SnapshotApi> Apis { get; } =
    [
        .. snapshot.OfType(ApiType).Select(api => new SnapshotApi(
            Last((string)api["name"]!),
            (string)api["properties"]!["path"]!,
            api["properties"]!.AsObject(),
            XDocument.Parse((string)snapshot.Single($"{ApiType}/policies", $"/{Last((string)api["name"]!)}/policy")["properties"]!["value"]!))),
    ];

    public XDocument GlobalPolicy { get; } =
        XDocument.Parse((string)snapshot.Single("Microsoft.ApiManagement/service/policies", "/policy")["properties"]!["value"]!);

    /// <summary>Every imported operation: its public path (the API's path and the document's) and its rewrite.</summary>
    public IReadOnlyList<GatewayOperation> Operations =>
    [
        .. from api in Apis
           from path in JsonNode.Parse(api.Document)!["paths"]!.AsObject()
           from operation in path.Value!.AsObject()
           let operationId = (string)operation.Value!["operationId"]!
           select new GatewayOperation(
               operationId,
               operation.Key.ToUpperInvariant(),
               (api.Path.Length == 0 ? string.Empty : "/" + api.Path) + path.Key,
               RewriteOf(api.Name, operationId)),
    ];

    public SnapshotApi Api(string name) => Apis.Single(api => api.Name == name);

    /// <summary>The function route an operation's policy rewrites to (the template without its leading slash).</summary>
    public string RewriteOf(string api, string operationId) =>
        Template(OperationPolicy(api, operationId).Descendants("rewrite-uri").Single(rewrite => rewrite.Parent!.Name != "when"));

    /// <summary>The literal public paths an operation's policy sends elsewhere, each with the function route it rewrites to.</summary>
    public IReadOnlyDictionary<string, string> LiteralRewritesOf(string api, string operationId) =>
        OperationPolicy(api, operationId).Descendants("when").ToDictionary(
            when => LiteralPath().Match((string)when.Attribute("condition")!).Groups["path"].Value,
            when => Template(when.Element("rewrite-uri")!));

    private XDocument OperationPolicy(string api, string operationId) =>
        XDocument.Parse((string)snapshot.Single($"{ApiType}/operations/policies", $"/{api}/{operationId.ToLowerInvariant()}/policy")["properties"]!["value"]!);

    private static string Template(XElement rewrite) => ((string)rewrite.Attribute("template")!).TrimStart('/');

    [GeneratedRegex("Equals\\(\"(?<path>[^\"]+)\"")]
    private static partial Regex LiteralPath();

    private static string Last(string name) => name[(name.LastIndexOf('/') + 1)..];
}

/// <summary>One API of the gateway: its name, path, properties (the imported document among them) and policy.</summary>
internal sealed record SnapshotApi(string Name, string Path, JsonObject Properties, XDocument Policy)
{
    public string Document => (string)Properties["value"]!;

    public XElement? Cors => Policy.Descendants("cors").SingleOrDefault();

    public IReadOnlyList<string> CorsOrigins => [.. Cors?.Descendants("origin").Select(origin => origin.Value) ?? []];
}
