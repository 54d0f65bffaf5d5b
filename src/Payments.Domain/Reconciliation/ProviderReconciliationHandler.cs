using Payments.Domain.Outbox;

namespace Payments.Domain.Reconciliation;

/// <summary>Performs the reconciliations the writes recorded, when they fall due.</summary>
public sealed class ProviderReconciliationHandler(ProviderReconciler reconciler) : OutboxHandler<ProviderReconciliation>
{
    protected override Task<OutboxHandled> HandleAsync(string collectionId, ProviderReconciliation message, CancellationToken cancellationToken) =>
        reconciler.ReconcileAsync(collectionId, message.SessionId, cancellationToken);
}
