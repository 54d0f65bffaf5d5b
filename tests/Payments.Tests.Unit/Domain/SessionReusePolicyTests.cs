using System.Text.Json;
using Payments.Domain.Collections;
using Payments.Domain.Sessions;
using static Payments.Tests.Unit.TestData.DomainRecords;

namespace Payments.Tests.Unit.Domain;

public sealed class SessionReusePolicyTests
{
    [Fact]
    public void Reuses_a_pending_session_of_the_same_provider_amount_and_currency_without_data() =>
        Assert.True(SessionReusePolicy.CanReuse(CollectionWith(Session()), Request()));

    [Fact]
    public void Reuses_a_session_that_requires_more() =>
        Assert.True(SessionReusePolicy.CanReuse(CollectionWith(Session(status: PaymentSessionStatus.RequiresMore)), Request()));

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"note":"anchor"}""")]
    [InlineData("""{"nested":{"a":[1,2]},"note":"anchor"}""")]
    public void Reuses_when_the_request_data_is_already_in_the_session_data(string requestData) =>
        Assert.True(SessionReusePolicy.CanReuse(
            CollectionWith(Session(data: Json("""{"note":"anchor","nested":{"a":[1,2]},"id":"pi_1"}"""))),
            Request(Json(requestData))));

    [Theory]
    [InlineData("""{"note":"other"}""")]
    [InlineData("""{"extra":1}""")]
    [InlineData("""{"nested":{"a":[2,1]}}""")]
    public void Creates_a_new_session_when_the_request_brings_new_data(string requestData) =>
        Assert.False(SessionReusePolicy.CanReuse(
            CollectionWith(Session(data: Json("""{"note":"anchor","nested":{"a":[1,2]}}"""))),
            Request(Json(requestData))));

    [Theory]
    [InlineData(PaymentSessionStatus.Authorized)]
    [InlineData(PaymentSessionStatus.Error)]
    [InlineData(PaymentSessionStatus.Canceled)]
    [InlineData(PaymentSessionStatus.PendingAuthorization)]
    public void Does_not_reuse_a_session_in_another_status(PaymentSessionStatus status) =>
        Assert.False(SessionReusePolicy.CanReuse(CollectionWith(Session(status: status)), Request()));

    [Fact]
    public void Does_not_reuse_a_session_of_another_provider() =>
        Assert.False(SessionReusePolicy.CanReuse(CollectionWith(Session(providerId: "pp_stripe_stripe")), Request()));

    [Fact]
    public void Does_not_reuse_a_session_whose_amount_differs_from_the_collection() =>
        Assert.False(SessionReusePolicy.CanReuse(CollectionWith(Session(49.99m)), Request()));

    [Fact]
    public void Does_not_reuse_a_session_without_a_provider_reference() =>
        Assert.False(SessionReusePolicy.CanReuse(CollectionWith(Session() with { ProviderReference = null }), Request()));

    [Fact]
    public void Does_not_reuse_when_reuse_is_disabled() =>
        Assert.False(SessionReusePolicy.CanReuse(CollectionWith(Session()), Request() with { AllowReuse = false }));

    [Fact]
    public void Does_not_reuse_when_the_collection_has_no_session_or_several()
    {
        Assert.False(SessionReusePolicy.CanReuse(CollectionWith(), Request()));
        Assert.False(SessionReusePolicy.CanReuse(CollectionWith(Session(), Session(id: "payses_2")), Request()));
    }

    private static SessionInitialization Request(JsonElement? data = null) =>
        new("pay_col_1", "pp_system_default", data);

    /// <summary>A collection of 50.00 against the sessions' 50: amounts compare by value, not by scale.</summary>
    private static PaymentCollection CollectionWith(params PaymentSession[] sessions) => Collection(50.00m, sessions: sessions);
}
