using System.Text.Json;
using Payments.Domain.Collections;

namespace Payments.Domain.Providers;

/// <summary>
/// <c>pp_system_default</c>: moves no money; used for manual payments and tests (spec §7.3).
/// </summary>
public sealed class SystemPaymentProvider : IPaymentProvider
{
    public const string ProviderId = "pp_system_default";

    public string Id => ProviderId;

    public bool HasLedger => false;

    public Task<ProviderInitiateResult> InitiateAsync(ProviderInitiateRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new ProviderInitiateResult(Guid.NewGuid().ToString(), EmptyJson.Object, Status: null));

    /// <summary>Medusa's system provider names the account after the customer: <c>external_id</c> = the customer id (example 20).</summary>
    public Task<ProviderAccountHolder> CreateAccountHolderAsync(ProviderAccountHolderRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new ProviderAccountHolder(request.Customer.Id, EmptyJson.Object));

    public Task<ProviderAuthorizeResult> AuthorizeAsync(ProviderOperation operation, CancellationToken cancellationToken) =>
        Task.FromResult(new ProviderAuthorizeResult(PaymentSessionStatus.Authorized, EmptyJson.Object));

    public Task<ProviderMove> CaptureAsync(ProviderAmountOperation operation, CancellationToken cancellationToken) => Moved();

    public Task<ProviderMove> RefundAsync(ProviderAmountOperation operation, CancellationToken cancellationToken) => Moved();

    public Task<ProviderLedger?> ReadLedgerAsync(ProviderOperation operation, CancellationToken cancellationToken) =>
        Task.FromResult<ProviderLedger?>(null);

    public Task<JsonElement> CancelAsync(ProviderOperation operation, CancellationToken cancellationToken) => Empty();

    public Task<JsonElement> DeleteAsync(ProviderOperation operation, CancellationToken cancellationToken) => Empty();

    public Task<ProviderWebhookEvent> ParseWebhookAsync(ProviderWebhookRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new ProviderWebhookEvent(WebhookAction.NotSupported, null, null, null, null, null));

    private static Task<JsonElement> Empty() => Task.FromResult(EmptyJson.Object);

    private static Task<ProviderMove> Moved() => Task.FromResult(new ProviderMove(EmptyJson.Object, Reference: null));
}
