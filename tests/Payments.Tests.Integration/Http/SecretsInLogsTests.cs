using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Payments.Tests.Integration.Http;

/// <summary>
/// Every host of the suite fails its disposal when a secret reached its logs (see <see cref="ApiHost"/>): this checks
/// that the check itself catches what it must, and lets through what is not a secret.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SecretsInLogsTests(ApiFixture fixture)
{
    [Theory]
    [InlineData(ApiHost.SecretKey)]
    [InlineData(ApiHost.JwtSecret)]
    [InlineData(ApiHost.PublishableKey)]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJhY3Rvcl9pZCI6InVzZXJfMSJ9.c2lnbmF0dXJl")]
    [InlineData("sk_live_51Habc")]
    [InlineData("rk_test_51Habc")]
    [InlineData("whsec_0123abc")]
    [InlineData("pi_3Nabc_secret_Xyz")]
    [InlineData("shopper@example.com")]
    public async Task A_secret_in_a_message_or_in_an_exception_is_caught(string secret)
    {
        var api = await ApiHost.StartAsync(fixture.TablesConnection);
        var logger = api.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Payments.Tests");

        logger.LogWarning(new InvalidOperationException($"provider said {secret}"), "Calling the provider failed");

        Assert.Single(api.Logs.Leaks(ApiHost.Secrets));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await api.DisposeAsync());
    }

    [Fact]
    public async Task Ids_amounts_and_the_publishable_keys_hash_are_not_secrets()
    {
        await using var api = await ApiHost.StartAsync(fixture.TablesConnection);
        var logger = api.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Payments.Tests");

        logger.LogWarning("Capture capt_01M86MSM4BCAZ6V9BBZ54MRT1E of pay_01M86MSH8B7JX0F3RY97XAH91H for 50 usd; key hash {Hash}", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("pk"u8)));

        Assert.Empty(api.Logs.Leaks(ApiHost.Secrets));
    }
}
