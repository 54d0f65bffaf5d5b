using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Readers;
using Payments.Functions;
using Payments.GatewayOpenApi;
using Payments.LocalHost;

namespace Payments.Tests.Infra;

/// <summary>The API Management gateway as the Bicep deploys it, read from the deployment snapshot of each tier.</summary>
[Collection(DeploymentSnapshotCollection.Name)]
public sealed class GatewayTests(DeploymentSnapshot snapshots, CompiledMainTemplate compiled) : IClassFixture<CompiledMainTemplate>
{
    private static readonly string OpenApiPath = Path.Combine(BuildMetadata.RepositoryRoot, GatewayDocument.ContractPath);

    private static readonly string RenderingPath = Path.Combine(BuildMetadata.RepositoryRoot, GatewayDocument.RenderingPath);

    private SnapshotGateway Consumption => new(snapshots.Consumption);

    private SnapshotGateway BasicV2 => new(snapshots.BasicV2);

    [Fact]
    public void Snapshots_evaluate_without_diagnostics()
    {
        Assert.All(snapshots.ByTier.Values, snapshot => Assert.Empty(snapshot.Diagnostics));
    }

    [Theory]
    [InlineData("Consumption", 0)]
    [InlineData("BasicV2", 1)]
    public void The_gateway_is_api_management_in_the_tier_of_the_parameter(string tier, int capacity)
    {
        var service = snapshots.ByTier[tier].OfType("Microsoft.ApiManagement/service").Single();

        Assert.Equal((tier, capacity), ((string)service["sku"]!["name"]!, (int)service["sku"]!["capacity"]!));
    }

    [Fact]
    public async Task The_tier_defaults_to_consumption_and_accepts_only_tiers_with_a_managed_gateway()
    {
        var build = await BicepCli.RunAsync("build", Path.Combine(BuildMetadata.InfraDirectory, "main.bicep"), "--stdout");
        var sku = ArmTemplate.Parse(build.StandardOutput).Parameters["apiManagementSku"];

        Assert.Equal("Consumption", (string)sku["defaultValue"]!);
        Assert.Equal(["Consumption", "BasicV2", "StandardV2"], sku["allowedValues"]!.AsArray().Select(value => (string)value!));
    }

    [Fact]
    public void The_gateways_document_is_the_openapi_3_0_rendering_of_the_contract()
    {
        var expected = GatewayDocument.Render(File.ReadAllText(OpenApiPath));

        Assert.True(
            expected == File.ReadAllText(RenderingPath),
            $"{GatewayDocument.RenderingPath} is not the rendering of {GatewayDocument.ContractPath}: run dotnet run --project tools/Payments.GatewayOpenApi");
    }

    /// <summary>
    /// API Management imports with OpenAPI.NET's 3.0 reader: each document exactly as the deployment hands it to the
    /// importer (the snapshot's API value) must parse there without an error.
    /// </summary>
    [Fact]
    public void Every_document_the_gateway_imports_parses_without_errors_in_api_managements_openapi_3_0_reader()
    {
        var read =
            from snapshot in snapshots.ByTier
            from api in new SnapshotGateway(snapshot.Value).Apis
            select (Name: $"{snapshot.Key} {api.Name}", Document: new OpenApiStringReader().Read(api.Document, out var diagnostic), Diagnostic: diagnostic);

        Assert.All(read, api =>
        {
            Assert.Equal([], api.Diagnostic.Errors.Select(error => $"{api.Name}: {error}"));
            Assert.Equal(OpenApiSpecVersion.OpenApi3_0, api.Diagnostic.SpecificationVersion);
            Assert.NotEmpty(api.Document.Paths);
        });
    }

