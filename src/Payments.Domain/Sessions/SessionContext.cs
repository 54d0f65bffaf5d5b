using System.Text.Json;
using Payments.Domain.Ports;

namespace Payments.Domain.Sessions;

/// <summary>
/// A customer's account at a payment provider (Medusa's account holder, <c>acchld_…</c>): one per customer and
/// provider, created through the provider on the customer's first session. <see cref="ExternalId"/> is the
/// provider's id of it (Stripe: the Customer <c>cus_…</c>).
/// </summary>
public sealed record AccountHolder(
    string Id,
    string ProviderId,
    string ExternalId,
    string? Email,
    JsonElement Data,
    JsonElement? Metadata,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>
/// The <c>context</c> of a logged-in customer's session (spec D8, examples 20 and 21): the customer with the account
/// holders they had when the session was initialised, and the holder the session uses. Guests have none (<c>{}</c>).
/// </summary>
public sealed record SessionContext(Customer Customer, IReadOnlyList<AccountHolder> CustomerAccountHolders, AccountHolder AccountHolder);
