using Payments.Tests.Integration.Infrastructure;

namespace Payments.Tests.Integration.Http;

/// <summary>One Azurite and one seeded local host shared by the HTTP conformance tests; each test uses fresh carts.</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    private readonly AzuriteFixture azurite = new();
    private ApiHost? host;

    public ApiHost Host => host ?? throw new InvalidOperationException("The API host has not started.");

    public string TablesConnection => azurite.ConnectionString;

    public async Task InitializeAsync()
    {
        await azurite.InitializeAsync();
        host = await ApiHost.StartAsync(azurite.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        await azurite.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "Payments API over HTTP";
}
