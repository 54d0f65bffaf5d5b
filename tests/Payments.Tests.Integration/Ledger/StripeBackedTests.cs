using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Payments.Tests.FakeStripe;
using Payments.Tests.Integration.Http;
using Payments.Tests.Integration.Webhooks;

namespace Payments.Tests.Integration.Ledger;

/// <summary>
/// What the ledger tests run against: a Stripe-backed local host of their own per test (over real HTTP, on the shared
/// Azurite, with a fake Stripe on loopback), on <see cref="Clock"/> when the test class moves time on (the outbox
/// timer's reconciliations and retries).
/// </summary>
public abstract class StripeBackedTests(ApiFixture fixture, bool onFakeClock = false) : IAsyncLifetime
{
    private StripeBackedApi? service;

    /// <summary>The host's clock, when the class runs on a fake one.</summary>
    private protected FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    private protected StripeBackedApi Service => service ?? throw new InvalidOperationException("The host has not started.");

    private protected FakeStripeApi Stripe => Service.Stripe;

    public async Task InitializeAsync() =>
        service = await StripeBackedApi.StartAsync(fixture.TablesConnection, onFakeClock ? services => services.AddSingleton<TimeProvider>(Clock) : null);

    public async Task DisposeAsync()
    {
        if (service is not null)
        {
            await service.DisposeAsync();
        }
    }
}
