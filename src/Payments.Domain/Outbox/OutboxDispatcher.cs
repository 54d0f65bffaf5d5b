using Microsoft.Extensions.Logging;
using Payments.Domain.Time;

namespace Payments.Domain.Outbox;

/// <summary>What a handler did with a message: performed it, or found it not yet performable (ask again at a time).</summary>
public readonly record struct OutboxHandled(DateTimeOffset? AgainAt)
{
    public static OutboxHandled Done { get; } = new(null);

    public static OutboxHandled Again(DateTimeOffset at) => new(at);
}

/// <summary>Performs one kind of outbox message; idempotent, since a message may be performed more than once.</summary>
public interface IOutboxHandler
{
    bool Handles(OutboxMessage message);

    Task<OutboxHandled> HandleAsync(string collectionId, OutboxMessage message, CancellationToken cancellationToken);
}

/// <summary>The handler of the messages of type <typeparamref name="TMessage"/>.</summary>
public abstract class OutboxHandler<TMessage> : IOutboxHandler
    where TMessage : OutboxMessage
{
    public bool Handles(OutboxMessage message) => message is TMessage;

    public Task<OutboxHandled> HandleAsync(string collectionId, OutboxMessage message, CancellationToken cancellationToken) =>
        HandleAsync(collectionId, (TMessage)message, cancellationToken);

    protected abstract Task<OutboxHandled> HandleAsync(string collectionId, TMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// Performs outbox messages: those due at once right after the write that recorded them (a failure there never fails
/// that request), and every due one from the timer, with exponential back-off, until it succeeds or 72 hours after it
/// first fell due, when it is kept as dead for an operator and logged.
/// </summary>
/// <param name="handlers">
/// Resolved on first use: a handler may change collections through the <see cref="Collections.CollectionWriter"/>, which
/// dispatches through this dispatcher (reconciliation records what the provider says).
/// </param>
public sealed partial class OutboxDispatcher(IOutboxStore store, Lazy<IReadOnlyList<IOutboxHandler>> handlers, TimeProvider clock, ILogger<OutboxDispatcher> logger)
{
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromHours(1);

    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromHours(72);

    private const int BatchSize = 100;

    /// <summary>Performs the messages of a write that are due at once; what fails, or is not done yet, stays for the timer.</summary>
    public async Task DispatchAfterWriteAsync(string collectionId, IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        foreach (var message in messages.Where(message => message.DispatchedAfterWrite))
        {
            try
            {
                if (await HandlerOf(message).HandleAsync(collectionId, message, cancellationToken) == OutboxHandled.Done)
                {
                    await store.CompleteAsync(collectionId, message.Id, CancellationToken.None);
                }
            }
            catch (Exception exception)
            {
                LogDeferred(logger, message.Id, collectionId, exception);
            }
        }
    }

    /// <summary>The timer's pass over due messages; returns how many it performed.</summary>
    public async Task<int> ProcessDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNowToTheMillisecond();
        var performed = 0;
        foreach (var pending in await store.FindDueAsync(now, BatchSize, cancellationToken))
        {
            OutboxHandled handled;
            try
            {
                handled = await HandlerOf(pending.Message).HandleAsync(pending.CollectionId, pending.Message, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                await store.SaveAttemptAsync(Failed(pending, exception, now), cancellationToken);
                continue;
            }

            if (handled.AgainAt is { } againAt)
            {
                await store.SaveAttemptAsync(pending with { NextAttemptAt = againAt }, cancellationToken);
                continue;
            }

            await store.CompleteAsync(pending.CollectionId, pending.Message.Id, cancellationToken);
            performed++;
        }

        if (performed > 0)
        {
            LogPass(logger, performed);
        }

        return performed;
    }

    internal static TimeSpan RetryDelay(int attempts) =>
        attempts >= 7 ? MaxRetryDelay : TimeSpan.FromMinutes(Math.Pow(2, attempts - 1));

    private IOutboxHandler HandlerOf(OutboxMessage message) =>
        handlers.Value.FirstOrDefault(handler => handler.Handles(message))
        ?? throw new InvalidOperationException($"No outbox handler is registered for {message.GetType().Name}.");

    private PendingOutboxMessage Failed(PendingOutboxMessage pending, Exception exception, DateTimeOffset now)
    {
        var attempts = pending.Attempts + 1;
        var isDead = now - pending.Message.DueAt >= GiveUpAfter;
        if (isDead)
        {
            LogDead(logger, pending.Message.Id, pending.CollectionId, attempts, exception);
        }
        else
        {
            LogDeferred(logger, pending.Message.Id, pending.CollectionId, exception);
        }

        return pending with
        {
            Attempts = attempts,
            NextAttemptAt = now + RetryDelay(attempts),
            LastError = $"{exception.GetType().Name}: {exception.Message}",
            IsDead = isDead,
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} of collection {CollectionId} failed; the timer will try again.")]
    private static partial void LogDeferred(ILogger logger, string messageId, string collectionId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up outbox message {MessageId} of collection {CollectionId} after {Attempts} attempts over 72 hours: it needs an operator.")]
    private static partial void LogDead(ILogger logger, string messageId, string collectionId, int attempts, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox pass performed {Performed} messages.")]
    private static partial void LogPass(ILogger logger, int performed);
}
