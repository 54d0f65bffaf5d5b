using Payments.Api.Requests;

namespace Payments.Tests.Unit.Requests;

/// <summary>Schemas shaped like those of the routes (spec §3.4), for the validation tests.</summary>
internal static class RouteSchemas
{
    public static readonly BodySchema CreateCollection = new(BodyField.Identifier("cart_id"));

    public static readonly BodySchema InitializeSession = new(
        BodyField.Identifier("provider_id"),
        BodyField.Record("data").Optional());

    public static readonly BodySchema Capture = new(BodyField.Amount("amount").Optional().GreaterThanZero());

    public static readonly BodySchema Refund = new(
        BodyField.Amount("amount").Optional().GreaterThanZero(),
        BodyField.Identifier("refund_reason_id").Optional(),
        BodyField.LongText("note").Optional());

    public static readonly BodySchema CreateRefundReason = new(
        BodyField.ShortText("label"),
        BodyField.ShortText("code"),
        BodyField.LongText("description").Optional().Nullable());

    public static readonly QuerySchema CollectionQuery = new(QueryParameter.Fields);

    public static readonly QuerySchema StorePaymentProviders = new(
        QueryParameter.String("region_id").Required(),
        QueryParameter.Limit(defaultValue: 20),
        QueryParameter.Offset,
        QueryParameter.String("order"),
        QueryParameter.Fields,
        QueryParameter.Boolean("with_deleted"));
}
