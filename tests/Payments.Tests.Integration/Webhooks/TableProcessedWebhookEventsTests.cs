using Payments.Domain.Ports;
using Payments.Tests.Integration.Infrastructure;
using Payments.Tests.Integration.Storage;

namespace Payments.Tests.Integration.Webhooks;

[Collection(AzuriteCollection.Name)]
public sealed class TableProcessedWebhookEventsTests(AzuriteFixture azurite) : IDisposable
{
    private readonly StorageTestServices services = new(azurite);

    private IProcessedWebhookEvents Events => services.Get<IProcessedWebhookEvents>();

    public void Dispose() => services.Dispose();

    [Fact]
    public async Task An_event_is_known_once_recorded_for_its_provider_only()
    {
        await Events.AddAsync("pp_stripe_stripe", "evt_1", services.Clock.GetUtcNow(), CancellationToken.None);

        Assert.True(await Events.ContainsAsync("pp_stripe_stripe", "evt_1", CancellationToken.None));
        Assert.False(await Events.ContainsAsync("pp_stripe_stripe", "evt_2", CancellationToken.None));
        Assert.False(await Events.ContainsAsync("pp_other_other", "evt_1", CancellationToken.None));
    }

    [Fact]
    public async Task Recording_an_event_twice_or_concurrently_is_harmless()
    {
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Events.AddAsync("pp_stripe_stripe", "evt_dup", services.Clock.GetUtcNow(), CancellationToken.None)));

        await Events.AddAsync("pp_stripe_stripe", "evt_dup", services.Clock.GetUtcNow(), CancellationToken.None);

        Assert.True(await Events.ContainsAsync("pp_stripe_stripe", "evt_dup", CancellationToken.None));
    }

    [Theory]
    [InlineData("evt_a/b")]
    [InlineData("evt_a\\b")]
    [InlineData("evt_a#b?c")]
    [InlineData("evt_\u0000\u001f")]
    [InlineData("")]
    public async Task Any_event_id_is_recorded_under_a_key_the_table_can_hold(string eventId)
    {
        await Events.AddAsync("pp_stripe_stripe", eventId, services.Clock.GetUtcNow(), CancellationToken.None);

        Assert.True(await Events.ContainsAsync("pp_stripe_stripe", eventId, CancellationToken.None));
        Assert.False(await Events.ContainsAsync("pp_stripe_stripe", eventId + "x", CancellationToken.None));
    }

    [Fact]
    public async Task A_very_long_event_id_is_recorded_and_told_apart_from_one_differing_in_its_last_character()
    {
        var eventId = "evt_" + new string('x', 100_000);

        await Events.AddAsync("pp_stripe_stripe", eventId + "1", services.Clock.GetUtcNow(), CancellationToken.None);

        Assert.True(await Events.ContainsAsync("pp_stripe_stripe", eventId + "1", CancellationToken.None));
        Assert.False(await Events.ContainsAsync("pp_stripe_stripe", eventId + "2", CancellationToken.None));
    }

    [Fact]
    public async Task Purging_forgets_only_the_events_processed_before_the_cutoff()
    {
        var now = services.Clock.GetUtcNow();
        await Events.AddAsync("pp_stripe_stripe", "evt_old", now.AddDays(-8), CancellationToken.None);
        await Events.AddAsync("pp_stripe_stripe", "evt_recent", now.AddDays(-1), CancellationToken.None);

        var purged = await Events.PurgeProcessedBeforeAsync(now.AddDays(-7), CancellationToken.None);

        Assert.Equal(1, purged);
        Assert.False(await Events.ContainsAsync("pp_stripe_stripe", "evt_old", CancellationToken.None));
        Assert.True(await Events.ContainsAsync("pp_stripe_stripe", "evt_recent", CancellationToken.None));
    }
}
