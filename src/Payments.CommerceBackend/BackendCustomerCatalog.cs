using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Payments.Domain.Ports;

namespace Payments.CommerceBackend;

/// <summary>
/// The logged-in shopper from <c>GET /store/customers/me</c> with their own token: the fields Medusa puts in a
/// session's <c>context.customer</c>. A token the backend refuses (401) or a deleted customer (404) is a guest.
/// </summary>
internal sealed class BackendCustomerCatalog(MedusaBackendClient backend, IOptions<CommerceBackendOptions> options) : ICustomerCatalog
{
    private const string Route = "GET /store/customers/me";
    private const string Fields = "id,email,first_name,last_name,phone,company_name,metadata,*addresses";

    public async Task<Customer?> FindAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (caller.Customer is null)
        {
            return null;
        }

        var answer = await backend.GetAsync(Route, $"/store/customers/me?fields={Fields}", StoreCredentials.Of(caller, options.Value), cancellationToken);
        return answer.Status != HttpStatusCode.Unauthorized && MedusaBackendClient.IsFound(Route, answer)
            ? MedusaBackendClient.Parse(Route, answer, body => Read(MedusaJson.Object(body, "customer")))
            : null;
    }

    private static Customer Read(JsonElement customer) => new(
        MedusaJson.String(customer, "id"),
        MedusaJson.OptionalString(customer, "email"),
        MedusaJson.OptionalString(customer, "first_name"),
        MedusaJson.OptionalString(customer, "last_name"),
        MedusaJson.OptionalString(customer, "phone"),
        MedusaJson.OptionalString(customer, "company_name"),
        MedusaJson.OptionalJson(customer, "metadata", JsonValueKind.Object),
        MedusaJson.OptionalJson(customer, "addresses", JsonValueKind.Array));
}
