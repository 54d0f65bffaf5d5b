namespace Payments.Functions;

/// <summary>
/// The table of contents of the HTTP API: every public path the gateway serves, the function route it is
/// rewritten to, and the function behind it. The function attributes read the route constants; the gateway's
/// rewrite (<c>x-function-route</c> in docs/openapi.json, deployed by infra/) and the tests are checked against
/// <see cref="All"/>.
/// </summary>
/// <remarks>
/// Two rules of the Functions host shape these routes. It refuses any function route that starts with
/// <c>admin</c> or <c>runtime</c> (its own built-in routes), so Medusa's <c>/admin/*</c> paths are served from
/// <c>manage/*</c>. And it tries the routes in function-name order, first match wins, so no two templates of one
/// method may overlap: the admin provider list, which Medusa puts under <c>/admin/payments/</c> beside
/// <c>/admin/payments/{id}</c>, has a path of its own. Every HTTP function is <c>AuthorizationLevel.Anonymous</c>
/// to the host: <see cref="GatewayKeyMiddleware"/> serves only requests carrying the gateway's key, which only the
/// gateway holds (a host key would have to be read from the running app when the gateway is deployed).
/// </remarks>
public static class FunctionRoutes
{
    public const string StorePaymentCollections = "store/payment-collections";
    public const string StorePaymentSessions = "store/payment-collections/{id}/payment-sessions";
    public const string StorePaymentProviders = "store/payment-providers";

    public const string AdminPayments = "manage/payments";
    public const string AdminPayment = "manage/payments/{id}";
    public const string AdminPaymentCapture = "manage/payments/{id}/capture";
    public const string AdminPaymentRefund = "manage/payments/{id}/refund";
    public const string AdminPaymentProviders = "manage/payment-providers";

    public const string AdminPaymentCollections = "manage/payment-collections";
    public const string AdminPaymentCollection = "manage/payment-collections/{id}";
    public const string AdminMarkAsPaid = "manage/payment-collections/{id}/mark-as-paid";
    public const string AdminPaymentSessions = "manage/payment-collections/{id}/payment-sessions";
    public const string AdminAuthorizeSession = "manage/payment-collections/{id}/payment-sessions/{sessionId}/authorize";

    public const string AdminRefundReasons = "manage/refund-reasons";
    public const string AdminRefundReason = "manage/refund-reasons/{id}";

    public const string ProviderWebhook = "hooks/payment/{provider}";

    public const string Health = "health";

    /// <summary>Spec §1.1 in the order it lists the routes, then the health check.</summary>
    public static IReadOnlyList<PublicRoute> All { get; } =
    [
        new("POST", "/store/payment-collections", StorePaymentCollections, nameof(StorePaymentCollectionFunctions.CreatePaymentCollection)),
        new("POST", "/store/payment-collections/{id}/payment-sessions", StorePaymentSessions, nameof(StorePaymentCollectionFunctions.InitializePaymentSession)),
        new("GET", "/store/payment-providers", StorePaymentProviders, nameof(StorePaymentProviderFunctions.ListStorePaymentProviders)),
        new("GET", "/admin/payments", AdminPayments, nameof(AdminPaymentFunctions.ListPayments)),
        new("GET", "/admin/payments/{id}", AdminPayment, nameof(AdminPaymentFunctions.GetPayment)),
        new("POST", "/admin/payments/{id}/capture", AdminPaymentCapture, nameof(AdminPaymentFunctions.CapturePayment)),
        new("POST", "/admin/payments/{id}/refund", AdminPaymentRefund, nameof(AdminPaymentFunctions.RefundPayment)),
        new("GET", "/admin/payments/payment-providers", AdminPaymentProviders, nameof(AdminPaymentFunctions.ListAdminPaymentProviders)),
        new("POST", "/admin/payment-collections", AdminPaymentCollections, nameof(AdminPaymentCollectionFunctions.CreateOrderPaymentCollection)),
        new("DELETE", "/admin/payment-collections/{id}", AdminPaymentCollection, nameof(AdminPaymentCollectionFunctions.DeletePaymentCollection)),
        new("POST", "/admin/payment-collections/{id}/mark-as-paid", AdminMarkAsPaid, nameof(AdminPaymentCollectionFunctions.MarkPaymentCollectionAsPaid)),
        new("POST", "/admin/payment-collections/{id}/payment-sessions", AdminPaymentSessions, nameof(AdminPaymentCollectionFunctions.InitializeAdminPaymentSession)),
        new("GET", "/admin/refund-reasons", AdminRefundReasons, nameof(AdminRefundReasonFunctions.ListRefundReasons)),
        new("POST", "/admin/refund-reasons", AdminRefundReasons, nameof(AdminRefundReasonFunctions.CreateRefundReason)),
        new("GET", "/admin/refund-reasons/{id}", AdminRefundReason, nameof(AdminRefundReasonFunctions.GetRefundReason)),
        new("POST", "/admin/refund-reasons/{id}", AdminRefundReason, nameof(AdminRefundReasonFunctions.UpdateRefundReason)),
        new("DELETE", "/admin/refund-reasons/{id}", AdminRefundReason, nameof(AdminRefundReasonFunctions.DeleteRefundReason)),
        new("POST", "/hooks/payment/{provider}", ProviderWebhook, nameof(ProviderWebhookFunctions.ReceiveProviderWebhook)),
        new("POST", "/admin/payment-collections/{id}/payment-sessions/{sessionId}/authorize", AdminAuthorizeSession, nameof(AdminPaymentCollectionFunctions.AuthorizePaymentSession)),
        new("GET", "/health", Health, nameof(HealthFunctions.Health)),
    ];
}

/// <summary>One row of <see cref="FunctionRoutes.All"/>. Path parameters carry the same names on both sides, so the
/// gateway's rewrite is the function route with the request's values put in.</summary>
/// <param name="Method">The HTTP method, upper case.</param>
/// <param name="PublicPath">The path clients call on the gateway (Medusa's, spec §1.1).</param>
/// <param name="Route">The function route the gateway forwards to (host.json clears the route prefix).</param>
/// <param name="FunctionName">The <c>[Function]</c> name that serves it.</param>
public sealed record PublicRoute(string Method, string PublicPath, string Route, string FunctionName);
