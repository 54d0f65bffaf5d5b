using System.Text.Json;
using Payments.Domain.Collections;

namespace Payments.Domain.Sessions;

/// <summary>
/// Spec D3: storefronts call session initialisation on every visit to the payment step; an unchanged request
/// keeps the existing session (and its Stripe client secret) instead of creating a new provider payment.
/// </summary>
public static class SessionReusePolicy
{
    public static bool CanReuse(PaymentCollection collection, SessionInitialization request) =>
        request.AllowReuse
        && collection.Sessions is [var session]
        && session.ProviderId == request.ProviderId
        && session.Status is PaymentSessionStatus.Pending or PaymentSessionStatus.RequiresMore
        && session.Amount == collection.Amount
        && session.CurrencyCode == collection.CurrencyCode
        && session.ProviderReference is not null

        // A guest's session has no account holder, so a customer gets a session of their own (and the reverse).
        && session.Context?.Customer.Id == request.Caller.Customer?.CustomerId
        && BringsNoNewData(request.Data, session.Data);

    /// <summary>True when every top-level key of the request's data is already in the session's data with an equal value.</summary>
    private static bool BringsNoNewData(JsonElement? requestData, JsonElement sessionData)
    {
        if (requestData is not { } data)
        {
            return true;
        }

        foreach (var property in data.EnumerateObject())
        {
            if (!sessionData.TryGetProperty(property.Name, out var existing) || !JsonElement.DeepEquals(existing, property.Value))
            {
                return false;
            }
        }

        return true;
    }
}
