using Payments.Tests.FakeStripe;

namespace Payments.Tests.Integration.Infrastructure;

/// <summary>
/// The first Stripe call that matches, held in flight at the fake Stripe (<see cref="FakeStripeApi.Hold"/>) until the
/// test releases it: what the service does while a provider call of another request has not come back. Later calls
/// that match, retries of the held one included, go through.
/// </summary>
internal sealed class HeldStripeCall
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly TaskCompletionSource<StripeCall> arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int taken;

    private HeldStripeCall()
    {
    }

    /// <summary>Holds the first call to <paramref name="stripe"/> that <paramref name="matches"/>.</summary>
    public static HeldStripeCall First(FakeStripeApi stripe, Func<StripeCall, bool> matches)
    {
        var held = new HeldStripeCall();
        stripe.Hold = call => matches(call) && Interlocked.Exchange(ref held.taken, 1) == 0 ? held.Enter(call) : null;
        return held;
    }

    /// <summary>The held call, once it reached Stripe.</summary>
    public Task<StripeCall> ArrivedAsync() => arrived.Task.WaitAsync(Patience);

    /// <summary>Lets the held call through to Stripe (and to its override, if one is set by then).</summary>
    public void Release() => released.TrySetResult();

    private Task Enter(StripeCall call)
    {
        arrived.TrySetResult(call);
        return released.Task;
    }
}
