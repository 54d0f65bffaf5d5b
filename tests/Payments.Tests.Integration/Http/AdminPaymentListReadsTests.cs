using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Payments.Tests.Integration.Storage;

namespace Payments.Tests.Integration.Http;

/// <summary>
/// What <c>GET /admin/payments</c> reads, counted at the table client's HTTP pipeline: a query the payment index
/// answers reads the index once and then the documents of its page only; one by a field only documents hold reads
/// them all, and still answers as Medusa does.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AdminPaymentListReadsTests(ApiFixture fixture) : IAsyncLifetime
{
    private const int PaymentCount = 60;
    private readonly StorageTestServices.RequestCounter counter = new();
    private ApiHost api = null!;
    private readonly List<PaymentLifecycle> payments = [];

    public async Task InitializeAsync()
    {
        api = await ApiHost.StartAsync(fixture.TablesConnection, counter.CountTableRequests);

        // One payment per collection, created one after the other so that created_at orders them as created.
        for (var index = 0; index < PaymentCount; index++)
        {
            payments.Add(await PaymentLifecycle.AuthorizedAsync(api, AmountOf(index)));
        }
    }

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task The_default_page_reads_the_index_once_and_the_documents_of_its_twenty_payments()
    {
        ApiResponse page = null!;

        var requests = await counter.CountAsync(async () => page = await api.AdminAsync(HttpMethod.Get, "/admin/payments?fields=id"));

        Assert.Equal(200, page.Status);
        Assert.Equal(PageOf(payments.Take(20), count: PaymentCount, limit: 20), page.Body);
        Assert.Equal(1 + 20, requests);
    }

    [Fact]
    public async Task A_later_page_reads_only_its_own_documents()
    {
        ApiResponse page = null!;

        var requests = await counter.CountAsync(async () => page = await api.AdminAsync(HttpMethod.Get, "/admin/payments?fields=id&order=-created_at&offset=55&limit=10"));

        Assert.Equal(PageOf(payments.Take(5).Reverse(), count: PaymentCount, limit: 10, offset: 55), page.Body);
        Assert.Equal(1 + 5, requests);
    }

    [Fact]
    public async Task Ordered_by_captured_at_the_list_reads_every_document_and_answers_as_before()
    {
        PaymentLifecycle[] captured = [payments[41], payments[7], payments[23]];
        foreach (var payment in captured)
        {
            Assert.Equal(200, (await payment.CaptureAsync("{}")).Status);
        }

        ApiResponse ascending = null!;
        var requests = await counter.CountAsync(async () => ascending = await api.AdminAsync(HttpMethod.Get, "/admin/payments?order=captured_at&fields=id&limit=4"));
        var descending = await api.AdminAsync(HttpMethod.Get, "/admin/payments?order=-captured_at&fields=id&offset=58");
        ApiResponse narrowed = null!;
        var narrowedRequests = await counter.CountAsync(async () => narrowed = await api.AdminAsync(
            HttpMethod.Get,
            $"/admin/payments?order=-captured_at&fields=id&id[]={payments[7].PaymentId}&id[]={payments[23].PaymentId}&id[]={payments[9].PaymentId}"));

        // Captured payments first in capture order, then the rest by created_at; descending puts the unset first.
        Assert.Equal(PageOf([.. captured, payments[0]], count: PaymentCount, limit: 4), ascending.Body);
        Assert.Equal(PageOf([payments[7], payments[41]], count: PaymentCount, limit: 20, offset: 58), descending.Body);
        Assert.Equal(PageOf([payments[9], payments[23], payments[7]], count: 3, limit: 20), narrowed.Body);
        Assert.Equal(1 + PaymentCount, requests);
        Assert.Equal(1 + 3, narrowedRequests);
    }

    [Fact]
    public async Task Index_rows_written_before_the_index_held_amounts_have_their_documents_read_to_order_by_amount()
    {
        await WriteAsBeforeAmountsAsync(payments[17], payments[30]);

        ApiResponse byCreation = null!;
        ApiResponse byAmount = null!;
        var creationRequests = await counter.CountAsync(async () => byCreation = await api.AdminAsync(HttpMethod.Get, "/admin/payments?fields=id"));
        var amountRequests = await counter.CountAsync(async () => byAmount = await api.AdminAsync(HttpMethod.Get, "/admin/payments?fields=id&order=-amount&limit=3"));

        Assert.Equal(PageOf(payments.Take(20), count: PaymentCount, limit: 20), byCreation.Body);
        Assert.Equal(PageOf([payments[17], payments[34], payments[51]], count: PaymentCount, limit: 3), byAmount.Body);

        // By amount: the index, the two old rows' documents, then those of the page not read yet.
        Assert.Equal((1 + 20, 1 + 2 + 2), (creationRequests, amountRequests));
    }

    /// <summary>10 to 69, each once, in an order of their own (7 is prime to 60): 69 is payment 17's, 68 34's, 67 51's.</summary>
    private static decimal AmountOf(int index) => 10 + index * 7 % PaymentCount;

    /// <summary>Rewrites the payments' index rows as versions before this one wrote them: without currency and amount.</summary>
    private async Task WriteAsBeforeAmountsAsync(params PaymentLifecycle[] old)
    {
        var prefix = api.Services.GetRequiredService<IConfiguration>()["PaymentsStorage:TablePrefix"];
        var table = api.Services.GetRequiredService<TableServiceClient>().GetTableClient(prefix + "paymentindex");
        foreach (var payment in old)
        {
            TableEntity row = await table.GetEntityAsync<TableEntity>(payment.PaymentId, "");
            Assert.True(row.Remove("currency_code") && row.Remove("amount"));
            await table.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Replace);
        }
    }

    private static string PageOf(IEnumerable<PaymentLifecycle> items, int count, int limit, int offset = 0) =>
        $$"""{"payments":[{{string.Join(",", items.Select(item => $$"""{"id":"{{item.PaymentId}}"}"""))}}],"count":{{count}},"offset":{{offset}},"limit":{{limit}}}""";
}
