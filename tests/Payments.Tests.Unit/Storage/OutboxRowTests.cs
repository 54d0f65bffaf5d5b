using Payments.Domain.Outbox;
using Payments.Domain.Ports;
using Payments.Storage.Outbox;
using static Payments.Tests.Unit.TestData.DomainRecords;

namespace Payments.Tests.Unit.Storage;

/// <summary>Every kind of outbox message reads back from its row as it was written, in the document's partition.</summary>
public sealed class OutboxRowTests
{
    public static TheoryData<OutboxMessage> Messages() =>
    [
        new ProviderRelease("pp_stripe_stripe", "payses_1", Json("""{"id":"pi_1"}"""), ProviderReleaseReason.LatePayment) { Refund = new ProviderRefund(12.5m, "usd"), DueAt = Start },
        new ProviderRelease("pp_system_default", "payses_2", Json("{}"), ProviderReleaseReason.CollectionDeleted) { DueAt = Start },
        new PaymentIndexing(PaymentIndexEntry.Of(Payment())) { DueAt = Start },
        new ProviderReconciliation("payses_1") { DueAt = Start.AddMinutes(2) },
        new CartUnlinking("cart_1") { DueAt = Start },
    ];

    [Theory]
    [MemberData(nameof(Messages))]
    public void A_message_reads_back_as_written_under_its_id(OutboxMessage message)
    {
        var entity = OutboxRow.ToNewEntity("pay_col_1", message);

        var read = OutboxRow.FromEntity(entity);

        Assert.Equal(("pay_col_1", "outbox|" + message.Id), (entity.PartitionKey, entity.RowKey));
        Assert.Equal((0, message.DueAt, false), (read.Attempts, read.NextAttemptAt, read.IsDead));
        Assert.Equal(message.GetType(), read.Message.GetType());
        Assert.Equal(message.Id, read.Message.Id);
        Assert.Equal(message.DueAt, read.Message.DueAt);
    }

    [Fact]
    public void A_release_keeps_its_provider_data_refund_and_reason()
    {
        var release = new ProviderRelease("pp_stripe_stripe", "payses_1", Json("""{"id":"pi_1"}"""), ProviderReleaseReason.LatePayment)
        {
            Refund = new ProviderRefund(12.5m, "usd"),
            DueAt = Start,
        };

        var read = (ProviderRelease)OutboxRow.FromEntity(OutboxRow.ToNewEntity("pay_col_1", release)).Message;

        Assert.Equal((release.ProviderId, release.Reason, release.Refund, release.IdempotencyKey), (read.ProviderId, read.Reason, read.Refund, read.IdempotencyKey));
        Assert.Equal(release.Data.GetRawText(), read.Data.GetRawText());
    }

    [Fact]
    public void The_timers_filter_asks_for_live_outbox_rows_due_now_in_every_partition() =>
        Assert.Equal(
            "RowKey ge 'outbox|' and RowKey lt 'outbox}' and next_attempt_at le datetime'2026-11-24T11:24:17.238Z' and dead eq false",
            OutboxRow.DueFilter(Start));
}
