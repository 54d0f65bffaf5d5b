using Payments.Api.Listing;
using Payments.Api.Requests;
using Payments.Api.Serialization;
using Payments.Domain.Collections;
using Payments.Domain.Ports;
using static Payments.Tests.Unit.TestData.DomainRecords;

namespace Payments.Tests.Unit.Listing;

/// <summary>Items to list and a way to run a query string through a list schema, as a route does.</summary>
internal static class ListSamples
{
    public const string T0 = "2026-11-24T11:24:17.000Z";
    public const string T1 = "2026-11-24T11:24:18.000Z";
    public const string T2 = "2026-11-24T11:24:19.000Z";

    /// <summary>
    /// Deliberately out of order, each with its document read. pay_B and pay_D share <c>created_at</c>, so <c>id</c> breaks
    /// their tie.
    /// </summary>
    public static IReadOnlyList<ListedPayment> SamplePayments { get; } =
    [
        Listed(Payment(10m, id: "pay_C", createdAt: At(T2), sessionId: "payses_C", collectionId: "pay_col_Z", capturedAt: At("2026-11-24T11:24:21.000Z"))),
        Listed(Payment(20m, id: "pay_D", createdAt: At(T1), sessionId: "payses_D", collectionId: "pay_col_Y")),
        Listed(Payment(30m, id: "pay_A", createdAt: At(T0), sessionId: "payses_A", collectionId: "pay_col_X", capturedAt: At("2026-11-24T11:24:22.000Z"), updatedAt: At("2026-11-24T11:24:27.000Z"))),
        Listed(Payment(50m, id: "pay_B", createdAt: At(T1), sessionId: "payses_B", collectionId: "pay_col_Y", providerId: "pp_stripe_stripe")),
    ];

    public static ListPage<T> List<T>(ListSchema<T> schema, IEnumerable<T> items, string query) =>
        schema.Apply(items, schema.Query.Validate(QueryParameters.Parse(query)));

    public static IReadOnlyList<string> PaymentIds(string query) =>
        [.. List(AdminListSchemas.Payments, SamplePayments, query).Items.Select(payment => payment.Entry.PaymentId)];

    /// <summary>Expected ids written as a comma-separated list in a test table; empty for none.</summary>
    public static IReadOnlyList<string> Ids(string commaSeparated) =>
        commaSeparated.Length == 0 ? [] : commaSeparated.Split(',');

    /// <summary>A payment as the list sees it once its document was read.</summary>
    public static ListedPayment Listed(Payment payment) =>
        new(PaymentIndexEntry.Of(payment), new PaymentInCollection(Collection(id: payment.PaymentCollectionId, payments: [payment]), payment));

    public static PaymentProviderListing Provider(string id) => new(id, IsEnabled: true);
}
