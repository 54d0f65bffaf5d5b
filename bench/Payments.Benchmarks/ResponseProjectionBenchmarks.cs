using System.Text.Encodings.Web;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Payments.Api.Fields;
using Payments.Api.Serialization;
using Payments.Domain.Collections;
using Payments.Domain.RefundReasons;

namespace Payments.Benchmarks;

/// <summary>
/// A response body with the route's default fields, as the routes write it (field list resolved, compiled
/// projection looked up, written into the thread's reused buffer) against the naive way: map to anonymous
/// objects, then <see cref="JsonSerializer"/>. Both produce the same bytes; the setup checks it.
/// </summary>
[Config(typeof(HotPathConfig))]
public class ResponseProjectionBenchmarks
{
    private const string StoreCollection = "store collection";
    private const string AdminPayment = "admin payment";

    private static readonly JsonSerializerOptions NaiveOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly PaymentCollection pending = Samples.WithPendingSession();
    private readonly PaymentCollection completed = Samples.Completed();

    [GlobalSetup]
    public void EnsureBothWaysWriteTheSameBytes()
    {
        EnsureSame(StoreCollection, StoreCollectionNaive(), StoreCollectionProjected());
        EnsureSame(AdminPayment, AdminPaymentNaive(), AdminPaymentProjected());
    }

    [Benchmark(Baseline = true, Description = "naive: anonymous objects + JsonSerializer")]
    [BenchmarkCategory(StoreCollection)]
    public byte[] StoreCollectionNaive() =>
        JsonSerializer.SerializeToUtf8Bytes(new { payment_collection = NaiveShapes.StoreCollection(pending) }, NaiveOptions);

    [Benchmark(Description = "projection: FieldSelection + ResourceWriter")]
    [BenchmarkCategory(StoreCollection)]
    public byte[] StoreCollectionProjected()
    {
        var fields = FieldSelection.Resolve(null, FieldDefaults.StoreCollection);
        return JsonResponseBody.Envelope(
            "payment_collection",
            writer => writer.WritePaymentCollection(pending, fields, Samples.Reasons, ContextViewer.Admin));
    }

    [Benchmark(Baseline = true, Description = "naive: anonymous objects + JsonSerializer")]
    [BenchmarkCategory(AdminPayment)]
    public byte[] AdminPaymentNaive() =>
        JsonSerializer.SerializeToUtf8Bytes(new { payment = NaiveShapes.AdminPayment(completed.Payments[0], Samples.Reasons) }, NaiveOptions);

    [Benchmark(Description = "projection: FieldSelection + ResourceWriter")]
    [BenchmarkCategory(AdminPayment)]
    public byte[] AdminPaymentProjected()
    {
        var fields = FieldSelection.Resolve(null, FieldDefaults.AdminPayment);
        return JsonResponseBody.Envelope(
            "payment",
            writer => writer.WritePayment(completed.Payments[0], completed, fields, Samples.Reasons, ContextViewer.Admin));
    }

    private static void EnsureSame(string body, byte[] naive, byte[] projected)
    {
        if (!naive.AsSpan().SequenceEqual(projected))
        {
            throw new InvalidOperationException(
                $"The naive {body} differs from the projection:\n{System.Text.Encoding.UTF8.GetString(naive)}\n{System.Text.Encoding.UTF8.GetString(projected)}");
        }
    }

    /// <summary>The default-field responses written by hand as anonymous objects, key order included.</summary>
    private static class NaiveShapes
    {
        public static object StoreCollection(PaymentCollection collection) => new
        {
            id = collection.Id,
            currency_code = collection.CurrencyCode,
            amount = collection.Amount,
            payment_sessions = collection.Sessions.Select(session => new
            {
                id = session.Id,
                currency_code = session.CurrencyCode,
                provider_id = session.ProviderId,
                data = session.Data,
                context = new { },
                status = MedusaEnum.WireName(session.Status),
                authorized_at = Timestamp(session.AuthorizedAt),
                payment_collection_id = collection.Id,
                payment = session.PaymentId is { } paymentId ? new { id = paymentId } : null,
                metadata = new { },
                raw_amount = new { value = MedusaNumber.FormatRaw(session.Amount), precision = MedusaNumber.RawPrecision },
                created_at = Timestamp(session.CreatedAt),
                updated_at = Timestamp(session.UpdatedAt),
                deleted_at = (string?)null,
                amount = session.Amount,
            }),
        };

        public static object AdminPayment(Payment payment, IReadOnlyDictionary<string, RefundReason> reasons) => new
        {
            id = payment.Id,
            currency_code = payment.CurrencyCode,
            amount = payment.Amount,
            captured_at = Timestamp(payment.CapturedAt),
            payment_collection_id = payment.PaymentCollectionId,
            payment_session_id = payment.PaymentSessionId,
            captures = payment.Captures
                .OrderBy(capture => capture.CreatedAt).ThenBy(capture => capture.Id, StringComparer.Ordinal)
                .Select(capture => new { id = capture.Id, amount = capture.Amount }),
            refunds = payment.Refunds
                .OrderBy(refund => refund.CreatedAt).ThenBy(refund => refund.Id, StringComparer.Ordinal)
                .Select(refund => new
                {
                    id = refund.Id,
                    amount = refund.Amount,
                    note = refund.Note,
                    payment_id = refund.PaymentId,
                    refund_reason_id = refund.RefundReasonId,
                    refund_reason = refund.RefundReasonId is { } reasonId && reasons.TryGetValue(reasonId, out var reason)
                        ? new { label = reason.Label, code = reason.Code, id = reason.Id }
                        : null,
                }),
        };

        private static string? Timestamp(DateTimeOffset? value) => value is { } timestamp ? MedusaTimestamp.Format(timestamp) : null;
    }
}
