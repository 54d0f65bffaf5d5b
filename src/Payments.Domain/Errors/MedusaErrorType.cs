namespace Payments.Domain.Errors;

/// <summary>Medusa's error types; the HTTP status of each is decided in one place, the API's error mapper.</summary>
public enum MedusaErrorType
{
    InvalidData,
    NotAllowed,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
    PaymentAuthorizationError,
    PaymentRequiresMoreError,
    DuplicateError,
    DatabaseError,
    UnexpectedState,
    InvalidArgument,
    ProviderUnavailable,
    CommerceBackendUnavailable,

    /// <summary>Storage did not answer (down, throttled after the client's retries, or too slow for the request's deadline).</summary>
    StorageUnavailable,
}
