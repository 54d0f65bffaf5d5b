using Microsoft.Azure.Functions.Worker;
using Payments.Domain.Releases;

namespace Payments.Functions;

/// <summary>Retries the provider releases that are due (spec §7.5).</summary>
public sealed class ProviderReleaseFunctions(ProviderReleaser releaser)
{
    /// <summary>NCRONTAB with seconds, in UTC (the local host runs it on the same schedule).</summary>
    public const string Schedule = "0 */1 * * * *";

    [Function(nameof(ReleaseProviderPayments))]
    public Task ReleaseProviderPayments([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return releaser.ProcessDueAsync(cancellationToken);
    }
}
