using System.Text.Json;
using Payments.Domain.Collections;
using Payments.Domain.RefundReasons;
using Payments.Tests.Unit.TestData;

namespace Payments.Benchmarks;

/// <summary>
/// The spec's golden collection (G14, G72) from the unit tests' shared test data, optionally with the session data
/// a benchmark needs to size a document.
/// </summary>
internal static class Samples
{
    public const string CollectionId = GoldenCollection.CollectionId;

    /// <summary>G14: usd 50, not paid, one pending session.</summary>
    public static PaymentCollection WithPendingSession(JsonElement? sessionData = null) =>
        WithSessionData(GoldenCollection.WithPendingSession(), sessionData);

    /// <summary>Authorized, captured 20 + 30, refunded 10 with a reason and 40 without (G44–G83).</summary>
    public static PaymentCollection Completed(JsonElement? sessionData = null) =>
        WithSessionData(GoldenCollection.Completed(), sessionData);

    public static IReadOnlyDictionary<string, RefundReason> Reasons { get; } =
        new Dictionary<string, RefundReason>(StringComparer.Ordinal) { [GoldenCollection.ReasonId] = GoldenCollection.Damaged() };

    private static PaymentCollection WithSessionData(PaymentCollection collection, JsonElement? sessionData) =>
        sessionData is { } data ? collection with { Sessions = [.. collection.Sessions.Select(session => session with { Data = data })] } : collection;
}
