using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Payments.Api.Authentication;
using Payments.Api.Errors;
using Payments.Api.Idempotency;
using Payments.Api.Requests;
using Payments.Api.Serialization;
using Payments.Domain.Identifiers;
using Payments.Domain.Ports;

namespace Payments.Api.Endpoints;

/// <summary>
/// Every route runs through here, in the order of spec §1.4: body parsing, authentication, the
/// <c>Idempotency-Key</c> of a POST, body and query validation, then the route's own behaviour. Whatever fails
/// becomes a Medusa error through <see cref="ErrorResponses"/>: a request never hangs and never shows a stack trace.
/// Only reading the body depends on the client staying connected; everything after it runs on the request's own
/// <see cref="RequestDeadline"/>, and a claimed Idempotency-Key is always finished.
/// </summary>
public sealed class RequestPipeline(
    PublishableKeyValidator publishableKeys,
    AdminAuthenticator admins,
    ModuleAuthenticator modules,
    CustomerAuthenticator customers,
    IdempotencyGate idempotency,
    TimeProvider clock,
    ILogger<RequestPipeline> logger)
{
    private static readonly BodySchema NoBody = new();
    private static readonly JsonElement EmptyBody = JsonDocument.Parse("{}").RootElement;

    /// <param name="cancellationToken">The client's connection (or the host's shutdown): it only stops the body from being read.</param>
    public async Task<IResult> RunAsync(
        HttpRequest request,
        RouteContract contract,
        Func<RouteCall, CancellationToken, Task<JsonResponse>> handle,
        CancellationToken cancellationToken)
    {
        using var deadline = RequestDeadline.Start(clock);
        var bodyRead = false;
        IdempotencyClaim? claim = null;
        JsonResponse response;
        try
        {
            var body = contract.Body is null ? EmptyBody : await RequestBodyReader.ReadAsync(request, cancellationToken);
            bodyRead = true;
            string callerId;
            var caller = Caller.Service;
            switch (contract.Authentication)
            {
                case RouteAuthentication.PublishableKey:
                    callerId = await publishableKeys.ValidateAsync(request, deadline.Token);
                    caller = customers.CallerOf(request, callerId);
                    break;
                case RouteAuthentication.Module:
                    callerId = modules.Authenticate(request);
                    break;
                default:
                    callerId = await admins.AuthenticateAsync(request, deadline.Token);
                    break;
            }

            string? intentKey = null;
            if (HttpMethods.IsPost(request.Method))
            {
                var scope = IdempotencyScope(callerId, caller);
                var start = await idempotency.StartAsync(request, scope, body, deadline.Token);
                if (start.Replay is { } replay)
                {
                    return replay;
                }

                claim = start.Claim;
                intentKey = IdempotencyKeyHeader.Read(request) is { } key ? TokenDigest.HexOf($"{scope}\n{key}") : null;
            }

            var validBody = (contract.Body ?? NoBody).Validate(body);
            var validQuery = contract.Query.Validate(QueryParameters.From(request));
            response = await handle(new RouteCall(validBody, validQuery, callerId, caller, intentKey), deadline.Token);
        }
        catch (Exception) when (!bodyRead && cancellationToken.IsCancellationRequested)
        {
            // The client hung up while sending its request: nothing ran, and nobody is left to answer.
            return Results.Empty;
        }
        catch (Exception exception)
        {
            response = ErrorResponses.FromException(RequestDeadline.Explain(exception, deadline), logger);
        }

        if (claim is not null)
        {
            await idempotency.FinishAsync(claim, response);
        }

        return response;
    }

    /// <summary>
    /// The callers an <c>Idempotency-Key</c> is remembered for: the storefront's key, and a logged-in shopper within it,
    /// since their answers hold the shopper's name and e-mail (spec §1.10 names only the key; a guest of the same
    /// storefront must never be replayed a shopper's answer).
    /// </summary>
    private static string IdempotencyScope(string callerId, Caller caller) =>
        caller.Customer is { } customer ? $"{callerId}\n{customer.CustomerId}" : callerId;
}
