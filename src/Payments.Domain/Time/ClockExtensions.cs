namespace Payments.Domain.Time;

public static class ClockExtensions
{
    /// <summary>Now, truncated to the millisecond: what is stored is exactly what the API shows (§1.6).</summary>
    public static DateTimeOffset UtcNowToTheMillisecond(this TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
    }
}
