using Payments.Api.Serialization;
using Payments.Domain.Collections;

namespace Payments.Tests.Unit.Serialization;

/// <summary>Spec §5.8: status wire names.</summary>
public sealed class MedusaEnumTests
{
    [Theory]
    [InlineData(PaymentCollectionStatus.NotPaid, "not_paid")]
    [InlineData(PaymentCollectionStatus.Awaiting, "awaiting")]
    [InlineData(PaymentCollectionStatus.Authorized, "authorized")]
    [InlineData(PaymentCollectionStatus.PartiallyAuthorized, "partially_authorized")]
    [InlineData(PaymentCollectionStatus.Canceled, "canceled")]
    [InlineData(PaymentCollectionStatus.Failed, "failed")]
    [InlineData(PaymentCollectionStatus.PartiallyCaptured, "partially_captured")]
    [InlineData(PaymentCollectionStatus.Completed, "completed")]
    public void Collection_status_is_written_in_snake_case(PaymentCollectionStatus status, string expected) =>
        Assert.Equal(expected, MedusaEnum.WireName(status));

    [Theory]
    [InlineData(PaymentSessionStatus.Authorized, "authorized")]
    [InlineData(PaymentSessionStatus.Captured, "captured")]
    [InlineData(PaymentSessionStatus.Pending, "pending")]
    [InlineData(PaymentSessionStatus.RequiresMore, "requires_more")]
    [InlineData(PaymentSessionStatus.Error, "error")]
    [InlineData(PaymentSessionStatus.Canceled, "canceled")]
    [InlineData(PaymentSessionStatus.PendingAuthorization, "pending_authorization")]
    public void Session_status_is_written_in_snake_case(PaymentSessionStatus status, string expected) =>
        Assert.Equal(expected, MedusaEnum.WireName(status));
}
