using Microsoft.Extensions.Hosting;
using Payments.Domain.RefundReasons;

namespace Payments.Functions;

/// <summary>Creates Medusa's three default refund reasons when the app starts on an empty store (spec §5.6).</summary>
public sealed class RefundReasonDefaults(RefundReasonCatalog refundReasons) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => refundReasons.EnsureDefaultsAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
