using System.Text.Json;
using Payments.Domain.Ports;
using Payments.Storage.ReferenceData;

namespace Payments.Storage.Seed;

/// <summary>An API key of a seed file, with the token that only its hash is stored under.</summary>
internal sealed record SeededApiKey(ApiKey Key, string Token);

/// <summary>The content of a seed file (docs/seed-format.md), read and checked whole before anything is written.</summary>
internal sealed record SeedFile(
    IReadOnlyList<SeededApiKey> ApiKeys,
    IReadOnlyList<Region> Regions,
    IReadOnlyList<Cart> Carts,
    IReadOnlyList<Order> Orders,
    IReadOnlyList<Customer> Customers)
{
    private const string ApiKeysSection = "api_keys";
    private const string RegionsSection = "regions";
    private const string CartsSection = "carts";
    private const string OrdersSection = "orders";
    private const string CustomersSection = "customers";

    private static readonly string[] Sections = [ApiKeysSection, RegionsSection, CartsSection, OrdersSection, CustomersSection];
    private static readonly string[] ApiKeyProperties = ["id", "token", "type", "title", "revoked_at", "sales_channel_ids"];
    private static readonly string[] RegionProperties = ["id", "name", "currency_code", "payment_providers"];
    private static readonly string[] CartProperties =
        ["id", "region_id", "currency_code", "total", "sales_channel_id", "customer_id", "email", "completed_at"];
    private static readonly string[] OrderProperties = ["id", "currency_code"];
    private static readonly string[] CustomerProperties =
        ["id", "email", "first_name", "last_name", "phone", "company_name", "metadata", "addresses"];

    public static async Task<SeedFile> ReadAsync(Stream json, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(json, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException malformed)
        {
            throw new InvalidDataException($"The seed file is not valid JSON: {malformed.Message}", malformed);
        }

        using (document)
        {
            return Parse(document.RootElement);
        }
    }

    private static SeedFile Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException("The seed file must be a JSON object.");
        }

        foreach (var section in root.EnumerateObject())
        {
            if (!Sections.Contains(section.Name))
            {
                throw new InvalidDataException($"The seed file has an unknown section {section.Name} (expected {string.Join(", ", Sections)}).");
            }
        }

        return new SeedFile(
            Records(root, ApiKeysSection, ApiKeyProperties, ReadApiKey),
            Records(root, RegionsSection, RegionProperties, ReadRegion),
            Records(root, CartsSection, CartProperties, ReadCart),
            Records(root, OrdersSection, OrderProperties, ReadOrder),
            Records(root, CustomersSection, CustomerProperties, ReadCustomer));
    }

    private static List<T> Records<T>(JsonElement root, string section, string[] properties, Func<SeedRecord, T> read)
    {
        if (!root.TryGetProperty(section, out var records) || records.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (records.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"{section} must be an array.");
        }

        return records.EnumerateArray().Select((record, index) => read(new SeedRecord(section, index, record, properties))).ToList();
    }

    private static SeededApiKey ReadApiKey(SeedRecord record)
    {
        var id = record.String("id");
        var token = record.String("token");
        var type = ApiKeyRow.TryParseType(record.String("type")) ?? throw record.Invalid("type must be \"publishable\" or \"secret\"");
        var key = new ApiKey(id, type, record.String("title"), record.OptionalTimestamp("revoked_at"), record.StringList("sales_channel_ids"));
        return new SeededApiKey(key, token);
    }

    private static Region ReadRegion(SeedRecord record) => new(
        record.Key("id"),
        record.String("name"),
        record.String("currency_code"),
        record.StringList("payment_providers"));

    private static Cart ReadCart(SeedRecord record) => new(
        record.Key("id"),
        record.String("region_id"),
        record.String("currency_code"),
        record.Number("total"),
        record.OptionalString("sales_channel_id"),
        record.OptionalString("customer_id"),
        record.OptionalString("email"),
        record.OptionalTimestamp("completed_at"));

    private static Order ReadOrder(SeedRecord record) => new(record.Key("id"), record.String("currency_code"));

    private static Customer ReadCustomer(SeedRecord record) => new(
        record.Key("id"),
        record.OptionalString("email"),
        record.OptionalString("first_name"),
        record.OptionalString("last_name"),
        record.OptionalString("phone"),
        record.OptionalString("company_name"),
        record.OptionalJson("metadata", JsonValueKind.Object, "an object"),
        record.OptionalJson("addresses", JsonValueKind.Array, "an array of address objects"));
}
