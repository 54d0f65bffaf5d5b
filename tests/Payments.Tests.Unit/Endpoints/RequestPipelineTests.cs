using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Payments.Api.Authentication;
using Payments.Api.Endpoints;
using Payments.Api.Idempotency;
using Payments.Api.Requests;
using Payments.Api.Serialization;
using Payments.Domain.Ports;
using Payments.Tests.Unit.TestData;

namespace Payments.Tests.Unit.Endpoints;

/// <summary>
/// Only reading the body depends on the client: a route runs, and its Idempotency-Key is finished, on the request's
/// own deadline, whether or not the client is still connected; the deadline itself ends in a 503.
/// </summary>
public sealed class RequestPipelineTests
{
    private const string PublishableKey = "pk_5966fcf7a1912f89713aa15794e3eacdb13151e9b63e082d1c3f40197259c3f7";
    private static readonly RouteContract StoreRoute = new(RouteAuthentication.PublishableKey, new BodySchema(BodyField.Identifier("cart_id")), new QuerySchema());

    private readonly IIdempotencyRecords records = Substitute.For<IIdempotencyRecords>();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 24, 11, 0, 0, TimeSpan.Zero));
    private readonly CancellationTokenSource client = new();

    public RequestPipelineTests()
    {
        records.TryBeginAsync(default!, default).ReturnsForAnyArgs(call => new IdempotencyBegin.Started(new IdempotencyClaim(call.Arg<IdempotentRequest>(), "v1")));
    }

    [Fact]
    public async Task A_client_that_hangs_up_cancels_neither_the_route_nor_the_keeping_of_its_answer()
    {
        var handlerToken = CancellationToken.None;

        var result = await Pipeline().RunAsync(Request(), StoreRoute, async (_, token) =>
        {
            await client.CancelAsync();
            handlerToken = token;
            await Task.Yield();
            return JsonResponse.Ok("""{"ok":true}"""u8.ToArray());
        }, client.Token);

        Assert.False(handlerToken.IsCancellationRequested);
        Assert.Equal(200, ((JsonResponse)result).StatusCode);
        await records.Received(1).CompleteAsync(Arg.Any<IdempotencyClaim>(), Arg.Is<StoredResponse>(stored => stored.StatusCode == 200), CancellationToken.None);
        await records.DidNotReceiveWithAnyArgs().ReleaseAsync(default!, default);
    }

    [Fact]
    public async Task A_route_that_outlives_the_deadline_answers_503_and_frees_its_key()
    {
        var running = Pipeline().RunAsync(Request(), StoreRoute, async (_, token) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, token);
            return JsonResponse.Ok("{}"u8.ToArray());
        }, client.Token);
        for (var second = 0; second < 2 * RequestDeadline.Duration.TotalSeconds && !running.IsCompleted; second++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(10);
        }

        Assert.True(running.IsCompleted, "the request outlived its deadline");
        var answer = await ResponseBytes.Of(await running);

        Assert.Equal(503, answer.StatusCode);
        Assert.True(clock.GetUtcNow() - new DateTimeOffset(2026, 11, 24, 11, 0, 0, TimeSpan.Zero) >= RequestDeadline.Duration);
        await records.Received(1).ReleaseAsync(Arg.Any<IdempotencyClaim>(), CancellationToken.None);
    }

    [Fact]
    public async Task A_client_that_hangs_up_while_sending_its_body_gets_no_answer_and_claims_no_key()
    {
        var request = Request();
        request.Body = new HangingUpBody(client);

        var result = await Pipeline().RunAsync(request, StoreRoute, (_, _) => throw new InvalidOperationException("must not run"), client.Token);

        Assert.Same(Results.Empty, result);
        Assert.Empty(records.ReceivedCalls());
    }

    private RequestPipeline Pipeline()
    {
        var apiKeys = Substitute.For<IApiKeyCatalog>();
        apiKeys.FindByTokenAsync(PublishableKey, Arg.Any<CancellationToken>()).Returns(new ApiKey("apk_1", ApiKeyType.Publishable, "Storefront", RevokedAt: null, []));
        var verdicts = new ApiKeyVerdicts(apiKeys, new MemoryCache(new MemoryCacheOptions()));
        var jwts = new MedusaJwtVerifier(Options.Create(new AdminAuthOptions()), clock);
        return new RequestPipeline(
            new PublishableKeyValidator(verdicts, clock),
            new AdminAuthenticator(jwts, verdicts, clock, NullLogger<AdminAuthenticator>.Instance),
            new ModuleAuthenticator(Options.Create(new ModuleAuthOptions()), NullLogger<ModuleAuthenticator>.Instance),
            new CustomerAuthenticator(jwts, NullLogger<CustomerAuthenticator>.Instance),
            new IdempotencyGate(records, clock, NullLogger<IdempotencyGate>.Instance),
            clock,
            NullLogger<RequestPipeline>.Instance);
    }

    private static HttpRequest Request()
    {
        var request = new DefaultHttpContext().Request;
        request.Method = HttpMethods.Post;
        request.Path = "/store/payment-collections";
        request.ContentType = "application/json";
        request.Headers[PublishableKeyValidator.HeaderName] = PublishableKey;
        request.Headers[IdempotencyKeyHeader.Name] = "key-1";
        request.Body = new MemoryStream(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { cart_id = "cart_1" })));
        return request;
    }

    /// <summary>A request body whose client resets the connection half-way: the read fails and the request is aborted.</summary>
    private sealed class HangingUpBody(CancellationTokenSource client) : MemoryStream("""{"cart_"""u8.ToArray())
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (Position < Length)
            {
                return await base.ReadAsync(buffer, cancellationToken);
            }

            await client.CancelAsync();
            throw new IOException("The client reset the request stream.");
        }
    }
}
