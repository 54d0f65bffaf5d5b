using System.Collections.Immutable;
using Payments.Domain.Money;
using Payments.Domain.Outbox;
using Payments.Domain.Ports;
using Payments.Domain.Providers;
using Payments.Domain.Sessions;

namespace Payments.Domain.Collections;

/// <summary>
/// A session created at the provider for a request, to be opened in the collection. <paramref name="OpenCart"/> is the
/// collection's cart as read for this attempt when it is open (null otherwise); <paramref name="ReconcileLater"/> asks
/// for the provider to be asked about the session if it has no final status after a while (providers that report
/// asynchronously).
/// </summary>
public sealed record SessionOpening(SessionInitialization Request, PaymentSession Draft, Cart? OpenCart, bool ReconcileLater);

/// <summary>The collection after an opening, and whether it keeps the draft (false: an equal session was there first).</summary>
public sealed record SessionOpened(PaymentCollection Collection, bool KeepsDraft);

public sealed partial record PaymentCollection
{
    /// <summary>
    /// The collection in step with its open cart (spec §1.2): Medusa resets a cart's collection whenever the cart's total
    /// changes, and a total finer than the currency's minor unit becomes the collection's amount rounded by the one rule
    /// of <see cref="Currency.RoundToMinorUnit"/>. Returns the sessions the reset dropped.
    /// </summary>
    public (PaymentCollection Collection, ImmutableList<PaymentSession> Dropped) SynchronizedWith(Cart? openCart, DateTimeOffset now)
    {
        if (openCart is null || DeletedAt is not null)
        {
            return (this, []);
        }

        var currencyCode = openCart.CurrencyCode.ToLowerInvariant();
        var amount = Currency.RoundToMinorUnit(openCart.Total, currencyCode);
        return amount == Amount && currencyCode == CurrencyCode
            ? (this, [])
            : (this with { Amount = amount, CurrencyCode = currencyCode, Sessions = [], UpdatedAt = now }, Sessions);
    }

    /// <summary>The collection in step with its open cart, with the releases of what that dropped; unchanged when in step.</summary>
    public Decision<PaymentCollection> Synchronize(Cart? openCart, DateTimeOffset now)
    {
        var (synchronized, dropped) = SynchronizedWith(openCart, now);
        return ReferenceEquals(synchronized, this)
            ? Decision<PaymentCollection>.Keep(this)
            : Decision<PaymentCollection>.Write(synchronized, synchronized, Releases(dropped, ProviderReleaseReason.Superseded, now));
    }

    /// <summary>
    /// The one session of the collection (spec §6.2, D2): the draft replaces every earlier session, whose provider payments
    /// are released (D5). The draft was made for the amount the collection had when the request read it; if the collection
    /// (or its cart) has another amount now, the request prepares again. If an equal session is there first, the
    /// collection keeps it and the draft is the request's to release.
    /// </summary>
    public Decision<SessionOpened> OpenSession(SessionOpening opening, DateTimeOffset now)
    {
        var draft = opening.Draft;
        if (Sessions.Exists(session => session.Id == draft.Id))
        {
            // This request's write landed already.
            return Decision<SessionOpened>.Keep(new SessionOpened(this, KeepsDraft: true));
        }

        var (synchronized, dropped) = SynchronizedWith(opening.OpenCart, now);
        if (draft.Amount != synchronized.Amount || draft.CurrencyCode != synchronized.CurrencyCode)
        {
            return Decision<SessionOpened>.PrepareAgain();
        }

        if (ReferenceEquals(synchronized, this) && SessionReusePolicy.CanReuse(this, opening.Request))
        {
            return Decision<SessionOpened>.Keep(new SessionOpened(this, KeepsDraft: false));
        }

        var opened = synchronized with { Sessions = [draft] };
        var outbox = Releases(dropped.AddRange(synchronized.Sessions), ProviderReleaseReason.Superseded, now);
        if (opening.ReconcileLater)
        {
            outbox = outbox.Add(new ProviderReconciliation(draft.Id) { DueAt = now + OutboxTiming.SessionQuietFor });
        }

        return Decision<SessionOpened>.Write(opened, new SessionOpened(opened, KeepsDraft: true), outbox);
    }

    /// <summary>
    /// The releases of sessions the collection no longer keeps: those without a Payment (a Payment owns its provider
    /// payment, and keeps it whatever becomes of its session), except the system provider's, which moves no money and
    /// so holds none to give back.
    /// </summary>
    public static ImmutableList<OutboxMessage> Releases(IEnumerable<PaymentSession> removed, ProviderReleaseReason reason, DateTimeOffset now) =>
    [
        .. removed
            .Where(session => session.PaymentId is null && session.ProviderId != SystemPaymentProvider.ProviderId)
            .Select(session => ReleaseOf(session, reason, now)),
    ];

    /// <summary>The release of a session's provider payment, as an outbox message due for the timer after the first try.</summary>
    public static ProviderRelease ReleaseOf(PaymentSession session, ProviderReleaseReason reason, DateTimeOffset now) =>
        new(session.ProviderId, session.Id, session.Data, reason) { DueAt = now + OutboxTiming.FirstRetryDelay };
}
