using System.Text.Json.Nodes;

namespace Payments.Tests.Infra;

/// <summary>A compiled ARM template, read the same way whether Bicep emitted resources as an array or by symbolic name.</summary>
internal sealed class ArmTemplate(JsonObject root)
{
    public static ArmTemplate Parse(string json) =>
        new(JsonNode.Parse(json)?.AsObject() ?? throw new ArgumentException("The template is not a JSON object.", nameof(json)));

    public IReadOnlyDictionary<string, JsonObject> Parameters => Section("parameters");

    public IReadOnlyDictionary<string, JsonObject> Outputs => Section("outputs");

    public JsonObject Variables => root["variables"]?.AsObject() ?? [];

    /// <summary>The user-defined types (Bicep <c>type</c>, imported or declared), by name.</summary>
    public JsonObject Definitions => root["definitions"]?.AsObject() ?? [];

    /// <summary>Every resource; <see cref="ArmResource.Symbol"/> is set where the template names resources symbolically.</summary>
    public IEnumerable<ArmResource> Resources => root["resources"] switch
    {
        JsonArray array => array.Select(resource => new ArmResource(null, resource!.AsObject())),
        JsonObject symbolic => symbolic.Select(pair => new ArmResource(pair.Key, pair.Value!.AsObject())),
        _ => [],
    };

    /// <summary>This template and the templates of its modules, depth first.</summary>
    public IEnumerable<ArmTemplate> SelfAndModuleTemplates =>
        Modules.SelectMany(module => module.Template.SelfAndModuleTemplates).Prepend(this);

    private IEnumerable<ArmModule> Modules =>
        Resources.Where(resource => resource.Type == "Microsoft.Resources/deployments").Select(resource => new ArmModule(resource));

    public ArmModule Module(string deploymentName) =>
        Modules.Single(module => module.Deployment.Name == deploymentName);

    public ArmResource Resource(string symbol) =>
        Resources.Single(resource => resource.Symbol == symbol);

    public ArmResource SingleOfType(string type) =>
        Resources.Single(resource => resource.Type == type);

    private Dictionary<string, JsonObject> Section(string name) =>
        (root[name]?.AsObject() ?? []).ToDictionary(pair => pair.Key, pair => pair.Value!.AsObject());
}

/// <summary>A resource of a compiled template.</summary>
internal sealed record ArmResource(string? Symbol, JsonObject Body)
{
    public string Type => Text("type");

    public string Name => Text("name");

    public bool IsExisting => Body["existing"]?.GetValue<bool>() ?? false;

    /// <summary>The node at a path of property names, or null where the path ends early.</summary>
    public JsonNode? At(params string[] path) =>
        path.Aggregate<string, JsonNode?>(Body, (node, property) => node?[property]);

    public string Text(params string[] path) =>
        At(path)?.GetValue<string>() ?? throw new KeyNotFoundException($"{Symbol ?? Type} has no '{string.Join('.', path)}'.");
}

/// <summary>A module: the nested deployment, the values it passes and the template it deploys.</summary>
internal sealed record ArmModule(ArmResource Deployment)
{
    public ArmTemplate Template => new(Deployment.At("properties", "template")!.AsObject());

    /// <summary>The expression passed for one parameter of the module.</summary>
    public string Argument(string parameter) => Deployment.Text("properties", "parameters", parameter, "value");
}
