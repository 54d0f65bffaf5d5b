using Payments.Api.Listing;
using Payments.Api.Requests;
using Payments.Api.Serialization;
using Payments.Domain.Collections;
using Payments.Domain.Providers;
using Payments.Domain.RefundReasons;

namespace Payments.Tests.Unit.Listing;

/// <summary>Items to list and a way to run a query string through a list schema, as a route does.</summary>
internal static class ListSamples
{
    public const string T0 = "2026-11-24T11:24:17.000Z";
    public const string T1 = "2026-11-24T11:24:18.000Z";
    public const string T2 = "2026-11-24T11:24:19.000Z";

    /// <summary>Deliberately out of order. pay_B and pay_D share <c>created_at</c>, so <c>id</c> breaks their tie.</summary>
    public static IReadOnlyList<Payment> SamplePayments { get; } =
    [
        Payment("pay_C", T2, "payses_C", "pay_col_Z", "pp_system_default", 10m, capturedAt: "2026-11-24T11:24:21.000Z"),
        Payment("pay_D", T1, "payses_D", "pay_col_Y", "pp_system_default", 20m),
        Payment("pay_A", T0, "payses_A", "pay_col_X", "pp_system_default", 30m, capturedAt: "2026-11-24T11:24:22.000Z", updatedAt: "2026-11-24T11:24:27.000Z"),
        Payment("pay_B", T1, "payses_B", "pay_col_Y", "pp_stripe_stripe", 50m),
    ];

    public static ListPage<T> List<T>(ListSchema<T> schema, IEnumerable<T> items, string query) =>
        schema.Apply(items, schema.Query.Validate(QueryParameters.Parse(query)));

    public static IReadOnlyList<string> PaymentIds(string query) =>
        [.. List(AdminListSchemas.Payments, SamplePayments, query).Items.Select(payment => payment.Id)];

    /// <summary>Expected ids written as a comma-separated list in a test table; empty for none.</summary>
    public static IReadOnlyList<string> Ids(string commaSeparated) =>
        commaSeparated.Length == 0 ? [] : commaSeparated.Split(',');

    public static RefundReason Reason(string id, string label, string code, string? description, string createdAt, string? deletedAt = null) => new()
    {
        Id = id,
        Label = label,
        Code = code,
        Description = description,
        CreatedAt = At(createdAt),
        UpdatedAt = At(createdAt),
        DeletedAt = deletedAt is null ? null : At(deletedAt),
    };

    public static PaymentProviderListing Provider(string id) => new(id, IsEnabled: true);

    public static DateTimeOffset At(string timestamp) => DateTimeOffset.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture);

    private static Payment Payment(
        string id, string createdAt, string sessionId, string collectionId, string providerId, decimal amount,
        string? capturedAt = null, string? updatedAt = null) => new()
    {
        Id = id,
        CurrencyCode = "usd",
        Amount = amount,
        ProviderId = providerId,
        Data = EmptyJson.Object,
        CapturedAt = capturedAt is null ? null : At(capturedAt),
        PaymentCollectionId = collectionId,
        PaymentSessionId = sessionId,
        CreatedAt = At(createdAt),
        UpdatedAt = At(updatedAt ?? createdAt),
    };
}
