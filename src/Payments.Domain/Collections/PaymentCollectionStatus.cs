namespace Payments.Domain.Collections;

/// <summary>Medusa's payment collection statuses; wire names are the snake_case of the member names.</summary>
public enum PaymentCollectionStatus
{
    NotPaid,
    Awaiting,
    Authorized,
    PartiallyAuthorized,
    Canceled,
    Failed,
    PartiallyCaptured,
    Completed,
}
