using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Payments.Api.Authentication;
using Payments.Api.Errors;
using Payments.Api.Requests;

namespace Payments.Api.Endpoints;

/// <summary>
/// Every route runs through here, in the order of spec §1.4: body parsing, authentication, body and query
/// validation, then the route's own behaviour. Whatever fails becomes a Medusa error through
/// <see cref="ErrorResponses"/>: a request never hangs and never shows a stack trace.
/// </summary>
public sealed class RequestPipeline(
    PublishableKeyValidator publishableKeys,
    AdminAuthenticator admins,
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
        try
        {
            var body = contract.Body is null ? EmptyBody : await RequestBodyReader.ReadAsync(request, cancellationToken);
            var callerId = contract.Authentication == RouteAuthentication.PublishableKey
                ? await publishableKeys.ValidateAsync(request, cancellationToken)
                : await admins.AuthenticateAsync(request, cancellationToken);
            var validBody = (contract.Body ?? NoBody).Validate(body);
            var validQuery = contract.Query.Validate(QueryParameters.From(request));
            return await handle(new RouteCall(validBody, validQuery, callerId), cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            return ErrorResponses.FromException(exception, logger);
        }
    }
}
