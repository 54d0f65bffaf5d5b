namespace Payments.Api.Serialization;

/// <summary>
/// A provider as the provider routes list it (spec §5.7): enabled when registered; a provider id configured
/// on a region but not registered is listed as not enabled.
/// </summary>
public sealed record PaymentProviderListing(string Id, bool IsEnabled);
