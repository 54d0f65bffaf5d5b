using NSubstitute;
using Payments.Api.Listing;
using Payments.Api.Requests;
using Payments.Domain.Payments;
using Payments.Domain.Ports;
using Payments.Tests.Unit.Domain;
using static Payments.Tests.Unit.TestData.DomainRecords;

namespace Payments.Tests.Unit.Listing;

/// <summary>
/// <c>GET /admin/payments</c> over an index and documents in memory: what it answers, and how many documents it reads
/// (each payment in a collection of its own, <c>pay_NN</c> created NN seconds after <see cref="Start"/>).
/// </summary>
public sealed class AdminPaymentListTests
{
    private readonly InMemoryCollectionStore store = new();
    private readonly List<PaymentIndexEntry> index = [];

    [Fact]
    public async Task The_default_page_reads_the_documents_of_its_twenty_payments_only()
    {
        AddPayments(60);

        var page = await ListAsync("");

        Assert.Equal(Ids(0, 20), IdsOf(page));
        Assert.Equal((60, 0, 20), (page.Count, page.Offset, page.Limit));
        Assert.All(page.Items, item => Assert.Equal(item.Entry.PaymentId, item.Payment.Id));
        Assert.Equal(20, store.Reads);
    }

    [Fact]
    public async Task An_entry_its_document_does_not_hold_is_left_out_and_the_page_taken_again()
    {
        AddPayments(30);
        index.Add(Entry(3) with { PaymentId = "pay_lost", CreatedAt = Start.AddSeconds(2.5) });
        index.Add(Entry(40));

        var page = await ListAsync("limit=5");

        // pay_lost was on the first page taken and is not counted; pay_40, whose collection does not exist, was on no
        // page, so nothing read shows it is lost and it still counts.
        Assert.Equal(Ids(0, 5), IdsOf(page));
        Assert.Equal(31, page.Count);
        Assert.Equal(4 + 1, store.Reads);
    }

    [Fact]
    public async Task Entries_written_before_the_index_held_amounts_are_read_first_only_when_the_list_orders_by_amount()
    {
        AddPayments(10);
        WrittenBeforeAmounts(2, 7);

        var byCreation = await ListAsync("limit=3");
        var readByCreation = store.Reads;
        var byAmount = await ListAsync("order=-amount&limit=3");

        Assert.Equal(Ids(0, 3), IdsOf(byCreation));
        Assert.Equal(["pay_09", "pay_08", "pay_07"], IdsOf(byAmount));
        Assert.Equal((3, 3 + 2 + 2), (readByCreation, store.Reads));
    }

    [Fact]
    public async Task A_field_that_changes_reads_the_documents_the_index_conditions_leave_in()
    {
        AddPayments(10, capturedAt: number => number % 3 == 0 ? Start.AddMinutes(10 - number) : null);

        var captured = await ListAsync("order=captured_at&limit=3");
        var readForAll = store.Reads;
        var narrowed = await ListAsync("order=-captured_at&id[]=pay_03&id[]=pay_04&id[]=pay_06");

        Assert.Equal(["pay_09", "pay_06", "pay_03"], IdsOf(captured));
        Assert.Equal(["pay_04", "pay_03", "pay_06"], IdsOf(narrowed));
        Assert.Equal((10, 3), (captured.Count, narrowed.Count));
        Assert.Equal((10, 10 + 3), (readForAll, store.Reads));
    }

    private async Task<ListPage<ListedPayment>> ListAsync(string query)
    {
        var paymentIndex = Substitute.For<IPaymentIndex>();
        paymentIndex.ListAsync(default).ReturnsForAnyArgs([.. index]);
        var list = new AdminPaymentList(paymentIndex, new PaymentLookup(paymentIndex, store));
        var schema = AdminListSchemas.Payments;
        return await list.ReadAsync(schema.Read(schema.Query.Validate(QueryParameters.Parse(query))), CancellationToken.None);
    }

    /// <summary>Payments pay_00 … in collections of their own, indexed in reverse (the index answers in key order, not the list's).</summary>
    private void AddPayments(int count, Func<int, DateTimeOffset?>? capturedAt = null)
    {
        foreach (var number in Enumerable.Range(0, count).Reverse())
        {
            var payment = Payment(amount: 10m + number, id: Id(number), collectionId: $"pay_col_{number:00}", createdAt: Start.AddSeconds(number), capturedAt: capturedAt?.Invoke(number));
            store.Put(Collection(id: payment.PaymentCollectionId, payments: [payment]));
            index.Add(PaymentIndexEntry.Of(payment));
        }
    }

    private void WrittenBeforeAmounts(params int[] numbers)
    {
        foreach (var number in numbers)
        {
            var at = index.FindIndex(entry => entry.PaymentId == Id(number));
            index[at] = index[at] with { CurrencyCode = null, Amount = null };
        }
    }

    private static PaymentIndexEntry Entry(int number) => PaymentIndexEntry.Of(Payment(id: Id(number), collectionId: $"pay_col_{number:00}", createdAt: Start.AddSeconds(number)));

    private static string Id(int number) => $"pay_{number:00}";

    private static IReadOnlyList<string> Ids(int start, int count) => [.. Enumerable.Range(start, count).Select(Id)];

    private static IReadOnlyList<string> IdsOf(ListPage<ListedPayment> page) => [.. page.Items.Select(item => item.Entry.PaymentId)];
}
