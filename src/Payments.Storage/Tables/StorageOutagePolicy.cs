using Azure.Core;
using Azure.Core.Pipeline;
using Payments.Domain.Errors;

namespace Payments.Storage.Tables;

/// <summary>
/// Turns "storage did not answer" into the one failure the API answers 503: a request that failed at the transport
/// (connection refused or reset, the network timeout) or came back 408/5xx after the client's own retries. It sits
/// outside the retry policy, so it sees only the final outcome. The caller's own cancellation is left as it is, and
/// so is every answer the stores handle (404, 409, 412).
/// </summary>
internal sealed class StorageOutagePolicy : HttpPipelinePolicy
{
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            ProcessNext(message, pipeline);
        }
        catch (Exception failure) when (!message.CancellationToken.IsCancellationRequested)
        {
            throw MedusaException.StorageUnavailable(failure);
        }

        ThrowIfUnavailable(message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }
        catch (Exception failure) when (!message.CancellationToken.IsCancellationRequested)
        {
            throw MedusaException.StorageUnavailable(failure);
        }

        ThrowIfUnavailable(message);
    }

    private static void ThrowIfUnavailable(HttpMessage message)
    {
        if (message.HasResponse && message.Response.Status is 408 or >= 500)
        {
            throw MedusaException.StorageUnavailable(
                new Azure.RequestFailedException(message.Response));
        }
    }
}
