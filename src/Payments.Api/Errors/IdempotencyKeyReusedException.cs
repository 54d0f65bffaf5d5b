namespace Payments.Api.Errors;

/// <summary>
/// An <c>Idempotency-Key</c> sent again with a different request: 422 <c>invalid_data</c> (spec §1.10, D7), the
/// one <c>invalid_data</c> that is not a 400.
/// </summary>
public sealed class IdempotencyKeyReusedException : Exception
{
    public IdempotencyKeyReusedException(string idempotencyKey)
        : base($"Idempotency-Key {idempotencyKey} was already used with a different request body")
    {
    }
}
