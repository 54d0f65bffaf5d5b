using System.Text.Json;
using Azure.Data.Tables;
using Payments.Domain.Ports;
using Payments.Storage.Tables;

namespace Payments.Storage.ReferenceData;

/// <summary><c>customers</c>: partition = customer id, row key empty; metadata and addresses as JSON text.</summary>
internal static class CustomerRow
{
    public const string RowKey = "";

    private const string EmailProperty = "email";
    private const string FirstNameProperty = "first_name";
    private const string LastNameProperty = "last_name";
    private const string PhoneProperty = "phone";
    private const string CompanyNameProperty = "company_name";
    private const string MetadataProperty = "metadata";
    private const string AddressesProperty = "addresses";

    public static TableEntity ToEntity(Customer customer) => new(TableKey.EnsureValid(customer.Id, nameof(customer)), RowKey)
    {
        [EmailProperty] = customer.Email,
        [FirstNameProperty] = customer.FirstName,
        [LastNameProperty] = customer.LastName,
        [PhoneProperty] = customer.Phone,
        [CompanyNameProperty] = customer.CompanyName,
        [MetadataProperty] = customer.Metadata?.GetRawText(),
        [AddressesProperty] = customer.Addresses?.GetRawText(),
    };

    public static Customer FromEntity(TableEntity entity) => new(
        entity.PartitionKey,
        entity.GetString(EmailProperty),
        entity.GetString(FirstNameProperty),
        entity.GetString(LastNameProperty),
        entity.GetString(PhoneProperty),
        entity.GetString(CompanyNameProperty),
        JsonOf(entity.GetString(MetadataProperty)),
        JsonOf(entity.GetString(AddressesProperty)));

    private static JsonElement? JsonOf(string? json) => json is null ? null : JsonElement.Parse(json);
}
