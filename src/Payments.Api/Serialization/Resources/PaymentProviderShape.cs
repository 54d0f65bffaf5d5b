using Payments.Api.Serialization.Projection;

namespace Payments.Api.Serialization.Resources;

/// <summary>Spec §5.7.</summary>
internal static class PaymentProviderShape
{
    public static ResourceShape<PaymentProviderListing> Instance { get; } = new ResourceShapeBuilder<PaymentProviderListing>()
        .String("id", provider => provider.Id)
        .Boolean("is_enabled", provider => provider.IsEnabled)
        .Build();
}
