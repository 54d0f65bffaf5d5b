namespace Payments.Domain.Errors;

/// <summary>
/// An error the caller is meant to see: its type and message form the Medusa error body. Anything else that
/// escapes a request is an unexpected failure and is answered with the generic 500.
/// </summary>
public sealed class MedusaException : Exception
{
    public MedusaException(MedusaErrorType type, string message)
        : base(message) => Type = type;

    public MedusaException(MedusaErrorType type, string message, Exception innerException)
        : base(message, innerException) => Type = type;

    public MedusaErrorType Type { get; }

    /// <summary>The provider's code of a refusal it made (Stripe's <c>card_declined</c>), shown as the body's <c>code</c>.</summary>
    public string? Code { get; private init; }

    public static MedusaException InvalidData(string message) => new(MedusaErrorType.InvalidData, message);

    public static MedusaException NotAllowed(string message) => new(MedusaErrorType.NotAllowed, message);

    public static MedusaException NotFound(string message) => new(MedusaErrorType.NotFound, message);

    /// <summary>A version conflict that outlived the retry budget, or an idempotency key still in flight.</summary>
    public static MedusaException Conflict() => new(MedusaErrorType.Conflict, "conflict");

    public static MedusaException AuthorizationFailed() =>
        new(MedusaErrorType.PaymentAuthorizationError, "Payment authorization failed");

    public static MedusaException RequiresMore() =>
        new(MedusaErrorType.PaymentRequiresMoreError, "More information is required for payment");

    /// <summary>
    /// The provider refused the operation definitively: a 4xx of <paramref name="type"/> (authorization:
    /// <see cref="MedusaErrorType.PaymentAuthorizationError"/>; a capture, refund or new session:
    /// <see cref="MedusaErrorType.InvalidData"/>) with the provider's message and code.
    /// </summary>
    public static MedusaException RefusedByProvider(MedusaErrorType type, Providers.ProviderRefusedException refusal) =>
        new(type, refusal.Message, refusal) { Code = refusal.Code };

    public static MedusaException ProviderUnavailable(string providerId, Exception innerException) =>
        new(MedusaErrorType.ProviderUnavailable, $"Payment provider {providerId} is unavailable, try again", innerException);

    /// <summary>The commerce backend timed out, failed or answered what cannot be read (spec §1.2): the request writes nothing.</summary>
    public static MedusaException CommerceBackendUnavailable(Exception innerException) =>
        new(MedusaErrorType.CommerceBackendUnavailable, "The commerce backend is unavailable, try again", innerException);

    /// <summary>
    /// Storage did not answer. Whatever was being written may or may not have landed: a caller that must know reads
    /// again (see <c>CollectionWriter</c>).
    /// </summary>
    public static MedusaException StorageUnavailable(Exception innerException) =>
        new(MedusaErrorType.StorageUnavailable, "The payment service is temporarily unavailable, try again", innerException);

    /// <summary>True for the failure of <see cref="StorageUnavailable(Exception)"/>.</summary>
    public bool IsStorageUnavailable => Type == MedusaErrorType.StorageUnavailable;
}
