using System.Text.Json;
using Payments.Domain.Collections;
using Payments.Domain.Errors;
using Payments.Storage.Collections;
using static Payments.Tests.Unit.TestData.DomainRecords;

namespace Payments.Tests.Unit.Storage;

public sealed class PaymentCollectionRowTests
{
    [Fact]
    public void The_document_is_snake_case_json_with_snake_case_statuses_and_exact_decimals()
    {
        var entity = PaymentCollectionRow.ToEntity(WithStripeSession() with { Amount = 87.9500m, Status = PaymentCollectionStatus.PartiallyAuthorized });

        using var document = JsonDocument.Parse(entity.GetString("document_0")!);
        var root = document.RootElement;
        Assert.Equal("87.9500", root.GetProperty("amount").GetRawText());
        Assert.Equal("partially_authorized", root.GetProperty("status").GetString());
        Assert.Equal("pending_authorization", root.GetProperty("sessions")[0].GetProperty("status").GetString());
        Assert.Equal("""{"id":"pi_1","nested":[1,2.50]}""", root.GetProperty("sessions")[0].GetProperty("data").GetRawText());
        Assert.True(root.TryGetProperty("currency_code", out _));
        Assert.True(root.TryGetProperty("created_at", out _));
    }

    [Fact]
    public void The_row_is_keyed_by_collection_id_and_the_row_key_collection()
    {
        var entity = PaymentCollectionRow.ToEntity(WithStripeSession());

        Assert.Equal(("pay_col_1", "collection"), (entity.PartitionKey, entity.RowKey));
    }

    [Fact]
    public void A_document_reads_back_with_the_row_etag_as_its_version()
    {
        var entity = PaymentCollectionRow.ToEntity(WithStripeSession());
        entity.ETag = new Azure.ETag("W/\"datetime'2026-11-24T11%3A24%3A18.236Z'\"");

        var read = PaymentCollectionRow.FromEntity(entity);

        Assert.Equal("W/\"datetime'2026-11-24T11%3A24%3A18.236Z'\"", read.Version);
        Assert.Equal(JsonSerializer.Serialize(WithStripeSession()), JsonSerializer.Serialize(read.Collection));
    }

    [Fact]
    public void A_document_too_large_for_one_entity_is_refused_with_invalid_data()
    {
        var collection = WithStripeSession() with { Metadata = JsonDocument.Parse(JsonSerializer.Serialize(new string('x', 530_000))).RootElement };

        var error = Assert.Throws<MedusaException>(() => PaymentCollectionRow.ToEntity(collection));

        Assert.Equal(MedusaErrorType.InvalidData, error.Type);
        Assert.Equal("Payment collection pay_col_1 is too large to store.", error.Message);
    }

    [Fact]
    public void A_document_just_under_the_limit_is_accepted()
    {
        var collection = WithStripeSession() with { Metadata = JsonDocument.Parse(JsonSerializer.Serialize(new string('x', 510_000))).RootElement };

        var entity = PaymentCollectionRow.ToEntity(collection);

        Assert.Equal(16, entity.GetInt32("document_parts"));
    }

    private static PaymentCollection WithStripeSession() => Collection(sessions:
    [
        Session(status: PaymentSessionStatus.PendingAuthorization, providerId: "pp_stripe_stripe", data: Json("""{"id":"pi_1","nested":[1,2.50]}""")),
    ]);
}
