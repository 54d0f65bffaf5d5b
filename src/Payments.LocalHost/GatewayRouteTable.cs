using System.Text.Json;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;

namespace Payments.LocalHost;

/// <summary>
/// An API of the gateway: the first path segment it owns (none for the root API) and the CORS origin list it
/// answers with. infra/app/gateway.bicep deploys the same APIs.
/// </summary>
public sealed record GatewayApi(string Name, string Path, string? CorsOriginsKey)
{
    public static IReadOnlyList<GatewayApi> All { get; } =
    [
        new("store", "store", GatewayCors.StoreOriginsKey),
        new("admin", "admin", GatewayCors.AdminOriginsKey),
        new("hooks", "hooks", CorsOriginsKey: null),
        new("module", "module", CorsOriginsKey: null),
        new("health", string.Empty, CorsOriginsKey: null),
    ];

    /// <summary>The API a public path belongs to: the one owning its first segment, else the root API.</summary>
    public static GatewayApi Of(PathString path)
    {
        var firstSegment = path.Value?.TrimStart('/').Split('/', 2)[0] ?? string.Empty;
        return All.FirstOrDefault(api => api.Path.Length > 0 && string.Equals(api.Path, firstSegment, StringComparison.OrdinalIgnoreCase))
            ?? All.Single(api => api.Path.Length == 0);
    }
}

/// <summary>One operation of the gateway: a public method and path template, and the function route it forwards to.</summary>
public sealed record GatewayOperation(string OperationId, string Method, string PublicPath, string FunctionRoute)
{
    public GatewayApi Api => GatewayApi.Of(new PathString(PublicPath));
}

/// <summary>
/// The gateway's operations, read from the OpenAPI document the gateway is deployed from (docs/openapi.json):
/// each operation's path and method, its <c>operationId</c> and its <c>x-function-route</c>. A request matches the
/// operation whose template fits, literal segments before parameters, as OpenAPI resolves overlapping paths; it is
/// forwarded to the function route with the path values put in, the query string kept.
/// </summary>
public sealed class GatewayRouteTable
{
    public const string FunctionRouteExtension = "x-function-route";

    private static readonly string[] OperationMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    private readonly IReadOnlyList<(GatewayOperation Operation, TemplateMatcher Matcher)> byPrecedence;

    private GatewayRouteTable(IReadOnlyList<GatewayOperation> operations)
    {
        Operations = operations;
        byPrecedence =
        [
            .. from operation in operations
               let template = TemplateParser.Parse(operation.PublicPath.TrimStart('/'))
               orderby RoutePrecedence.ComputeInbound(template)
               select (operation, new TemplateMatcher(template, new RouteValueDictionary())),
        ];
    }

    public IReadOnlyList<GatewayOperation> Operations { get; }

    public static GatewayRouteTable From(IEnumerable<GatewayOperation> operations) => new([.. operations]);

    public static GatewayRouteTable Load(string openApiDocumentPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(openApiDocumentPath));
        var operations =
            from path in document.RootElement.GetProperty("paths").EnumerateObject()
            from operation in path.Value.EnumerateObject()
            where OperationMethods.Contains(operation.Name)
            select new GatewayOperation(
                operation.Value.GetProperty("operationId").GetString()!,
                operation.Name.ToUpperInvariant(),
                path.Name,
                operation.Value.GetProperty(FunctionRouteExtension).GetString()!);
        return From(operations);
    }

    /// <summary>The operation a request matches and the function path it is rewritten to; null when none matches (404).</summary>
    public GatewayForward? Match(string method, PathString path)
    {
        foreach (var (operation, matcher) in byPrecedence)
        {
            var values = new RouteValueDictionary();
            if (string.Equals(operation.Method, method, StringComparison.OrdinalIgnoreCase) && matcher.TryMatch(path, values))
            {
                return new GatewayForward(operation, Rewrite(operation.FunctionRoute, values));
            }
        }

        return null;
    }

    private static PathString Rewrite(string functionRoute, RouteValueDictionary values)
    {
        var segments = RoutePatternFactory.Parse(functionRoute).PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => Convert.ToString(values[parameter.Name], System.Globalization.CultureInfo.InvariantCulture),
            _ => throw new InvalidOperationException($"Function route '{functionRoute}' has a part the gateway cannot rewrite."),
        })));
        return new PathString("/" + string.Join('/', segments));
    }
}

/// <summary>The operation a request matched and the function path the gateway forwards it to.</summary>
public sealed record GatewayForward(GatewayOperation Operation, PathString FunctionPath);
