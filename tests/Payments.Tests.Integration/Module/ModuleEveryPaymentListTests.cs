using System.Text.Json;
using Payments.Tests.Integration.Http;
using Payments.Tests.Integration.Infrastructure;
using Payments.Tests.Integration.Storage;

namespace Payments.Tests.Integration.Module;

/// <summary>
/// Medusa's admin list of every payment through the module (<c>listAndCountPayments({}, { order, skip, take })</c>):
/// paged on the payment index, so it reads the index once and the documents of its page only, and answers what the
/// query that reads every document answers.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ModuleEveryPaymentListTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const int PaymentCount = 6;
    private readonly StorageTestServices.RequestCounter tables = new();
    private readonly List<string> payments = [];
    private ModuleBackedApi module = null!;

    public async Task InitializeAsync()
    {
        module = await ModuleBackedApi.StartAsync(azurite.ConnectionString, tables.CountTableRequests);
        for (var index = 0; index < PaymentCount; index++)
        {
            payments.Add(await module.AuthorizeAsync(await module.NewSessionAsync(await module.NewCollectionAsync())));
        }
    }

    public async Task DisposeAsync() => await module.DisposeAsync();

    [Fact]
    public async Task A_page_of_every_payment_reads_the_index_and_its_own_documents_only()
    {
        const string Page = ""","order":{"created_at":"DESC"},"skip":1,"take":2""";
        ApiResponse answer = null!;

        var reads = await tables.CountAsync(async () => answer = await module.ModuleAsync(
            HttpMethod.Post, "/module/query/payment", $$"""{"filters":{},"relations":["captures"],"count":true{{Page}}}"""));
        var everyDocument = await module.ModuleAsync(
            HttpMethod.Post, "/module/query/payment", $$"""{"filters":{"id":{{JsonSerializer.Serialize(payments)}}},"relations":["captures"],"count":true{{Page}}}""");

        Assert.Equal(200, answer.Status);
        Assert.Equal(PaymentCount, answer.Json.GetProperty("count").GetInt32());
        Assert.Equal([payments[4], payments[3]], answer.Json.GetProperty("data").EnumerateArray().Select(row => row.GetProperty("id").GetString()!));
        Assert.Equal(everyDocument.Body, answer.Body);
        Assert.Equal(1 + 2, reads);
    }
}
