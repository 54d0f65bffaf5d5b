namespace Payments.Tests.Integration.Hostile;

/// <summary>Who may call a route: the credentials the generators put on a request unless they attack them.</summary>
internal enum RouteCaller
{
    Store,
    Admin,
    Webhook,
}

/// <summary>What a body field holds, so that a generator knows its valid values and its hostile ones.</summary>
internal enum FieldKind
{
    Id,
    Amount,
    PositiveAmount,
    Text,
    NullableText,
    Record,
}

/// <summary>Which query parameters a route takes.</summary>
internal enum QueryKind
{
    None,
    Fields,
    StoreProviders,
    PaymentList,
    ProviderList,
    ReasonList,
}

internal sealed record BodyFieldSpec(string Name, FieldKind Kind, bool Required = true);

/// <summary>
/// A route of spec §1.1 as the generators see it. The template's placeholders (<c>{collection}</c>,
/// <c>{payment}</c>, <c>{session}</c>, <c>{reason}</c>, <c>{provider}</c>) take the ids of real entities, or a hostile
/// segment when the path itself is attacked.
/// </summary>
internal sealed record HostileRoute(HttpMethod Method, string Template, RouteCaller Caller, QueryKind Query, IReadOnlyList<BodyFieldSpec>? Body)
{
    public static IReadOnlyList<HostileRoute> All { get; } =
    [
        new(HttpMethod.Post, "/store/payment-collections", RouteCaller.Store, QueryKind.Fields, [new("cart_id", FieldKind.Id)]),
        new(HttpMethod.Post, "/store/payment-collections/{collection}/payment-sessions", RouteCaller.Store, QueryKind.Fields, SessionBody),
        new(HttpMethod.Get, "/store/payment-providers", RouteCaller.Store, QueryKind.StoreProviders, Body: null),
        new(HttpMethod.Get, "/admin/payments", RouteCaller.Admin, QueryKind.PaymentList, Body: null),
        new(HttpMethod.Get, "/admin/payments/{payment}", RouteCaller.Admin, QueryKind.Fields, Body: null),
        new(HttpMethod.Post, "/admin/payments/{payment}/capture", RouteCaller.Admin, QueryKind.Fields, [new("amount", FieldKind.PositiveAmount, Required: false)]),
        new(HttpMethod.Post, "/admin/payments/{payment}/refund", RouteCaller.Admin, QueryKind.Fields,
            [new("amount", FieldKind.PositiveAmount, Required: false), new("refund_reason_id", FieldKind.Id, Required: false), new("note", FieldKind.Text, Required: false)]),
        new(HttpMethod.Get, "/admin/payments/payment-providers", RouteCaller.Admin, QueryKind.ProviderList, Body: null),
        new(HttpMethod.Post, "/admin/payment-collections", RouteCaller.Admin, QueryKind.Fields, [new("order_id", FieldKind.Id), new("amount", FieldKind.Amount)]),
        new(HttpMethod.Delete, "/admin/payment-collections/{collection}", RouteCaller.Admin, QueryKind.None, Body: null),
        new(HttpMethod.Post, "/admin/payment-collections/{collection}/mark-as-paid", RouteCaller.Admin, QueryKind.Fields,
            [new("order_id", FieldKind.Id), new("provider_id", FieldKind.Id, Required: false)]),
        new(HttpMethod.Post, "/admin/payment-collections/{collection}/payment-sessions", RouteCaller.Admin, QueryKind.Fields, SessionBody),
        new(HttpMethod.Post, "/admin/payment-collections/{collection}/payment-sessions/{session}/authorize", RouteCaller.Admin, QueryKind.Fields, []),
        new(HttpMethod.Get, "/admin/refund-reasons", RouteCaller.Admin, QueryKind.ReasonList, Body: null),
        new(HttpMethod.Post, "/admin/refund-reasons", RouteCaller.Admin, QueryKind.Fields, ReasonBody(required: true)),
        new(HttpMethod.Get, "/admin/refund-reasons/{reason}", RouteCaller.Admin, QueryKind.Fields, Body: null),
        new(HttpMethod.Post, "/admin/refund-reasons/{reason}", RouteCaller.Admin, QueryKind.Fields, ReasonBody(required: false)),
        new(HttpMethod.Delete, "/admin/refund-reasons/{reason}", RouteCaller.Admin, QueryKind.None, Body: null),
        new(HttpMethod.Post, "/hooks/payment/{provider}", RouteCaller.Webhook, QueryKind.None, Body: null),
    ];

    public string Name => $"{Method.Method} {Template}";

    public bool TakesBody => Body is not null || Caller == RouteCaller.Webhook;

    public IEnumerable<string> Placeholders =>
        Template.Split('/').Where(segment => segment.StartsWith('{')).Select(segment => segment[1..^1]);

    private static IReadOnlyList<BodyFieldSpec> SessionBody => [new("provider_id", FieldKind.Id), new("data", FieldKind.Record, Required: false)];

    private static IReadOnlyList<BodyFieldSpec> ReasonBody(bool required) =>
        [new("label", FieldKind.Text, required), new("code", FieldKind.Text, required), new("description", FieldKind.NullableText, Required: false)];
}
