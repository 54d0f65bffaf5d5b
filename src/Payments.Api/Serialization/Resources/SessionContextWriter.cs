using System.Text.Json;
using Payments.Domain.Ports;
using Payments.Domain.Sessions;

namespace Payments.Api.Serialization.Resources;

/// <summary>
/// A session's <c>context</c> in Medusa's key order (examples 20 and 21): <c>{}</c> for a guest; for a customer
/// <c>customer</c> (with the <c>account_holders</c> they had) and <c>account_holder</c>.
/// </summary>
internal static class SessionContextWriter
{
    public static void Write(Utf8JsonWriter writer, SessionContext? context)
    {
        writer.WriteStartObject();
        if (context is not null)
        {
            writer.WritePropertyName("customer");
            WriteCustomer(writer, context.Customer, context.CustomerAccountHolders);
            writer.WritePropertyName("account_holder");
            WriteAccountHolder(writer, context.AccountHolder);
        }

        writer.WriteEndObject();
    }

    private static void WriteCustomer(Utf8JsonWriter writer, Customer customer, IReadOnlyList<AccountHolder> accountHolders)
    {
        writer.WriteStartObject();
        writer.WriteString("id", customer.Id);
        writer.WriteString("email", customer.Email);
        writer.WriteString("phone", customer.Phone);
        WriteJson(writer, "metadata", customer.Metadata, WriteNull);
        WriteJson(writer, "addresses", customer.Addresses, WriteEmptyArray);
        writer.WriteString("last_name", customer.LastName);
        writer.WriteString("first_name", customer.FirstName);
        writer.WriteString("company_name", customer.CompanyName);
        writer.WriteStartArray("account_holders");
        foreach (var holder in accountHolders)
        {
            WriteAccountHolder(writer, holder);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteAccountHolder(Utf8JsonWriter writer, AccountHolder holder)
    {
        writer.WriteStartObject();
        writer.WriteString("id", holder.Id);
        writer.WritePropertyName("data");
        holder.Data.WriteTo(writer);
        writer.WriteString("email", holder.Email);
        WriteJson(writer, "metadata", holder.Metadata, WriteNull);
        writer.WritePropertyName("created_at");
        MedusaTimestamp.WriteValue(writer, holder.CreatedAt);
        writer.WriteNull("deleted_at");
        writer.WritePropertyName("updated_at");
        MedusaTimestamp.WriteValue(writer, holder.UpdatedAt);
        writer.WriteString("external_id", holder.ExternalId);
        writer.WriteString("provider_id", holder.ProviderId);
        writer.WriteEndObject();
    }

    private static void WriteJson(Utf8JsonWriter writer, string name, JsonElement? value, Action<Utf8JsonWriter> whenAbsent)
    {
        writer.WritePropertyName(name);
        if (value is { } json)
        {
            json.WriteTo(writer);
        }
        else
        {
            whenAbsent(writer);
        }
    }

    private static void WriteNull(Utf8JsonWriter writer) => writer.WriteNullValue();

    private static void WriteEmptyArray(Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        writer.WriteEndArray();
    }
}
