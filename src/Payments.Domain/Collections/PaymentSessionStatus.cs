namespace Payments.Domain.Collections;

/// <summary>Medusa's payment session statuses; wire names are the snake_case of the member names.</summary>
public enum PaymentSessionStatus
{
    Authorized,
    Captured,
    Pending,
    RequiresMore,
    Error,
    Canceled,
    PendingAuthorization,
}
