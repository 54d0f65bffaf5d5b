using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Payments.Api.Authentication;
using Payments.Api.Errors;
using Payments.Api.Idempotency;
using Payments.Api.Requests;
using Payments.Domain.Ports;

namespace Payments.Api.Endpoints;

/// <summary>
/// Every route runs through here, in the order of spec §1.4: body parsing, authentication, the
/// <c>Idempotency-Key</c> of a POST, body and query validation, then the route's own behaviour. Whatever fails
/// becomes a Medusa error through <see cref="ErrorResponses"/>: a request never hangs and never shows a stack trace.
/// </summary>
public sealed class RequestPipeline(
    PublishableKeyValidator publishableKeys,
    AdminAuthenticator admins,
    IdempotencyGate idempotency,
    ILogger<RequestPipeline> logger)
{
    private static readonly BodySchema NoBody = new();
    private static readonly JsonElement EmptyBody = JsonDocument.Parse("{}").RootElement;

    public async Task<IResult> RunAsync(
        HttpRequest request,
        RouteContract contract,
        Func<RouteCall, CancellationToken, Task<JsonResponse>> handle,
        CancellationToken cancellationToken)
    {
        IdempotencyClaim? claim = null;
        JsonResponse? response = null;
        try
        {
            var body = contract.Body is null ? EmptyBody : await RequestBodyReader.ReadAsync(request, cancellationToken);
            var callerId = contract.Authentication == RouteAuthentication.PublishableKey
                ? await publishableKeys.ValidateAsync(request, cancellationToken)
                : await admins.AuthenticateAsync(request, cancellationToken);
            if (HttpMethods.IsPost(request.Method))
            {
                var start = await idempotency.StartAsync(request, callerId, body, cancellationToken);
                if (start.Replay is { } replay)
                {
                    return replay;
                }

                claim = start.Claim;
            }

            var validBody = (contract.Body ?? NoBody).Validate(body);
            var validQuery = contract.Query.Validate(QueryParameters.From(request));
            response = await handle(new RouteCall(validBody, validQuery, callerId), cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            response = ErrorResponses.FromException(exception, logger);
        }
        finally
        {
            if (claim is not null)
            {
                await idempotency.FinishAsync(claim, response);
            }
        }

        return response;
    }
}
