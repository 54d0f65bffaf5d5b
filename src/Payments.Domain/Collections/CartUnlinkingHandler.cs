using Payments.Domain.Outbox;
using Payments.Domain.Ports;

namespace Payments.Domain.Collections;

/// <summary>Removes a deleted collection's cart link (only while it still names that collection).</summary>
public sealed class CartUnlinkingHandler(ICartCollectionLinks links) : OutboxHandler<CartUnlinking>
{
    protected override async Task<OutboxHandled> HandleAsync(string collectionId, CartUnlinking message, CancellationToken cancellationToken)
    {
        await links.UnlinkAsync(message.CartId, collectionId, cancellationToken);
        return OutboxHandled.Done;
    }
}
