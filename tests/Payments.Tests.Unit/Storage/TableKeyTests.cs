using Payments.Storage.Tables;

namespace Payments.Tests.Unit.Storage;

public sealed class TableKeyTests
{
    [Theory]
    [InlineData("cart_01M86MS9K65CQ5DSH0AYYTBNTQ")]
    [InlineData("")]
    [InlineData("release|payses_1")]
    [InlineData("ünïcode ok")]
    public void Ids_of_every_day_are_valid_keys(string value)
    {
        Assert.True(TableKey.IsValid(value));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\tb")]
    [InlineData("a\u007Fb")]
    [InlineData("a\u0085b")]
    public void Characters_that_Azure_rejects_make_an_invalid_key(string value)
    {
        Assert.False(TableKey.IsValid(value));
        Assert.Throws<ArgumentException>(() => TableKey.EnsureValid(value, "id"));
    }

    [Fact]
    public void A_key_longer_than_1_KiB_is_invalid()
    {
        Assert.True(TableKey.IsValid(new string('a', 512)));
        Assert.False(TableKey.IsValid(new string('a', 513)));
    }
}
