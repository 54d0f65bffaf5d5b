namespace Payments.Api.Errors;

/// <summary>
/// Admin (or module) credentials missing or rejected: answered 401 with a body holding only <c>message</c> (spec §2.2),
/// unlike every other error.
/// </summary>
public sealed class AdminUnauthorizedException : Exception
{
    public const string DefaultMessage = "Unauthorized";

    public AdminUnauthorizedException()
        : base(DefaultMessage)
    {
    }

    public AdminUnauthorizedException(string message)
        : base(message)
    {
    }
}
