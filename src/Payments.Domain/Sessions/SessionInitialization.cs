using System.Text.Json;
using Payments.Domain.Ports;

namespace Payments.Domain.Sessions;

/// <summary>
/// A request for the one payment session of a collection. <paramref name="Data"/> is the request's
/// <c>data</c> object, if any. <paramref name="AllowReuse"/> is false where a fresh session is required
/// (mark-as-paid).
/// </summary>
public sealed record SessionInitialization(
    string CollectionId,
    string ProviderId,
    JsonElement? Data,
    bool AllowReuse = true)
{
    /// <summary>Whose credentials read the cart and region, and whose customer the session is for (a guest's by default).</summary>
    public Caller Caller { get; init; } = Caller.Service;

    /// <summary>The session's context as the commerce backend's module built it; when null the caller's is read (spec D8).</summary>
    public SessionContext? Context { get; init; }

    /// <summary>The caller checked the provider against the cart's region already (the module: Medusa's workflow did).</summary>
    public bool RegionChecked { get; init; }
}
