using System.Net;
using Azure;
using Azure.Data.Tables;
using Payments.Domain.Ports;
using Payments.Domain.Sessions;
using Payments.Storage.Tables;

namespace Payments.Storage.AccountHolders;

/// <summary>
/// Account holders in <c>accountholders</c> (<see cref="AccountHolderRow"/>): the claim is an insert, which Table
/// Storage lets only one writer win; completing, taking over and releasing are conditional on the claim's ETag.
/// </summary>
internal sealed class TableAccountHolderStore(PaymentsTables tables) : IAccountHolderStore
{
    public async Task<IReadOnlyList<AccountHolderSlot>> ListAsync(string customerId, CancellationToken cancellationToken)
    {
        if (!TableKey.IsValid(customerId))
        {
            return [];
        }

        var table = await tables.AccountHolders.GetAsync(cancellationToken).ConfigureAwait(false);
        var slots = new List<AccountHolderSlot>();
        await foreach (var entity in table.QueryAsync<TableEntity>(row => row.PartitionKey == customerId, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            slots.Add(AccountHolderRow.FromEntity(entity));
        }

        return slots;
    }

    public async Task<AccountHolderSlot?> TryClaimAsync(string customerId, string providerId, string holderId, DateTimeOffset claimedUntil, CancellationToken cancellationToken)
    {
        var claim = AccountHolderRow.Claim(customerId, providerId, holderId, claimedUntil);
        var table = await tables.AccountHolders.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await table.AddEntityAsync(claim, cancellationToken).ConfigureAwait(false);
            return new AccountHolderSlot(customerId, providerId, holderId, Holder: null, claimedUntil, response.Headers.ETag!.Value.ToString());
        }
        catch (RequestFailedException taken) when (taken.Status == (int)HttpStatusCode.Conflict)
        {
            return null;
        }
    }

    public async Task<AccountHolderSlot?> TryTakeOverAsync(AccountHolderSlot expired, DateTimeOffset claimedUntil, CancellationToken cancellationToken)
    {
        var claim = AccountHolderRow.Claim(expired.CustomerId, expired.ProviderId, expired.HolderId, claimedUntil);
        var version = await TryReplaceAsync(claim, expired.Version, cancellationToken).ConfigureAwait(false);
        return version is null ? null : expired with { ClaimedUntil = claimedUntil, Version = version };
    }

    public async Task<bool> TryCompleteAsync(AccountHolderSlot claim, AccountHolder holder, CancellationToken cancellationToken) =>
        await TryReplaceAsync(AccountHolderRow.Created(claim.CustomerId, holder), claim.Version, cancellationToken).ConfigureAwait(false) is not null;

    public async Task ReleaseAsync(AccountHolderSlot claim, CancellationToken cancellationToken)
    {
        var table = await tables.AccountHolders.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await table.DeleteEntityAsync(claim.CustomerId, claim.ProviderId, new ETag(claim.Version), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException changed) when (changed.Status is (int)HttpStatusCode.NotFound or (int)HttpStatusCode.PreconditionFailed)
        {
            // Taken over or released already: no longer this request's claim.
        }
    }

    private async Task<string?> TryReplaceAsync(TableEntity entity, string version, CancellationToken cancellationToken)
    {
        var table = await tables.AccountHolders.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await table.UpdateEntityAsync(entity, new ETag(version), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return response.Headers.ETag!.Value.ToString();
        }
        catch (RequestFailedException changed) when (changed.Status is (int)HttpStatusCode.NotFound or (int)HttpStatusCode.PreconditionFailed)
        {
            return null;
        }
    }
}
