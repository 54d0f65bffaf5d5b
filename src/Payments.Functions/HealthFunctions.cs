using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Payments.Api.Serialization;

namespace Payments.Functions;

/// <summary>
/// <c>GET /health</c>: the app is running and reachable through the gateway with its function key. It makes no
/// storage call, so it stays cheap to poll and cannot be used to spend storage transactions; storage health shows
/// in the dependency telemetry of the real routes.
/// </summary>
public sealed class HealthFunctions
{
    private static readonly JsonResponse Healthy = JsonResponse.Ok("""{"status":"ok"}"""u8.ToArray());

    [Function(nameof(Health))]
    public IResult Health([HttpTrigger(AuthorizationLevel.Function, "get", Route = FunctionRoutes.Health)] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Healthy;
    }
}
