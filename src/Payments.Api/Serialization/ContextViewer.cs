using Payments.Domain.Sessions;

namespace Payments.Api.Serialization;

/// <summary>
/// Who reads a response, as far as sessions' <c>context</c> goes: a customer's context (e-mail, phone, addresses,
/// metadata, account holders and the provider's customer id) is shown to that customer and to admin routes; anyone
/// else holding the collection — a guest or another customer with the cart id — sees <c>{}</c>. Medusa shows it to
/// whoever asks (issue 16).
/// </summary>
public sealed class ContextViewer
{
    private readonly bool seesEveryContext;
    private readonly string? customerId;

    private ContextViewer(bool seesEveryContext, string? customerId)
    {
        this.seesEveryContext = seesEveryContext;
        this.customerId = customerId;
    }

    public static ContextViewer Admin { get; } = new(seesEveryContext: true, customerId: null);

    /// <param name="customerId">The signed-in customer, or null for a guest.</param>
    public static ContextViewer Shopper(string? customerId) => new(seesEveryContext: false, customerId);

    /// <summary>The context this viewer may read: the context itself, or null (written <c>{}</c>).</summary>
    public SessionContext? Visible(SessionContext? context) =>
        context is not null && (seesEveryContext || (customerId is not null && context.Customer.Id == customerId)) ? context : null;
}