    [Fact]
    public void The_apis_serve_medusas_path_prefixes_and_the_root_health_check()
    {
        Assert.Equal(
            ["admin", "health:", "hooks", "store"],
            Consumption.Apis.Select(api => api.Name == api.Path ? api.Name : $"{api.Name}:{api.Path}").Order(StringComparer.Ordinal));
        Assert.Equal(
            GatewayApi.All.Select(api => $"{api.Name}:{api.Path}").Order(StringComparer.Ordinal),
            Consumption.Apis.Select(api => $"{api.Name}:{api.Path}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Each_api_imports_its_part_of_the_openapi_document_as_openapi_3_0_json()
    {
        var document = JsonNode.Parse(File.ReadAllText(OpenApiPath))!;
        var rendering = JsonNode.Parse(File.ReadAllText(RenderingPath))!;
        var imported = Consumption.Operations.Select(operation => $"{operation.Method} {operation.PublicPath} {operation.OperationId}");
        var described =
            from path in document["paths"]!.AsObject()
            from operation in path.Value!.AsObject()
            select $"{operation.Key.ToUpperInvariant()} {path.Key} {operation.Value!["operationId"]}";

        Assert.Equal(described.Order(StringComparer.Ordinal), imported.Order(StringComparer.Ordinal));
        Assert.All(Consumption.Apis, api =>
        {
            Assert.Equal("openapi+json", (string)api.Properties["format"]!);
            Assert.Equal(OpenApi30Rendering.Version, (string)JsonNode.Parse(api.Document)!["openapi"]!);
            Assert.Equal(rendering["components"]!.ToJsonString(), JsonNode.Parse(api.Document)!["components"]!.ToJsonString());
        });
    }

    [Fact]
    public void Apis_need_no_subscription_keep_required_query_parameters_as_query_and_speak_https_only()
    {
        Assert.All(Consumption.Apis, api =>
        {
            Assert.False((bool)api.Properties["subscriptionRequired"]!);
            Assert.Equal("query", (string)api.Properties["translateRequiredQueryParameters"]!);
            Assert.Equal(["https"], api.Properties["protocols"]!.AsArray().Select(protocol => (string)protocol!));
        });
    }

    [Fact]
    public void Every_operation_is_rewritten_to_the_function_route_of_the_route_table()
    {
        var rewrites = Consumption.Operations.Select(operation => $"{operation.Method} {operation.PublicPath} -> {operation.FunctionRoute} ({operation.OperationId})");

        Assert.Equal(
            FunctionRoutes.All.Select(route => $"{route.Method} {route.PublicPath} -> {route.Route} ({route.FunctionName})").Order(StringComparer.Ordinal),
            rewrites.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("store", DeploymentSnapshot.StoreOrigins)]
    [InlineData("admin", DeploymentSnapshot.AdminOrigins)]
    [InlineData("hooks", "")]
    [InlineData("health", "")]
    public void Each_api_grants_its_own_origins(string api, string origins)
    {
        var expected = origins.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        Assert.All(snapshots.ByTier.Values, snapshot => Assert.Equal(expected, new SnapshotGateway(snapshot).Api(api).CorsOrigins));
    }

    [Theory]
    [InlineData("store", new[] { "GET", "POST" })]
    [InlineData("admin", new[] { "DELETE", "GET", "POST" })]
    public void A_preflight_advertises_only_the_methods_its_apis_operations_serve(string api, string[] methods)
    {
        var advertised = Consumption.Api(api).Cors!.Element("allowed-methods")!.Elements("method").Select(method => method.Value);

        Assert.Equal(methods, advertised);
        Assert.Equal(GatewayCors.MethodsOf(GatewayApi.All.Single(candidate => candidate.Name == api), Consumption.Operations), advertised);
    }

    [Fact]
    public void The_gateways_cors_is_the_local_hosts()
    {
        var cors = Consumption.Api("store").Cors!;

        Assert.Equal(("true", "false"), ((string)cors.Attribute("allow-credentials")!, (string)cors.Attribute("terminate-unmatched-request")!));
        Assert.Equal(GatewayCors.AllowedHeaders, cors.Element("allowed-headers")!.Elements("header").Select(header => header.Value));
        Assert.Equal(GatewayCors.ExposedHeaders, cors.Element("expose-headers")!.Elements("header").Select(header => header.Value));
        Assert.Equal(GatewayCors.PreflightMaxAge.TotalSeconds, (double)cors.Element("allowed-methods")!.Attribute("preflight-result-max-age")!);
        Assert.Equal("cors", ((XElement)Consumption.Api("store").Policy.Root!.Element("inbound")!.FirstNode!).Name.LocalName);
    }

    [Theory]
    [InlineData("store", "300", "ip:")]
    [InlineData("health", "300", "ip:")]
    [InlineData("admin", "600", "actor:")]
    public void Tiers_with_rate_limit_by_key_limit_each_client_per_minute(string api, string calls, string clientKeyPrefix)
    {
        var policy = BasicV2.Api(api).Policy;
        var limit = policy.Descendants("rate-limit-by-key").Single();

        Assert.Equal((calls, "60"), ((string)limit.Attribute("calls")!, (string)limit.Attribute("renewal-period")!));
        Assert.Equal("@((string)context.Variables[\"clientKey\"])", (string)limit.Attribute("counter-key")!);
        Assert.Equal("retryAfter", (string)limit.Attribute("retry-after-variable-name")!);
        Assert.Contains(clientKeyPrefix, (string)policy.Descendants("set-variable").Single().Attribute("value")!, StringComparison.Ordinal);
        Assert.Empty(policy.Descendants("limit-concurrency"));
    }

    [Theory]
    [InlineData("store")]
    [InlineData("health")]
    [InlineData("admin")]
    public void The_consumption_tier_holds_each_client_to_requests_in_flight_instead(string api)
    {
        var policy = Consumption.Api(api).Policy;
        var limit = policy.Descendants("limit-concurrency").Single();

        Assert.Empty(policy.Descendants("rate-limit-by-key"));
        Assert.Equal("10", (string)limit.Attribute("max-count")!);
        Assert.Equal("@((string)context.Variables[\"clientKey\"])", (string)limit.Attribute("key")!);
        Assert.Equal("forward-request", Assert.Single(limit.Elements()).Name.LocalName);
    }

    [Fact]
    public void Webhooks_have_no_limit_in_any_tier()
    {
        Assert.All(snapshots.ByTier.Values, snapshot =>
        {
            var policy = new SnapshotGateway(snapshot).Api("hooks").Policy;
            Assert.Empty(policy.Descendants("rate-limit-by-key"));
            Assert.Empty(policy.Descendants("limit-concurrency"));
        });
    }

    /// <summary>
    /// Whichever way a limit's refusal arrives (an error of rate-limit-by-key or limit-concurrency, or a 429 response
    /// limit-concurrency answers itself), the same handler answers it, and reads the retry-after variable whatever type
    /// the policy stored it as: an invalid cast there would turn the 429 into a 500.
    /// </summary>
    [Fact]
    public void A_limit_answers_429_with_a_medusa_body_and_retry_after_however_its_refusal_arrives()
    {
        var policy = Consumption.GlobalPolicy.Root!;
        var onError = policy.Element("on-error")!.Descendants("when").Single(when => ((string)when.Attribute("condition")!).Contains("client-concurrency", StringComparison.Ordinal));
        var outbound = policy.Element("outbound")!.Descendants("when").Single();
        var response = onError.Element("return-response")!;

        Assert.Contains("client-rate-limit", (string)onError.Attribute("condition")!, StringComparison.Ordinal);
        Assert.Equal("@(context.Response.StatusCode == 429)", (string)outbound.Attribute("condition")!);
        Assert.Equal(onError.Elements().Select(element => element.ToString()), outbound.Elements().Select(element => element.ToString()));
        Assert.Equal("429", (string)response.Element("set-status")!.Attribute("code")!);
        Assert.Equal(
            "@(context.Variables.ContainsKey(\"retryAfter\") ? Convert.ToString(context.Variables[\"retryAfter\"]) : \"1\")",
            (string)onError.Element("set-variable")!.Attribute("value")!);
        Assert.DoesNotContain("GetValueOrDefault(\"retryAfter\"", policy.ToString(), StringComparison.Ordinal);
        Assert.Contains(response.Elements("set-header"), header => (string)header.Attribute("name")! == "Retry-After" && header.Value.Trim() == "@((string)context.Variables[\"retryAfterSeconds\"])");
        Assert.Contains(response.Elements("set-header"), header => header.Value.Trim() == "application/json; charset=utf-8");
        Assert.Contains("new JProperty(\"type\", \"not_allowed\")", response.Element("set-body")!.Value, StringComparison.Ordinal);
        Assert.Contains("new JProperty(\"message\"", response.Element("set-body")!.Value, StringComparison.Ordinal);
    }

    /// <summary>
    /// The admin limit counts an actor only once the gateway has verified the token (issue 16): an actor_id anyone can
    /// write, or a Basic credential anyone can vary, would choose the bucket. A token that does not verify is answered
    /// as the app answers it.
    /// </summary>
    [Fact]
    public void The_admin_limit_keys_on_the_actor_of_a_jwt_the_gateway_verified_else_on_the_address()
    {
        var policy = BasicV2.Api("admin").Policy;
        var validate = policy.Descendants("validate-jwt").Single();
        var clientKey = (string)policy.Descendants("set-variable").Single().Attribute("value")!;
        var namedValue = compiled.ModuleTemplate("gateway").Resource("adminJwtSecretValue");
        var unauthorized = Consumption.GlobalPolicy.Root!.Element("on-error")!.Descendants("when").Single(when => ((string)when.Attribute("condition")!).Contains("validate-jwt", StringComparison.Ordinal));

        Assert.Equal(("Authorization", "Bearer", "verifiedJwt"), ((string)validate.Attribute("header-name")!, (string)validate.Attribute("require-scheme")!, (string)validate.Attribute("output-token-variable-name")!));
        Assert.Equal("{{admin-jwt-secret-base64}}", validate.Element("issuer-signing-keys")!.Element("key")!.Value);
        Assert.Equal("user", validate.Descendants("claim").Single(claim => (string)claim.Attribute("name")! == "actor_type").Element("value")!.Value);
        Assert.Equal("[base64(parameters('adminJwtSecret'))]", namedValue.Text("properties", "value"));
        Assert.True(namedValue.At("properties", "secret")!.GetValue<bool>());
        Assert.Contains("context.Variables[\"verifiedJwt\"]", clientKey, StringComparison.Ordinal);
        Assert.Contains("\"ip:\" + context.Request.IpAddress", clientKey, StringComparison.Ordinal);
        Assert.DoesNotContain("AsJwt()", clientKey, StringComparison.Ordinal);
        Assert.DoesNotContain("credential:", clientKey, StringComparison.Ordinal);
        Assert.Equal("{\"message\":\"Unauthorized\"}", unauthorized.Descendants("set-body").Single().Value);
    }

    /// <summary>
    /// A storefront server calls the store API for all its shoppers from one address: from the trusted storefront
    /// addresses only, the shopper's address it forwards counts instead (issue 16).
    /// </summary>
    [Theory]
    [InlineData("store")]
    [InlineData("health")]
    public void The_store_limit_honours_a_forwarded_address_only_from_trusted_storefront_servers(string api)
    {
        var clientKey = (string)BasicV2.Api(api).Policy.Descendants("set-variable").Single().Attribute("value")!;

        Assert.Contains("\"203.0.113.10,203.0.113.11\".Split(',').Contains(address)", clientKey, StringComparison.Ordinal);
        Assert.Contains("X-Forwarded-For", clientKey, StringComparison.Ordinal);
        Assert.Contains("fromStorefront && forwarded.Length > 0 ? forwarded : address", clientKey, StringComparison.Ordinal);
    }

    /// <summary>
    /// The key the app serves requests with is the deployment's own secret parameter, so the gateway is complete on the
    /// first provisioning: nothing is read from the running app (listKeys on host/default, whose keys exist only once the
    /// host has started).
    /// </summary>
    [Fact]
    public void The_gateway_key_is_a_secret_named_value_from_the_deployment_sent_only_by_the_backend()
    {
        var namedValue = compiled.ModuleTemplate("gateway").Resource("gatewayKeyValue");
        var backend = snapshots.Consumption.Single("Microsoft.ApiManagement/service/backends", "/payments-functions");
        var inbound = Consumption.GlobalPolicy.Root!.Element("inbound")!;

        Assert.True(namedValue.At("properties", "secret")!.GetValue<bool>());
        Assert.Equal("[parameters('gatewayKey')]", namedValue.Text("properties", "value"));
        Assert.Equal("[parameters('gatewayKey')]", compiled.Main.Module("gateway").Argument("gatewayKey"));
        Assert.DoesNotContain("listKeys(", compiled.Build.StandardOutput, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["{{gateway-key}}"], backend["properties"]!["credentials"]!["header"]![GatewayKey.HeaderName]!.AsArray().Select(value => (string)value!));
        Assert.Contains("defaultHostName", (string)backend["properties"]!["url"]!, StringComparison.Ordinal);
        Assert.Contains(inbound.Elements("set-header"), header => (string)header.Attribute("name")! == GatewayKey.HeaderName && (string)header.Attribute("exists-action")! == "delete");
        Assert.Equal("payments-functions", (string)inbound.Element("set-backend-service")!.Attribute("backend-id")!);
    }

    [Fact]
    public void The_api_base_url_output_is_the_gateway_url()
    {
        Assert.Matches(@"^\[reference\('/subscriptions/.+/providers/Microsoft\.ApiManagement/service/apim-[a-z0-9]+', '[0-9-]+'\)\.gatewayUrl\]$", (string)snapshots.Consumption.Outputs["API_BASE_URL"]!);
    }
}
