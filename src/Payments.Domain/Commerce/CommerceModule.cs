namespace Payments.Domain.Commerce;

/// <summary>Where a change of a collection was asked for: this service's own routes and jobs, or the commerce backend's module.</summary>
public enum ChangeSource
{
    /// <summary>A public route, a provider webhook, reconciliation.</summary>
    Service,

    /// <summary>A module route: the backend's own workflow called it and does what follows itself.</summary>
    Module,
}

/// <summary>
/// Module mode (docs/module-api.md §6): the commerce backend runs its Payment Module on this service and pushes every cart
/// change to the collection, so carts are not read to keep amounts in step; and it hears, through signed events, what
/// happens here that its own workflows did not cause.
/// </summary>
public sealed record CommerceModule(bool IsEnabled)
{
    /// <summary>Whether a change from <paramref name="source"/> is told to the backend (§5): never what its own module asked for.</summary>
    public bool Announces(ChangeSource source) => IsEnabled && source != ChangeSource.Module;
}
