using System.Text.Json;
using Payments.Domain.Configuration;

namespace Payments.Domain.Providers;

/// <summary>
/// A provider whose credential is an unusable secret setting: it stays registered under its id, so regions and sessions
/// keep naming it, and every call is refused with <see cref="SecretSettingUnusableException"/> (503) instead of reaching
/// the provider with the wrong credential.
/// </summary>
public sealed class UnusableSecretPaymentProvider(string id, SecretSetting setting, string? value) : IPaymentProvider
{
    public string Id { get; } = id;

    /// <summary>It stands for a provider that keeps a ledger, which cannot be read while the credential is unusable.</summary>
    public bool HasLedger => true;

    public Task<ProviderInitiateResult> InitiateAsync(ProviderInitiateRequest request, CancellationToken cancellationToken) => Refuse<ProviderInitiateResult>();

    public Task<ProviderAccountHolder> CreateAccountHolderAsync(ProviderAccountHolderRequest request, CancellationToken cancellationToken) => Refuse<ProviderAccountHolder>();

    public Task<ProviderAuthorizeResult> AuthorizeAsync(ProviderOperation operation, CancellationToken cancellationToken) => Refuse<ProviderAuthorizeResult>();

    public Task<ProviderMove> CaptureAsync(ProviderAmountOperation operation, CancellationToken cancellationToken) => Refuse<ProviderMove>();

    public Task<ProviderMove> RefundAsync(ProviderAmountOperation operation, CancellationToken cancellationToken) => Refuse<ProviderMove>();

    public Task<ProviderLedger?> ReadLedgerAsync(ProviderOperation operation, CancellationToken cancellationToken) => Refuse<ProviderLedger?>();

    public Task<JsonElement> CancelAsync(ProviderOperation operation, CancellationToken cancellationToken) => Refuse<JsonElement>();

    public Task<JsonElement> DeleteAsync(ProviderOperation operation, CancellationToken cancellationToken) => Refuse<JsonElement>();

    public Task<ProviderWebhookEvent> ParseWebhookAsync(ProviderWebhookRequest request, CancellationToken cancellationToken) => Refuse<ProviderWebhookEvent>();

    private Task<T> Refuse<T>() => Task.FromException<T>(new SecretSettingUnusableException(setting, value));
}
