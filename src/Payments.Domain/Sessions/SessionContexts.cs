using Microsoft.Extensions.Logging;
using Payments.Domain.Ports;
using Payments.Domain.Providers;

namespace Payments.Domain.Sessions;

/// <summary>
/// The <c>context</c> of a new session (spec D8): for a logged-in customer their record and account holder, as
/// Medusa builds it; null (<c>{}</c>) for a guest, and for a token whose customer the backend does not know.
/// </summary>
public sealed partial class SessionContexts(ICustomerCatalog customers, AccountHolders holders, ILogger<SessionContexts> logger)
{
    public async Task<SessionContext?> ForAsync(Caller caller, IPaymentProvider provider, CancellationToken cancellationToken)
    {
        if (caller.Customer is not { } signedIn)
        {
            return null;
        }

        if (await customers.FindAsync(caller, cancellationToken) is not { } customer)
        {
            LogUnknownCustomer(logger, signedIn.CustomerId);
            return null;
        }

        return await holders.ContextForAsync(customer, provider, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Customer {CustomerId} of a valid token is not known; the session is a guest's.")]
    private static partial void LogUnknownCustomer(ILogger logger, string customerId);
}
