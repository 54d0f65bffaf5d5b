using Payments.Domain.Ports;

namespace Payments.Api.Idempotency;

/// <summary>
/// How a POST goes on after its <c>Idempotency-Key</c> step: as usual (no key), as the owner of the key's
/// <see cref="Claim"/>, or not at all: the <see cref="Replay"/> is its answer.
/// </summary>
public sealed class IdempotencyStart
{
    private IdempotencyStart(IdempotencyClaim? claim, ReplayedResponse? replay)
    {
        Claim = claim;
        Replay = replay;
    }

    public static IdempotencyStart WithoutKey { get; } = new(claim: null, replay: null);

    public IdempotencyClaim? Claim { get; }

    public ReplayedResponse? Replay { get; }

    public static IdempotencyStart Claimed(IdempotencyClaim claim) => new(claim, replay: null);

    public static IdempotencyStart Replayed(StoredResponse response) => new(claim: null, new ReplayedResponse(response));
}
