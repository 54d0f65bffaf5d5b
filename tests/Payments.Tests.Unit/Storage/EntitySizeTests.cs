using Azure.Data.Tables;
using Payments.Storage.Tables;

namespace Payments.Tests.Unit.Storage;

public sealed class EntitySizeTests
{
    // 4 + the keys at 2 bytes a character + the Timestamp the service adds (8 + 2·9 + 8).
    private const long EmptyEntityWithKeysPkRk = 4 + 2 * 4 + 34;

    [Fact]
    public void An_entity_without_properties_counts_its_keys_and_timestamp()
    {
        Assert.Equal(EmptyEntityWithKeysPkRk, EntitySize.Of(new TableEntity("pk", "rk")));
    }

    [Theory]
    [InlineData("abc", 8 + 2 * 4 + 4 + 2 * 3)]
    [InlineData(42, 8 + 2 * 4 + 4)]
    [InlineData(42L, 8 + 2 * 4 + 8)]
    [InlineData(true, 8 + 2 * 4 + 1)]
    [InlineData(4.2, 8 + 2 * 4 + 8)]
    public void A_property_counts_its_name_and_value_by_Azures_formula(object value, long expectedPropertySize)
    {
        var entity = new TableEntity("pk", "rk") { ["name"] = value };

        Assert.Equal(EmptyEntityWithKeysPkRk + expectedPropertySize, EntitySize.Of(entity));
    }

    [Fact]
    public void Dates_guids_and_bytes_count_as_Azure_counts_them()
    {
        var entity = new TableEntity("pk", "rk")
        {
            ["when"] = DateTimeOffset.UnixEpoch,
            ["uuid"] = Guid.Empty,
            ["blob"] = new byte[10],
        };

        Assert.Equal(EmptyEntityWithKeysPkRk + (8 + 8 + 8) + (8 + 8 + 16) + (8 + 8 + 4 + 10), EntitySize.Of(entity));
    }

    [Fact]
    public void Null_properties_and_the_etag_are_not_sent_so_they_do_not_count()
    {
        var entity = new TableEntity("pk", "rk") { ["absent"] = null, ETag = new Azure.ETag("W/\"datetime'2026-11-24T11%3A24%3A18.236Z'\"") };

        Assert.Equal(EmptyEntityWithKeysPkRk, EntitySize.Of(entity));
    }

    [Fact]
    public void Sixteen_full_string_parts_exceed_one_MiB()
    {
        var entity = new TableEntity("pay_col_01M86MS9YPV14MVVJVNRK0ACEN", "collection");
        SplitStringProperty.Write(entity, "document", new string('x', 16 * SplitStringProperty.MaxPartLength));

        Assert.True(EntitySize.Of(entity) > EntitySize.MaxBytes);
    }
}
