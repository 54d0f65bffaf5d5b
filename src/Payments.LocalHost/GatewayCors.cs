using Microsoft.AspNetCore.Cors.Infrastructure;

namespace Payments.LocalHost;

/// <summary>
/// The gateway's CORS (spec §1.3), one named policy per API with its own origin list, from the configuration keys
/// the gateway is deployed with (<c>Cors:StoreOrigins</c>, <c>Cors:AdminOrigins</c>: comma-separated origins), and
/// the methods the API's operations serve (a preflight advertises nothing else).
/// infra/app/gateway.bicep writes the same methods, exposed headers and preflight lifetime into the API policies.
/// An API without origins has no CORS at all: its preflights match no operation and answer 404, as on the gateway.
/// </summary>
public static class GatewayCors
{
    public const string SectionName = "Cors";
    public const string StoreOriginsKey = "StoreOrigins";
    public const string AdminOriginsKey = "AdminOrigins";

    /// <summary>
    /// The request headers a browser may send: what spec §1.3 and the Medusa JS SDK use. The SDK sets
    /// <c>x-medusa-locale</c> on every request (empty without a locale), so a preflight always asks for it.
    /// </summary>
    public static readonly IReadOnlyList<string> AllowedHeaders = ["accept", "authorization", "content-type", "idempotency-key", "x-medusa-locale", "x-publishable-api-key"];

    /// <summary>Response headers a browser script may read beyond the safelisted ones (the replay marker of spec §1.10).</summary>
    public static readonly IReadOnlyList<string> ExposedHeaders = ["idempotent-replayed"];

    public static readonly TimeSpan PreflightMaxAge = TimeSpan.FromMinutes(10);

    /// <summary>The origins configured under <paramref name="originsKey"/>, trimmed, without empty entries.</summary>
    public static IReadOnlyList<string> Origins(IConfiguration configuration, string originsKey)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return (configuration[$"{SectionName}:{originsKey}"] ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>The methods the API's operations serve, in ordinal order.</summary>
    public static IReadOnlyList<string> MethodsOf(GatewayApi api, IEnumerable<GatewayOperation> operations) =>
        [.. operations.Where(operation => operation.Api == api).Select(operation => operation.Method.ToUpperInvariant()).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>Credentials allowed, <c>Vary: Origin</c> on every grant.</summary>
    public static CorsPolicy Policy(IReadOnlyList<string> origins, IReadOnlyList<string> methods)
    {
        var allowed = new HashSet<string>(origins, StringComparer.OrdinalIgnoreCase);
        return new CorsPolicyBuilder()
            .SetIsOriginAllowed(allowed.Contains)
            .AllowCredentials()
            .WithMethods([.. methods])
            .WithHeaders([.. AllowedHeaders])
            .WithExposedHeaders([.. ExposedHeaders])
            .SetPreflightMaxAge(PreflightMaxAge)
            .Build();
    }
}
