using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Payments.Domain.RefundReasons;

namespace Payments.Functions;

/// <summary>Creates Medusa's three default refund reasons when the app starts on an empty store (spec §5.6).</summary>
public sealed partial class RefundReasonDefaults(RefundReasonCatalog refundReasons, ILogger<RefundReasonDefaults> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await refundReasons.EnsureDefaultsAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Storage being briefly unreachable must not keep the whole app from serving; the next start tries again.
            LogDefaultsNotCreated(logger, exception);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not check or create the default refund reasons at start-up.")]
    private static partial void LogDefaultsNotCreated(ILogger logger, Exception exception);
}
