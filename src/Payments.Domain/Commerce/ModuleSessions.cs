using System.Text.Json;
using Payments.Domain.Collections;
using Payments.Domain.Errors;
using Payments.Domain.Payments;
using Payments.Domain.Sessions;
using Payments.Domain.Time;

namespace Payments.Domain.Commerce;

/// <summary>The session operations of the commerce backend's module (docs/module-api.md §4.3), by the session's id alone.</summary>
public sealed class ModuleSessions(
    PaymentSessionInitializer sessions,
    PaymentSessionAuthorizer authorizer,
    EntityLookup lookup,
    CollectionWriter writer,
    TimeProvider clock)
{
    /// <summary>
    /// A new session, with a new id, in place of the collection's live one (one session per collection). It takes the
    /// collection's current amount and currency whatever Medusa read a moment before, and the context Medusa built.
    /// </summary>
    public async Task<(PaymentCollection Collection, PaymentSession Session)> CreateAsync(
        string collectionId,
        string providerId,
        JsonElement? data,
        SessionContext? context,
        CancellationToken cancellationToken)
    {
        var request = new SessionInitialization(collectionId, providerId, data, AllowReuse: false) { Context = context, RegionChecked = true };
        var collection = await sessions.InitializeAsync(request, cancellationToken);
        return (collection, collection.Sessions.Single());
    }

    /// <summary>Ends a live session (its provider payment released); one already ended is deleted already.</summary>
    public async Task DeleteAsync(string sessionId, CancellationToken cancellationToken)
    {
        var target = new CollectionTarget(await lookup.CollectionOfSessionAsync(sessionId, cancellationToken), () => EntityLookup.SessionNotFound(sessionId))
        {
            AcceptsTombstone = true,
        };
        var now = clock.UtcNowToTheMillisecond();
        await writer.DecideAsync(target, collection => collection.DeleteSession(sessionId, now), cancellationToken);
    }

    /// <summary>
    /// Authorizes as Medusa's module does: the session's payment (again, when it has one already), or null when the
    /// provider deferred. A provider that did not authorize leaves its answer on the session and is Medusa's
    /// <c>not_allowed</c>, which its store route answers with this same message.
    /// </summary>
    public async Task<AuthorizationOutcome> AuthorizeAsync(string sessionId, CancellationToken cancellationToken)
    {
        var collectionId = await lookup.CollectionOfSessionAsync(sessionId, cancellationToken);
        try
        {
            return await authorizer.AuthorizeSessionAsync(collectionId, sessionId, ChangeSource.Module, cancellationToken);
        }
        catch (MedusaException refused) when (refused.Type is MedusaErrorType.PaymentAuthorizationError or MedusaErrorType.PaymentRequiresMoreError)
        {
            throw new MedusaException(MedusaErrorType.NotAllowed, $"Session: {sessionId} was not authorized with the provider.", refused);
        }
    }
}
