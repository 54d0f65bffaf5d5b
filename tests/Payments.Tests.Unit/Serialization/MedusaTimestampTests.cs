using Payments.Api.Serialization;
using static Payments.Tests.Unit.Serialization.Samples;
using static Payments.Tests.Unit.TestData.DomainRecords;

namespace Payments.Tests.Unit.Serialization;

/// <summary>Spec §1.6.</summary>
public sealed class MedusaTimestampTests
{
    [Fact]
    public void Timestamp_is_utc_with_three_fractional_digits_and_z() =>
        Assert.Equal("2026-11-24T11:24:18.236Z", MedusaTimestamp.Format(At("2026-11-24T11:24:18.236Z")));

    [Fact]
    public void Timestamp_with_an_offset_is_converted_to_utc() =>
        Assert.Equal("2026-11-24T10:24:18.236Z", MedusaTimestamp.Format(At("2026-11-24T11:24:18.236+01:00")));

    [Fact]
    public void Whole_second_still_has_three_fractional_digits() =>
        Assert.Equal("2026-01-02T03:04:05.000Z", MedusaTimestamp.Format(At("2026-01-02T03:04:05Z")));

    [Fact]
    public void Sub_millisecond_digits_are_dropped() =>
        Assert.Equal("2026-11-24T11:24:18.236Z", MedusaTimestamp.Format(At("2026-11-24T11:24:18.2369999Z")));

    [Fact]
    public void Written_value_is_the_formatted_string_or_null() =>
        Assert.Equal(
            """["2026-11-24T10:24:18.236Z",null]""",
            Render(writer =>
            {
                writer.WriteStartArray();
                MedusaTimestamp.WriteValue(writer, At("2026-11-24T11:24:18.236+01:00"));
                MedusaTimestamp.WriteValue(writer, null);
                writer.WriteEndArray();
            }));
}
