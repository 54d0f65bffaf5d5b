using Payments.Api.Idempotency;
using Payments.Domain.Errors;

namespace Payments.Tests.Unit.Idempotency;

public sealed class IdempotencyKeyHeaderTests
{
    [Fact]
    public void No_header_means_no_key() =>
        Assert.Null(IdempotencyKeyHeader.Read(IdempotencyTestRequests.Post()));

    [Theory]
    [InlineData("a")]
    [InlineData("8c1f6a9e-52b4-4c3e-9d1a-0f6b2e7d4a10")]
    [InlineData(" !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")]
    public void A_printable_ascii_key_is_read_as_sent(string key) =>
        Assert.Equal(key, IdempotencyKeyHeader.Read(IdempotencyTestRequests.Post(keys: key)));

    [Fact]
    public void A_key_of_255_characters_is_accepted() =>
        Assert.Equal(255, IdempotencyKeyHeader.Read(IdempotencyTestRequests.Post(keys: new string('k', 255)))!.Length);

    [Theory]
    [InlineData("")]
    [InlineData("caf\u00e9")]
    [InlineData("tab\there")]
    [InlineData("bell\u0007")]
    [InlineData("del\u007f")]
    public void A_key_that_is_empty_or_not_printable_ascii_is_invalid_data(string key) => AssertInvalid(key);

    [Fact]
    public void A_key_of_256_characters_is_invalid_data() => AssertInvalid(new string('k', 256));

    [Fact]
    public void A_key_sent_twice_is_invalid_data() => AssertInvalid("first", "second");

    private static void AssertInvalid(params string[] keys)
    {
        var error = Assert.Throws<MedusaException>(() => IdempotencyKeyHeader.Read(IdempotencyTestRequests.Post(keys: keys)));
        Assert.Equal(MedusaErrorType.InvalidData, error.Type);
        Assert.Equal("Invalid request: Idempotency-Key must be 1 to 255 printable ASCII characters", error.Message);
    }
}
