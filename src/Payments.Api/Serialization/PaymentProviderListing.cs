namespace Payments.Api.Serialization;

/// <summary>
/// A provider as the provider routes list it (spec §5.7). Both routes list registered providers only, so they show
/// it enabled; <c>is_enabled</c> stays for Medusa's shape and its filter.
/// </summary>
public sealed record PaymentProviderListing(string Id, bool IsEnabled);
