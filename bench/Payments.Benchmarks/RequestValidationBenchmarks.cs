using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Payments.Api.Endpoints;
using Payments.Api.Requests;

namespace Payments.Benchmarks;

/// <summary>
/// Reading and validating what a request brings (spec §1.3, §3.3, §3.4), against what ASP.NET Core does
/// without Medusa's rules: typed model binding for the body, the flat query parser for the query string.
/// </summary>
[Config(typeof(HotPathConfig))]
public class RequestValidationBenchmarks
{
    private const string SessionBody = "session-init body";
    private const string FilteredQuery = "admin payments query";

    /// <summary>The query of <c>GET /admin/payments</c> as spec §6.4 declares it.</summary>
    private static readonly QuerySchema AdminPaymentsQuery = new(
        QueryParameter.Limit(20),
        QueryParameter.Offset,
        QueryParameter.String("order"),
        QueryParameter.Fields,
        QueryParameter.Any("with_deleted"),
        QueryParameter.StringOrArray("id"),
        QueryParameter.StringOrArray("payment_session_id"),
        QueryParameter.Any("created_at"),
        QueryParameter.Any("updated_at"),
        QueryParameter.Any("deleted_at"),
        QueryParameter.String("q"),
        QueryParameter.Any("$and"),
        QueryParameter.Any("$or"));

    private static readonly JsonSerializerOptions TypedBindingOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
    };

    private readonly HttpRequest request = SessionInitRequest("""{"provider_id":"pp_system_default","data":{"note":"x"}}""");

    /// <summary>An id list split on commas, a date range as an operator object, a search, an order, a page and fields.</summary>
    private const string Query =
        "?id[]=pay_01M86MSH8B7JX0F3RY97XAH91H,pay_01M86MSH8B7JX0F3RY97XAH91J"
        + "&created_at[$gte]=2026-11-24T00:00:00.000Z&created_at[$lt]=2026-11-25T00:00:00.000Z"
        + "&q=pp_system&order=-created_at&limit=50&offset=0&fields=%2Bcaptures.created_at";

    [Benchmark(Baseline = true, Description = "typed binding: JsonSerializer.DeserializeAsync<record>")]
    [BenchmarkCategory(SessionBody)]
    public async Task<SessionInitBody?> BodyByTypedBinding()
    {
        request.Body.Position = 0;
        return await JsonSerializer.DeserializeAsync<SessionInitBody>(request.Body, TypedBindingOptions);
    }

    [Benchmark(Description = "RequestBodyReader + BodySchema.Validate")]
    [BenchmarkCategory(SessionBody)]
    public async Task<ValidatedBody> BodyBySchema()
    {
        request.Body.Position = 0;
        return StorePaymentCollectionEndpoints.InitializeSessionBody.Validate(await RequestBodyReader.ReadAsync(request, CancellationToken.None));
    }

    [Benchmark(Baseline = true, Description = "flat: QueryHelpers.ParseQuery")]
    [BenchmarkCategory(FilteredQuery)]
    public Dictionary<string, StringValues> QueryByFlatParser() => QueryHelpers.ParseQuery(Query);

    [Benchmark(Description = "qs: QueryParameters.Parse + QuerySchema.Validate")]
    [BenchmarkCategory(FilteredQuery)]
    public ValidatedQuery QueryBySchema() => AdminPaymentsQuery.Validate(QueryParameters.Parse(Query));

    private static HttpRequest SessionInitRequest(string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = body.Length;
        context.Request.Body = new MemoryStream(body, writable: false);
        return context.Request;
    }

    /// <summary>The session-init body as a model-bound record: no Medusa messages, unknown keys rejected.</summary>
    public sealed record SessionInitBody(string ProviderId, JsonElement? Data);
}
