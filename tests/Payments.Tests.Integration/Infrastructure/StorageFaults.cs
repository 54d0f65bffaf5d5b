using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json.Nodes;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;

namespace Payments.Tests.Integration.Infrastructure;

/// <summary>What storage does to one request the table client sends (each try of the SDK's retries is a request).</summary>
public enum StorageFault
{
    None,

    /// <summary>Answered 503 <c>ServerBusy</c> without reaching storage, as a throttled partition answers.</summary>
    ServerBusy,

    /// <summary>No answer at all until the client gives up (the SDK's network timeout or the caller's cancellation).</summary>
    Stall,

    /// <summary>Storage executes the request, then the connection drops before the answer arrives.</summary>
    LoseResponse,

    /// <summary>Answered 412 as if another writer had changed the entity first, without reaching storage.</summary>
    PreconditionFailed,
}

/// <summary>A table request as a fault rule sees it; the SDK's retries of one call share its <paramref name="ClientRequestId"/>.</summary>
public sealed record TableRequest(string Method, string Path, bool IsConditional, string ClientRequestId)
{
    public bool IsWrite => Method is "PUT" or "MERGE" or "DELETE" || (Method == "POST" && !Path.EndsWith("Tables", StringComparison.Ordinal));

    /// <summary>A request on the collection documents table (point operations and the transactions of that table).</summary>
    public bool IsOnCollections => Path.Contains("paymentcollections", StringComparison.Ordinal) || Path.EndsWith("$batch", StringComparison.Ordinal);

    public bool IsOnIdempotencyKeys => Path.Contains("idempotencykeys", StringComparison.Ordinal);
}

/// <summary>
/// Fault injection at the table client's HTTP pipeline, just before the transport, so that the SDK's own retries and
/// network timeout act on the injected faults exactly as on real ones. A rule picks the fault of each request; the
/// default rule injects nothing.
/// </summary>
public sealed class StorageFaults : HttpPipelinePolicy
{
    private Func<TableRequest, StorageFault> rule = _ => StorageFault.None;
    private int injected;
    private int requests;

    /// <summary>How many requests got a fault.</summary>
    public int Injected => Volatile.Read(ref injected);

    /// <summary>How many requests reached this policy.</summary>
    public int Requests => Volatile.Read(ref requests);

    /// <summary>
    /// Added to every request, half before it is sent and half after storage executed it, as a distant storage
    /// account adds it: a caller that gives up during the second half abandons a write that has landed.
    /// </summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Registers the policy on every Azure client of a host (call from <c>ApiHost.StartAsync</c>'s service configuration).</summary>
    public void AddTo(IServiceCollection services) =>
        services.AddAzureClients(clients => clients.ConfigureDefaults(options => options.AddPolicy(this, HttpPipelinePosition.BeforeTransport)));

    public void Inject(Func<TableRequest, StorageFault> faultOf) => Volatile.Write(ref rule, faultOf);

    public void Heal() => Inject(_ => StorageFault.None);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("The service only uses the table client asynchronously.");

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Interlocked.Increment(ref requests);
        var request = new TableRequest(message.Request.Method.Method, message.Request.Uri.Path, message.Request.Headers.Contains("If-Match"), message.Request.ClientRequestId);
        var fault = Volatile.Read(ref rule)(request);
        if (fault != StorageFault.None)
        {
            Interlocked.Increment(ref injected);
        }

        switch (fault)
        {
            case StorageFault.ServerBusy:
                message.Response = new InjectedResponse(503, "ServerBusy", "The server is busy.", message.Request.ClientRequestId);
                return;
            case StorageFault.PreconditionFailed:
                message.Response = new InjectedResponse(412, "UpdateConditionNotSatisfied", "The update condition specified in the request was not satisfied.", message.Request.ClientRequestId);
                return;
            case StorageFault.Stall:
                await Task.Delay(Timeout.InfiniteTimeSpan, message.CancellationToken).ConfigureAwait(false);
                return;
            case StorageFault.LoseResponse:
                await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
                throw new IOException("Injected fault: the connection dropped before the answer arrived.");
            default:
                await DelayAsync(message).ConfigureAwait(false);
                await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
                await DelayAsync(message).ConfigureAwait(false);
                return;
        }
    }

    private Task DelayAsync(HttpMessage message) =>
        Latency > TimeSpan.Zero ? Task.Delay(Latency / 2, message.CancellationToken) : Task.CompletedTask;

    /// <summary>An error answer of the table service, shaped as Azure.Data.Tables parses it.</summary>
    private sealed class InjectedResponse(int status, string errorCode, string message, string clientRequestId) : Response
    {
        private readonly Dictionary<string, string> headers = new(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = "application/json;odata=minimalmetadata;streaming=true;charset=utf-8",
            ["x-ms-error-code"] = errorCode,
            ["x-ms-request-id"] = Guid.NewGuid().ToString(),
        };

        public override int Status => status;

        // The transport would have classified the answer; the SDK retries only answers classified as errors.
        public override bool IsError => true;

        public override string ReasonPhrase => errorCode;

        public override Stream? ContentStream { get; set; } = new MemoryStream(Encoding.UTF8.GetBytes(new JsonObject
        {
            ["odata.error"] = new JsonObject { ["code"] = errorCode, ["message"] = new JsonObject { ["lang"] = "en-US", ["value"] = message } },
        }.ToJsonString()));

        public override string ClientRequestId { get; set; } = clientRequestId;

        public override void Dispose() => ContentStream?.Dispose();

        protected override bool ContainsHeader(string name) => headers.ContainsKey(name);

        protected override IEnumerable<HttpHeader> EnumerateHeaders() => headers.Select(header => new HttpHeader(header.Key, header.Value));

        protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value) => headers.TryGetValue(name, out value);

        protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
        {
            var found = headers.TryGetValue(name, out var value);
            values = found ? [value!] : null;
            return found;
        }
    }
}
