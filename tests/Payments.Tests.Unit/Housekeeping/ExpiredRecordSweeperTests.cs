using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Payments.Api.Housekeeping;
using Payments.Domain.Ports;
using static Payments.Tests.Unit.TestData.DomainRecords;

namespace Payments.Tests.Unit.Housekeeping;

public sealed class ExpiredRecordSweeperTests
{
    [Fact]
    public async Task Idempotency_records_go_after_24_hours_and_processed_events_after_a_week()
    {
        var idempotency = Substitute.For<IIdempotencyRecords>();
        var events = Substitute.For<IProcessedWebhookEvents>();
        var clock = new FakeTimeProvider(Start);

        await new ExpiredRecordSweeper(idempotency, events, clock, NullLogger<ExpiredRecordSweeper>.Instance).SweepAsync(CancellationToken.None);

        await idempotency.Received(1).PurgeStartedBeforeAsync(Start.AddHours(-24), Arg.Any<CancellationToken>());
        await events.Received(1).PurgeProcessedBeforeAsync(Start.AddDays(-7), Arg.Any<CancellationToken>());
    }
}
