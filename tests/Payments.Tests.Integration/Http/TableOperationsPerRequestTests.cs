using Payments.Tests.Integration.Storage;

namespace Payments.Tests.Integration.Http;

/// <summary>
/// What one session initialisation costs in Table Storage requests, counted at the table client's HTTP
/// pipeline (retries included). The figures are part of the contract with operations: a change that adds a
/// round trip to the hot path shows up here.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class TableOperationsPerRequestTests(ApiFixture fixture) : IAsyncLifetime
{
    private readonly StorageTestServices.RequestCounter counter = new();
    private ApiHost api = null!;

    public async Task InitializeAsync() => api = await ApiHost.StartAsync(fixture.TablesConnection, counter.CountTableRequests);

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task A_warm_new_session_costs_two_reads_and_a_write_and_a_reused_one_two_reads()
    {
        var id = await api.NewCollectionAsync();
        await api.GetAsync("/store/payment-providers?region_id=" + ApiHost.UsRegion);

        var created = await counter.CountAsync(() => api.PostAsync(PaymentSessionTests.SessionsOf(id), """{"provider_id":"pp_system_default"}"""));
        var reused = await counter.CountAsync(() => api.PostAsync(PaymentSessionTests.SessionsOf(id), """{"provider_id":"pp_system_default"}"""));
        var replaced = await counter.CountAsync(() => api.PostAsync(PaymentSessionTests.SessionsOf(id), """{"provider_id":"pp_system_default","data":{"n":1}}"""));

        // Read the collection and the cart (synchronisation), then one conditional write; the region (provider check)
        // and the publishable key come from their short caches (issue 7). A replaced session of the system provider holds
        // no money, so nothing is released: the same 3 (a provider's with a ledger adds its release's outbox message to
        // the write's transaction, and deleting it once the release is done).
        Assert.Equal((3, 2, 3), (created, reused, replaced));
    }

    [Fact]
    public async Task Creating_a_carts_collection_costs_four_requests_and_returning_it_three()
    {
        var cart = await api.NewCartAsync();
        var body = $$"""{"cart_id":"{{cart}}"}""";
        await api.NewCollectionAsync();

        var created = await counter.CountAsync(() => api.PostAsync("/store/payment-collections", body));
        var returned = await counter.CountAsync(() => api.PostAsync("/store/payment-collections", body));

        // Created: link lookup, cart read, document insert, link claim. Returned: link lookup, document read, cart read (synchronisation).
        Assert.Equal((4, 3), (created, returned));
    }

    [Fact]
    public async Task A_payment_is_found_by_id_with_two_point_reads_and_captured_with_four_requests()
    {
        var payment = await PaymentLifecycle.AuthorizedAsync(api);

        var read = await counter.CountAsync(() => api.AdminAsync(HttpMethod.Get, $"/admin/payments/{payment.PaymentId}"));
        var captured = await counter.CountAsync(() => payment.CaptureAsync("""{"amount":20}"""));

        // Read: the payment index, then the collection document (no scan). Capture: index, document, the reserving
        // write, then after the provider call the settling write, on the version the reservation wrote (no read again).
        Assert.Equal((2, 4), (read, captured));
    }
}
