namespace Payments.Domain.Payments;

/// <summary>Provider calls that follow a reservation in the document.</summary>
internal static class PaymentProviderCalls
{
    /// <summary>Runs the provider call; when it fails, undoes the reservation and rethrows the provider's failure.</summary>
    public static async Task<T> OrUndoAsync<T>(Func<Task<T>> call, Func<Task> undo)
    {
        try
        {
            return await call();
        }
        catch
        {
            await undo();
            throw;
        }
    }
}
