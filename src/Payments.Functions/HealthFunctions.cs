using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Payments.Api.Secrets;
using Payments.Api.Serialization;

namespace Payments.Functions;

/// <summary>
/// <c>GET /health</c>: the app is running, reachable through the gateway, and every secret setting it reads is usable.
/// A setting that is not (an unresolved Key Vault reference, a required one missing) makes it answer 503 with the
/// settings' names and why, never their values. It makes no storage call, so it stays cheap to poll and cannot be
/// used to spend storage transactions; storage health shows in the dependency telemetry of the real routes.
/// </summary>
public sealed class HealthFunctions(SecretSettingsReport secrets)
{
    private static readonly JsonResponse Healthy = JsonResponse.Ok("""{"status":"ok"}"""u8.ToArray());

    [Function(nameof(Health))]
    public IResult Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FunctionRoutes.Health)] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return secrets.Problems.Count == 0
            ? Healthy
            : new JsonResponse(StatusCodes.Status503ServiceUnavailable, JsonSerializer.SerializeToUtf8Bytes(new { status = "unavailable", unusable_settings = secrets.Problems }));
    }
}
