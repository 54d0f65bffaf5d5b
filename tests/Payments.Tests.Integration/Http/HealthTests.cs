using Payments.Tests.Integration.Storage;

namespace Payments.Tests.Integration.Http;

/// <summary><c>GET /health</c>: anonymous, cheap, and no storage request at all.</summary>
[Collection(ApiCollection.Name)]
public sealed class HealthTests(ApiFixture fixture) : IAsyncLifetime
{
    private readonly StorageTestServices.RequestCounter counter = new();
    private ApiHost api = null!;

    public async Task InitializeAsync() => api = await ApiHost.StartAsync(fixture.TablesConnection, counter.CountTableRequests);

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task Health_answers_ok_without_credentials_or_a_storage_request()
    {
        ApiResponse? response = null;
        var requests = await counter.CountAsync(async () => response = await api.GetAsync("/health", publishableKey: null));

        Assert.Equal((200, "application/json; charset=utf-8", """{"status":"ok"}"""), (response!.Status, response.ContentType, response.Body));
        Assert.Equal(0, requests);
    }

    [Fact]
    public async Task Health_answers_only_get()
    {
        var response = await api.PostAsync("/health", "{}", publishableKey: null);

        Assert.Equal(404, response.Status);
    }
}
