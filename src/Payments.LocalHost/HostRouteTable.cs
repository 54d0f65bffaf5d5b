using Microsoft.AspNetCore.Routing.Constraints;

namespace Payments.LocalHost;

/// <summary>
/// The HTTP routing of the Azure Functions host (4.x), replayed with the ASP.NET Core types it is built on. At start-up
/// the host refuses every function whose route starts with <c>admin</c> or <c>runtime</c> (its built-in routes) or
/// repeats the route and a method of a function before it; it serves the others. It orders the functions by name,
/// maps each as one legacy <see cref="Route"/> (its template under the route prefix, its methods as an
/// <see cref="HttpMethodRouteConstraint"/>) into one <see cref="RouteCollection"/>, and the first route that matches
/// a request wins: unlike endpoint routing, a literal segment does not beat a parameter.
/// </summary>
public sealed class HostRouteTable
{
    /// <summary>The data token the host's routes carry the function name in.</summary>
    public const string FunctionNameToken = "MS_AzureWebJobs_FunctionName";

    private const string ReservedRouteMessage = "The specified route conflicts with one or more built in routes.";
    private static readonly string[] ReservedPrefixes = ["admin", "runtime"];

    private HostRouteTable(IReadOnlyList<HttpFunctionRoute> served, IReadOnlyList<RefusedFunction> refused)
    {
        Served = served;
        Refused = refused;
    }

    /// <summary>The functions the host serves, in the order it tries their routes.</summary>
    public IReadOnlyList<HttpFunctionRoute> Served { get; }

    /// <summary>The functions the host refuses at start-up, with its reason; it answers 404 on their routes.</summary>
    public IReadOnlyList<RefusedFunction> Refused { get; }

    public static HostRouteTable Create(IEnumerable<HttpFunctionRoute> functions)
    {
        var served = new List<HttpFunctionRoute>();
        var refused = new List<RefusedFunction>();
        foreach (var function in functions.OrderBy(function => function.Name, StringComparer.OrdinalIgnoreCase))
        {
            var withRoute = string.IsNullOrWhiteSpace(function.Route) ? function with { Route = function.Name } : function;
            if (ReasonToRefuse(withRoute, served) is { } reason)
            {
                refused.Add(new RefusedFunction(withRoute.Name, withRoute.Route!, reason));
            }
            else
            {
                served.Add(withRoute);
            }
        }

        return new HostRouteTable(served, refused);
    }

    /// <summary>
    /// The host's router over <see cref="Served"/>: each route under <paramref name="routePrefix"/> (host.json
    /// <c>extensions.http.routePrefix</c>), carrying the function name in <see cref="FunctionNameToken"/>.
    /// </summary>
    public IRouter BuildRouter(string routePrefix, IInlineConstraintResolver constraintResolver, Func<HttpFunctionRoute, RequestDelegate> handlerOf)
    {
        ArgumentNullException.ThrowIfNull(handlerOf);
        var routes = new RouteCollection();
        foreach (var function in Served)
        {
            var constraints = new Dictionary<string, object>();
            if (function.Methods is not null)
            {
                constraints.Add("httpMethod", new HttpMethodRouteConstraint([.. function.Methods]));
            }

            routes.Add(new Route(
                new RouteHandler(handlerOf(function)),
                function.Name,
                string.IsNullOrEmpty(routePrefix) ? function.Route : $"{routePrefix}/{function.Route}",
                defaults: new RouteValueDictionary(),
                constraints,
                dataTokens: new RouteValueDictionary { [FunctionNameToken] = function.Name },
                constraintResolver));
        }

        return routes;
    }

    private static string? ReasonToRefuse(HttpFunctionRoute function, IEnumerable<HttpFunctionRoute> servedBefore)
    {
        var route = function.Route!.Trim('/').ToLowerInvariant();
        if (ReservedPrefixes.Any(prefix => route.StartsWith(prefix, StringComparison.Ordinal)))
        {
            return ReservedRouteMessage;
        }

        if (servedBefore.FirstOrDefault(other => RoutesConflict(function, other)) is { } conflicting)
        {
            return $"The route specified conflicts with the route defined by function '{conflicting.Name}'.";
        }

        return servedBefore.Any(other => string.Equals(other.Name, function.Name, StringComparison.Ordinal))
            ? $"The function or proxy name '{function.Name}' must be unique within the function app."
            : null;
    }

    /// <summary>The same template (ignoring case and outer slashes) with a method in common; no methods means all.</summary>
    private static bool RoutesConflict(HttpFunctionRoute function, HttpFunctionRoute other) =>
        string.Equals(function.Route!.Trim('/'), other.Route!.Trim('/'), StringComparison.OrdinalIgnoreCase)
        && (function.Methods is not { Count: > 0 } || other.Methods is not { Count: > 0 }
            || function.Methods.Intersect(other.Methods, StringComparer.OrdinalIgnoreCase).Any());
}

/// <summary>A function the host does not serve, and the error it reports for it.</summary>
public sealed record RefusedFunction(string Name, string Route, string Reason)
{
    public override string ToString() => $"{Name} (route '{Route}'): {Reason}";
}
