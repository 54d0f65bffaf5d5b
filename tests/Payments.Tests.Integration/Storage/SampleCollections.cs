using System.Text.Json;
using Payments.Domain.Collections;
using Payments.Domain.Outbox;

namespace Payments.Tests.Integration.Storage;

/// <summary>Payment collection documents with every kind of content the store must keep exactly.</summary>
internal static class SampleCollections
{
    private static readonly DateTimeOffset CreatedAt = new(2026, 11, 24, 11, 24, 18, 236, TimeSpan.Zero);

    public static string NewCollectionId() => "pay_col_" + Ulid.NewUlid();

    public static string NewSessionId() => "payses_" + Ulid.NewUlid();

    public static PaymentCollection WithSession(string? collectionId = null, string sessionDataJson = """{"client_secret":"pi_1_secret","amount":5000}""")
    {
        var id = collectionId ?? NewCollectionId();
        var sessionId = NewSessionId();
        var paymentId = "pay_" + Ulid.NewUlid();
        return new PaymentCollection
        {
            Id = id,
            CurrencyCode = "usd",
            Amount = 87.957975m,
            AuthorizedAmount = 50.00m,
            CapturedAmount = 20m,
            RefundedAmount = 0.10m,
            Status = PaymentCollectionStatus.PartiallyCaptured,
            CreatedAt = CreatedAt,
            UpdatedAt = CreatedAt.AddMinutes(3),
            Metadata = Json("""{"note":"ünïcode ✓ 😀","nested":{"list":[1,2.50,"x",null,true]}}"""),
            CartId = "cart_01M86MS9K65CQ5DSH0AYYTBNTQ",
            Sessions =
            [
                new PaymentSession
                {
                    Id = sessionId,
                    CurrencyCode = "usd",
                    Amount = 50.00m,
                    ProviderId = "pp_stripe_stripe",
                    ProviderReference = "pi_1",
                    Data = Json(sessionDataJson),
                    Status = PaymentSessionStatus.PendingAuthorization,
                    PaymentId = paymentId,
                    CreatedAt = CreatedAt,
                    UpdatedAt = CreatedAt,
                },
            ],
            Payments =
            [
                new Payment
                {
                    Id = paymentId,
                    CurrencyCode = "usd",
                    Amount = 50.00m,
                    ProviderId = "pp_stripe_stripe",
                    Data = Json("{}"),
                    CapturedAt = CreatedAt.AddMinutes(2),
                    PaymentCollectionId = id,
                    PaymentSessionId = sessionId,
                    CreatedAt = CreatedAt.AddMinutes(1),
                    UpdatedAt = CreatedAt.AddMinutes(2),
                    Captures = [new Capture { Id = "capt_1", PaymentId = paymentId, Amount = 20m, CreatedBy = "user_1", CreatedAt = CreatedAt, UpdatedAt = CreatedAt }],
                    Refunds = [new Refund { Id = "ref_1", PaymentId = paymentId, Amount = 0.10m, Note = "goodwill", CreatedAt = CreatedAt, UpdatedAt = CreatedAt }],
                },
            ],
        };
    }

    /// <summary>The release of a new session's provider payment, due a minute after the sample's creation.</summary>
    public static ProviderRelease NewRelease(ProviderReleaseReason reason = ProviderReleaseReason.Superseded) =>
        new("pp_stripe_stripe", NewSessionId(), Json("""{"id":"pi_1","client_secret":"pi_1_secret"}"""), reason) { DueAt = CreatedAt.AddMinutes(1) };

    public static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>The document as the API would see it: records holding JSON and lists have no value equality.</summary>
    public static string Canonical(PaymentCollection collection) => JsonSerializer.Serialize(collection);
}
