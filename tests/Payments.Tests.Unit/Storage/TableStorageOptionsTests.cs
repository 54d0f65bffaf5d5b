using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Payments.Domain.Outbox;
using Payments.Domain.Ports;
using Payments.Storage;
using Payments.Storage.Seed;

namespace Payments.Tests.Unit.Storage;

public sealed class TableStorageOptionsTests
{
    [Theory]
    [InlineData("")]
    [InlineData("t1")]
    [InlineData("Tests")]
    [InlineData("a123456789012345678901234567890123456789abcde")]
    public void A_prefix_of_letters_and_digits_starting_with_a_letter_is_accepted(string prefix)
    {
        Register(new() { ["PaymentsStorage:ConnectionString"] = "UseDevelopmentStorage=true", ["PaymentsStorage:TablePrefix"] = prefix });
    }

    [Theory]
    [InlineData("1abc")]
    [InlineData("a-b")]
    [InlineData("a_b")]
    [InlineData("ab c")]
    [InlineData("a123456789012345678901234567890123456789abcdef")]
    public void A_prefix_that_cannot_start_a_table_name_is_refused_at_registration(string prefix)
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            Register(new() { ["PaymentsStorage:ConnectionString"] = "UseDevelopmentStorage=true", ["PaymentsStorage:TablePrefix"] = prefix }));

        Assert.Contains("TablePrefix", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_connection_string_or_service_uri_registration_fails()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Register(new()));

        Assert.Contains("ConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_service_uri_with_a_managed_identity_is_enough()
    {
        using var provider = Register(new()
        {
            ["PaymentsStorage:TableServiceUri"] = "https://account.table.core.windows.net/",
            ["PaymentsStorage:ClientId"] = "00000000-0000-0000-0000-000000000001",
        });

        Assert.Equal(new Uri("https://account.table.core.windows.net/"), provider.GetRequiredService<Azure.Data.Tables.TableServiceClient>().Uri);
    }

    [Fact]
    public void Every_port_and_the_seed_loader_are_registered()
    {
        using var provider = Register(new() { ["PaymentsStorage:ConnectionString"] = "UseDevelopmentStorage=true" });

        Assert.NotNull(provider.GetRequiredService<IPaymentCollectionStore>());
        Assert.NotNull(provider.GetRequiredService<IOutboxStore>());
        Assert.NotNull(provider.GetRequiredService<ICartCollectionLinks>());
        Assert.NotNull(provider.GetRequiredService<ICartCatalog>());
        Assert.NotNull(provider.GetRequiredService<IOrderCatalog>());
        Assert.NotNull(provider.GetRequiredService<IRegionCatalog>());
        Assert.NotNull(provider.GetRequiredService<IApiKeyCatalog>());
        Assert.NotNull(provider.GetRequiredService<SeedFileLoader>());
    }

    private static ServiceProvider Register(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddPaymentsTableStorage(configuration).BuildServiceProvider();
    }
}
