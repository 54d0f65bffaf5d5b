using System.Text.Json;
using Payments.Domain.Ports;
using Payments.Storage.Collections;

namespace Payments.Tests.Unit.Storage;

public sealed class ProviderReleaseRowTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 11, 24, 18, 236, TimeSpan.Zero);

    [Fact]
    public void A_new_release_lives_in_its_collections_partition_and_is_first_due_at_its_first_attempt_time()
    {
        var release = new ProviderRelease(
            "pay_col_1", "pp_stripe_stripe", "payses_1", JsonDocument.Parse("""{"id":"pi_1"}""").RootElement, ProviderReleaseReason.LostRace, Now, Now.AddMinutes(1));

        var entity = ProviderReleaseRow.ToNewEntity(release);

        Assert.Equal(("pay_col_1", "release|payses_1"), (entity.PartitionKey, entity.RowKey));
        Assert.Equal("lost_race", entity.GetString("reason"));
        var read = ProviderReleaseRow.FromEntity(entity);
        Assert.Equal((0, Now.AddMinutes(1), Now, null, false), (read.Attempts, read.NextAttemptAt, read.Release.RecordedAt, read.LastError, read.IsDead));
        Assert.Equal((release.CollectionId, release.ProviderId, release.SessionId, release.Reason), (read.Release.CollectionId, read.Release.ProviderId, read.Release.SessionId, read.Release.Reason));
        Assert.True(JsonElement.DeepEquals(release.Data, read.Release.Data));
    }

    [Fact]
    public void The_due_filter_selects_live_release_rows_due_by_now_in_every_partition()
    {
        Assert.Equal(
            "RowKey ge 'release|' and RowKey lt 'release}' and next_attempt_at le datetime'2026-11-24T11:24:18.236Z' and dead eq false",
            ProviderReleaseRow.DueFilter(Now));
    }
}
