using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Payments.Api.Endpoints;

namespace Payments.Api.Cors;

/// <summary>
/// Browser access (spec §1.3): store and admin routes each allow their configured origins, with credentials.
/// Done in the app rather than by the Functions platform, whose one origin list cannot tell store from admin.
/// </summary>
public sealed class CorsPolicy(IOptions<CorsOptions> options)
{
    private const string AllowedMethods = "GET,HEAD,PUT,PATCH,POST,DELETE";
    private const string MinimumAllowedHeaders = "content-type,authorization,x-publishable-api-key,idempotency-key";

    private readonly HashSet<string> storeOrigins = Origins(options.Value.StoreOrigins);
    private readonly HashSet<string> adminOrigins = Origins(options.Value.AdminOrigins);

    /// <summary>Adds the CORS headers to the response when the request comes from an allowed origin.</summary>
    public void Apply(HttpRequest request, RouteAuthentication routeKind)
    {
        if (AllowedOrigin(request, routeKind) is { } origin)
        {
            var headers = request.HttpContext.Response.Headers;
            headers.AccessControlAllowOrigin = origin;
            headers.AccessControlAllowCredentials = "true";
            headers.Vary = "Origin";
        }
    }

    /// <summary>The answer to a preflight <c>OPTIONS</c>: 204, with the CORS grant when the origin is allowed.</summary>
    public IResult Preflight(HttpRequest request, RouteAuthentication routeKind)
    {
        Apply(request, routeKind);
        if (AllowedOrigin(request, routeKind) is not null)
        {
            var headers = request.HttpContext.Response.Headers;
            headers.AccessControlAllowMethods = AllowedMethods;
            var requested = request.Headers.AccessControlRequestHeaders.ToString();
            headers.AccessControlAllowHeaders = requested.Length > 0 ? $"{MinimumAllowedHeaders},{requested}" : MinimumAllowedHeaders;
        }

        return Results.StatusCode(StatusCodes.Status204NoContent);
    }

    private static HashSet<string> Origins(string? list) =>
        new((list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.OrdinalIgnoreCase);

    private string? AllowedOrigin(HttpRequest request, RouteAuthentication routeKind)
    {
        var origin = request.Headers.Origin.ToString();
        var allowed = routeKind == RouteAuthentication.PublishableKey ? storeOrigins : adminOrigins;
        return origin.Length > 0 && allowed.Contains(origin) ? origin : null;
    }
}
