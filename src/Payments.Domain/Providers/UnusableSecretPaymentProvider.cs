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

    public Task<ProviderInitiateResult> InitiateAsync(ProviderInitiateRequest request, CancellationToken cancellationToken) => Refuse<ProviderInitiateResult>();

    public Task<ProviderAccountHolder> CreateAccountHolderAsync(ProviderAccountHolderRequest request, CancellationToken cancellationToken) => Refuse<ProviderAccountHolder>();

    public Task<ProviderAuthorizeResult> AuthorizeAsync(ProviderOperation operation, CancellationToken cancellationToken) => Refuse<ProviderAuthorizeResult>();

    public Task<JsonElement> CaptureAsync(ProviderAmountOperation operation, CancellationToken cancellationToken) => Refuse<JsonElement>();

    public Task<JsonElement> RefundAsync(ProviderAmountOperation operation, CancellationToken cancellationToken) => Refuse<JsonElement>();

    public Task<JsonElement> CancelAsync(ProviderOperation operation, CancellationToken cancellationToken) => Refuse<JsonElement>();

    public Task<JsonElement> DeleteAsync(ProviderOperation operation, CancellationToken cancellationToken) => Refuse<JsonElement>();

    public Task<ProviderWebhookEvent> ParseWebhookAsync(ProviderWebhookRequest request, CancellationToken cancellationToken) => Refuse<ProviderWebhookEvent>();

    private Task<T> Refuse<T>() => Task.FromException<T>(new SecretSettingUnusableException(setting, value));
}
