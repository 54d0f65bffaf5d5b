using Payments.Api.Requests;
using Payments.Domain.Ports;

namespace Payments.Api.Endpoints;

public enum RouteAuthentication
{
    /// <summary><c>/store/*</c>: the <c>x-publishable-api-key</c> header.</summary>
    PublishableKey,

    /// <summary><c>/admin/*</c>: a Bearer JWT or a Basic secret API key.</summary>
    Admin,

    /// <summary><c>/module/*</c>: the commerce backend's Payment Module, with the module API key as a Bearer token.</summary>
    Module,
}

/// <summary>What a route accepts: its credentials, its strict body (none for GET and DELETE) and its strict query.</summary>
public sealed record RouteContract(RouteAuthentication Authentication, BodySchema? Body, QuerySchema Query);

/// <summary>A request that passed every check of spec §1.4: its validated body and query, and the caller.</summary>
/// <param name="CallerId">The publishable key token (store), the admin actor id (admin), or <see cref="Authentication.ModuleAuthenticator.CallerId"/>.</param>
/// <param name="Caller">On a store route the storefront's key and the logged-in shopper, if any; <see cref="Caller.Service"/> on admin routes.</param>
/// <param name="IntentKey">
/// The request's <c>Idempotency-Key</c> as the domain knows it: the digest of the key within the caller's scope, so that
/// a retry of a money move with the same key reaches the same move; null without a key.
/// </param>
public sealed record RouteCall(ValidatedBody Body, ValidatedQuery Query, string CallerId, Caller Caller, string? IntentKey = null);
