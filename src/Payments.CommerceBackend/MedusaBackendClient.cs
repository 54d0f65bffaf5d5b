using System.Net;
using System.Text.Json;
using Payments.Domain.Errors;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Payments.CommerceBackend;

/// <summary>
/// GETs on the Medusa backend through the named client <see cref="ClientName"/>, whose resilience handler times out,
/// retries transient failures and breaks the circuit (CommerceBackendRegistration). What cannot be used becomes the
/// 502 <see cref="MedusaErrorType.CommerceBackendUnavailable"/>, with the reason kept as its inner exception for the log.
/// </summary>
internal sealed class MedusaBackendClient(IHttpClientFactory clients)
{
    public const string ClientName = "CommerceBackend";

    /// <param name="route">The route template, for the log (<c>GET /store/carts/{id}</c>): ids never reach it.</param>
    public async Task<BackendAnswer> GetAsync(string route, string pathAndQuery, BackendCredentials credentials, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
            credentials.ApplyTo(request);
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.NotFound or HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized))
            {
                throw new CommerceBackendException($"{route} answered {(int)response.StatusCode}.");
            }

            return new BackendAnswer(response.StatusCode, await ReadJsonAsync(route, response, cancellationToken));
        }
        catch (Exception failure) when (!cancellationToken.IsCancellationRequested && IsBackendFailure(failure))
        {
            throw MedusaException.CommerceBackendUnavailable(failure as CommerceBackendException ?? new CommerceBackendException($"{route} failed: {Describe(failure)}.", failure));
        }
    }

    /// <summary>
    /// The object a GET finds, read from <paramref name="envelope"/> (<c>{"cart": {...}}</c>), or null for a 404. A store
    /// read refused with 400 <c>not_allowed</c> is the caller's 400 with the backend's message.
    /// </summary>
    public async Task<T?> FindAsync<T>(
        string route,
        string pathAndQuery,
        BackendCredentials credentials,
        string envelope,
        Func<JsonElement, T> read,
        CancellationToken cancellationToken)
        where T : class
    {
        var answer = await GetAsync(route, pathAndQuery, credentials, cancellationToken);
        return IsFound(route, answer) ? Parse(route, answer, body => read(MedusaJson.Object(body, envelope))) : null;
    }

    /// <summary>True for 200, false for 404; the backend refusing the key is the caller's 400; anything else fails the read.</summary>
    public static bool IsFound(string route, BackendAnswer answer)
    {
        if (answer.IsKeyRefused(out var message))
        {
            throw MedusaException.NotAllowed(message);
        }

        return answer.Status switch
        {
            HttpStatusCode.OK => true,
            HttpStatusCode.NotFound => false,
            _ => throw Unexpected(route, answer),
        };
    }

    /// <summary>A status the read does not expect here (a 401 for the service's own secret key, a 400 of another kind).</summary>
    public static MedusaException Unexpected(string route, BackendAnswer answer) =>
        MedusaException.CommerceBackendUnavailable(new CommerceBackendException($"{route} answered {(int)answer.Status}."));

    /// <summary>The body of an answer that was read: a JSON object, or the read fails as malformed.</summary>
    public static T Parse<T>(string route, BackendAnswer answer, Func<JsonElement, T> read)
    {
        try
        {
            return read(answer.Body);
        }
        catch (Exception malformed) when (malformed is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw MedusaException.CommerceBackendUnavailable(new CommerceBackendException($"{route} answered {(int)answer.Status} with a body that is not the expected shape.", malformed));
        }
    }

    private static async Task<JsonElement> ReadJsonAsync(string route, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return body.Length == 0 ? default : JsonElement.Parse(body);
        }
        catch (JsonException malformed)
        {
            throw new CommerceBackendException($"{route} answered {(int)response.StatusCode} with a body that is not JSON.", malformed);
        }
    }

    private static bool IsBackendFailure(Exception failure) =>
        failure is CommerceBackendException or HttpRequestException or TimeoutRejectedException or BrokenCircuitException or OperationCanceledException;

    private static string Describe(Exception failure) => failure switch
    {
        TimeoutRejectedException or OperationCanceledException => "timed out",
        BrokenCircuitException => "the circuit is open after repeated failures",
        HttpRequestException { StatusCode: null } => "unreachable",
        _ => failure.GetType().Name,
    };
}
