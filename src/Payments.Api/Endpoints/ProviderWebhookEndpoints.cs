using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Payments.Api.Errors;
using Payments.Api.Requests;
using Payments.Domain.Configuration;
using Payments.Domain.Providers;
using Payments.Domain.Webhooks;

namespace Payments.Api.Endpoints;

/// <summary>
/// <c>POST /hooks/payment/{provider}</c> (spec §6.14, D6): the raw body bytes go to the provider unparsed, since
/// the signature is computed over them; every answer is <c>text/plain</c>: <c>OK</c> or <c>Webhook Error: &lt;reason&gt;</c>.
/// </summary>
public sealed partial class ProviderWebhookEndpoints(ProviderWebhookProcessor processor, TimeProvider clock, ILogger<ProviderWebhookEndpoints> logger)
{
    private const string TextContentType = "text/plain; charset=utf-8";

    /// <summary>Stripe's events are far smaller; a larger body is refused before it is buffered whole.</summary>
    internal const int MaxBodyBytes = 1024 * 1024;

    /// <param name="cancellationToken">The provider's connection: it only stops the body from being read (see <see cref="RequestDeadline"/>).</param>
    public async Task<IResult> ReceiveAsync(HttpRequest request, string provider, CancellationToken cancellationToken)
    {
        using var deadline = RequestDeadline.Start(clock);
        var bodyRead = false;
        try
        {
            var body = await BoundedBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
            bodyRead = true;
            var headers = request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            await processor.ProcessAsync(provider, new ProviderWebhookRequest(body, headers), deadline.Token);
            return Text(StatusCodes.Status200OK, "OK");
        }
        catch (RequestBodyException unreadable)
        {
            return Text(unreadable.StatusCode, $"Webhook Error: {unreadable.Message}");
        }
        catch (WebhookVerificationException rejected)
        {
            return Text(StatusCodes.Status400BadRequest, $"Webhook Error: {rejected.Message}");
        }
        catch (Exception exception) when (bodyRead || !cancellationToken.IsCancellationRequested)
        {
            // Not recorded as processed: the provider's redelivery is the retry. The status says whose failure it was, as
            // on every other route: 502 the provider's, 503 storage's (with when to come back), 500 ours.
            var mapped = ErrorResponses.FromException(RequestDeadline.Explain(exception, deadline), logger);
            LogProcessingFailed(logger, provider, mapped.StatusCode);
            mapped.WriteRetryAfter(request.HttpContext.Response);
            return Text(mapped.StatusCode, $"Webhook Error: {FailureReason(exception, mapped.StatusCode)}");
        }
    }

    private static string FailureReason(Exception exception, int statusCode) => (exception, statusCode) switch
    {
        (SecretSettingUnusableException, _) => "the service cannot verify it until its configuration is repaired",
        (_, StatusCodes.Status502BadGateway) => "the provider did not answer",
        (_, StatusCodes.Status503ServiceUnavailable) => "storage did not answer",
        _ => "processing failed",
    };

    private static IResult Text(int statusCode, string text) => Results.Text(text, TextContentType, statusCode: statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Processing a webhook of provider {Provider} failed; answered {StatusCode} for a redelivery.")]
    private static partial void LogProcessingFailed(ILogger logger, string provider, int statusCode);
}
