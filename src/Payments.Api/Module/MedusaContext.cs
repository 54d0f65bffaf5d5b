using System.Globalization;
using System.Text.Json;
using Payments.Domain.Ports;
using Payments.Domain.Providers;
using Payments.Domain.Sessions;

namespace Payments.Api.Module;

/// <summary>
/// The <c>context</c> Medusa's workflows hand its Payment Module (<c>PaymentProviderContext</c>): the customer, as Medusa
/// reads it with its addresses and account holders, and the account holder of the session's provider. Read leniently:
/// a part that is not the shape Medusa writes is left out rather than refused, as Medusa's own module passes it on.
/// </summary>
internal static class MedusaContext
{
    /// <summary>The customer of a context, when it names one.</summary>
    public static Customer? CustomerOf(JsonElement? context) =>
        Object(context, "customer") is { } customer && Text(customer, "id") is { } id
            ? new Customer(
                id,
                Text(customer, "email"),
                Text(customer, "first_name"),
                Text(customer, "last_name"),
                Text(customer, "phone"),
                Text(customer, "company_name"),
                Object(customer, "metadata"),
                customer.TryGetProperty("addresses", out var addresses) && addresses.ValueKind == JsonValueKind.Array ? addresses.Clone() : null)
            : null;

    /// <summary>A session's context: the customer with the account holder Medusa chose; null (<c>{}</c>) without both.</summary>
    public static SessionContext? SessionContextOf(JsonElement? context)
    {
        if (CustomerOf(context) is not { } customer || AccountHolderOf(Object(context, "account_holder")) is not { } holder)
        {
            return null;
        }

        var held = Object(context, "customer") is { } medusaCustomer && medusaCustomer.TryGetProperty("account_holders", out var holders) && holders.ValueKind == JsonValueKind.Array
            ? holders.EnumerateArray().Select(each => AccountHolderOf(each)).OfType<AccountHolder>().ToList()
            : [];
        return new SessionContext(customer, held, holder);
    }

    private static AccountHolder? AccountHolderOf(JsonElement? holder) =>
        holder is { ValueKind: JsonValueKind.Object } json
        && Text(json, "id") is { } id && Text(json, "provider_id") is { } providerId && Text(json, "external_id") is { } externalId
        && Instant(json, "created_at") is { } createdAt && Instant(json, "updated_at") is { } updatedAt
            ? new AccountHolder(id, providerId, externalId, Text(json, "email"), Object(json, "data") ?? EmptyJson.Object, Object(json, "metadata"), createdAt, updatedAt)
            : null;

    private static JsonElement? Object(JsonElement? parent, string name) =>
        parent is { ValueKind: JsonValueKind.Object } json && json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value.Clone()
            : null;

    private static string? Text(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset? Instant(JsonElement parent, string name) =>
        Text(parent, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var instant)
            ? instant
            : null;
}
