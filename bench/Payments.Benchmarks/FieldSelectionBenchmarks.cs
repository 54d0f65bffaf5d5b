using BenchmarkDotNet.Attributes;
using Payments.Api.Fields;

namespace Payments.Benchmarks;

/// <summary>Resolving the <c>fields</c> parameter against a route's defaults (spec §4.1), once per request.</summary>
[Config(typeof(HotPathConfig))]
public class FieldSelectionBenchmarks
{
    [Benchmark(Baseline = true, Description = "absent: store collection defaults")]
    public FieldSelection Defaults() => FieldSelection.Resolve(null, FieldDefaults.StoreCollection);

    [Benchmark(Description = "absent: admin payment defaults (14 entries)")]
    public FieldSelection AdminPaymentDefaults() => FieldSelection.Resolve(null, FieldDefaults.AdminPayment);

    [Benchmark(Description = "modify: +status,+authorized_amount,-amount,*payments")]
    public FieldSelection ModifyMode() =>
        FieldSelection.Resolve("+status,+authorized_amount,-amount,*payments", FieldDefaults.StoreCollection);

    [Benchmark(Description = "replace: id,amount,status,payment_sessions.id,payment_sessions.status")]
    public FieldSelection ReplaceMode() =>
        FieldSelection.Resolve("id,amount,status,payment_sessions.id,payment_sessions.status", FieldDefaults.StoreCollection);
}
