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
}
