using Azure.Data.Tables;
using CsCheck;
using Payments.Storage.Tables;

namespace Payments.Tests.Unit.Storage;

public sealed class SplitStringPropertyTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(32_768, 1)]
    [InlineData(32_769, 2)]
    [InlineData(3 * 32_768, 3)]
    [InlineData(300_000, 10)]
    public void A_string_takes_as_many_parts_as_32768_character_pieces_it_needs(int length, int expectedParts)
    {
        var entity = new TableEntity("pk", "rk");

        SplitStringProperty.Write(entity, "document", new string('x', length));

        Assert.Equal(expectedParts, entity.GetInt32("document_parts"));
        Assert.All(Enumerable.Range(0, expectedParts), part => Assert.InRange(entity.GetString($"document_{part}")!.Length, 1, 32_768));
        Assert.False(entity.ContainsKey($"document_{expectedParts}"));
    }

    [Fact]
    public void A_surrogate_pair_on_the_boundary_stays_whole_in_the_next_part()
    {
        var value = new string('x', 32_767) + "😀" + "tail";
        var entity = new TableEntity("pk", "rk");

        SplitStringProperty.Write(entity, "document", value);

        Assert.Equal(32_767, entity.GetString("document_0")!.Length);
        Assert.StartsWith("😀", entity.GetString("document_1"), StringComparison.Ordinal);
        Assert.Equal(value, SplitStringProperty.Read(entity, "document"));
    }

    [Fact]
    public void Any_string_reads_back_as_written()
    {
        Gen.String[Gen.Char, 0, 100_000].Sample(value =>
        {
            var entity = new TableEntity("pk", "rk");
            SplitStringProperty.Write(entity, "data", value);
            Assert.Equal(value, SplitStringProperty.Read(entity, "data"));
        }, iter: 50);
    }

    [Fact]
    public void A_missing_part_is_reported_not_skipped()
    {
        var entity = new TableEntity("pk", "rk");
        SplitStringProperty.Write(entity, "document", new string('x', 40_000));
        entity.Remove("document_1");

        var error = Assert.Throws<InvalidDataException>(() => SplitStringProperty.Read(entity, "document"));

        Assert.Contains("document_1", error.Message, StringComparison.Ordinal);
    }
}
