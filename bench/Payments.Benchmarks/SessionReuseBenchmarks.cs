using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Payments.Domain.Collections;
using Payments.Domain.Providers;
using Payments.Domain.Sessions;

namespace Payments.Benchmarks;

/// <summary>The reuse test that every session initialisation runs before deciding to write (spec D3).</summary>
[Config(typeof(HotPathConfig))]
public class SessionReuseBenchmarks
{
    private static readonly JsonElement KnownData = JsonElement.Parse("""{"note":"x","cart_total":50}""");

    private readonly PaymentCollection collection = Samples.WithPendingSession(
        JsonElement.Parse("""{"note":"x","cart_total":50,"client_secret":"pi_3Q_secret_abc","id":"pi_3Q"}"""));

    private readonly SessionInitialization withoutData = new(Samples.CollectionId, SystemPaymentProvider.ProviderId, Data: null);
    private readonly SessionInitialization withKnownData = new(Samples.CollectionId, SystemPaymentProvider.ProviderId, KnownData);

    [Benchmark(Baseline = true, Description = "no data")]
    public bool WithoutData() => SessionReusePolicy.CanReuse(collection, withoutData);

    [Benchmark(Description = "data already in the session (2 keys, deep-equal)")]
    public bool WithKnownData() => SessionReusePolicy.CanReuse(collection, withKnownData);
}
