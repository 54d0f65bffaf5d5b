using System.Net;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Payments.Domain.Errors;
using Payments.Storage.Tables;

namespace Payments.Tests.Unit.Storage;

/// <summary>
/// The table client as configured (docs/storage.md), against a stubbed transport: how often the SDK tries, and which
/// outcomes become the one "storage unavailable" failure the API answers 503.
/// </summary>
public sealed class TableClientSettingsTests
{
    private readonly StubTransport transport = new();

    [Fact]
    public void The_client_retries_quickly_and_gives_each_try_three_seconds()
    {
        var options = new TableClientOptions();

        TableClientSettings.Apply(options);

        Assert.Equal(
            (RetryMode.Exponential, 2, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3)),
            (options.Retry.Mode, options.Retry.MaxRetries, options.Retry.Delay, options.Retry.MaxDelay, options.Retry.NetworkTimeout));
    }

    [Fact]
    public async Task Storage_that_refuses_connections_is_tried_three_times_then_unavailable()
    {
        transport.Answer = _ => throw new HttpRequestException("Connection refused");

        var error = await Assert.ThrowsAsync<MedusaException>(() => Client().GetEntityIfExistsAsync<TableEntity>("p", "r"));

        Assert.True(error.IsStorageUnavailable);
        Assert.Equal(3, transport.Requests);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    [InlineData(HttpStatusCode.RequestTimeout)]
    public async Task A_server_error_still_there_after_the_retries_is_unavailable(HttpStatusCode status)
    {
        transport.Answer = _ => new HttpResponseMessage(status);

        var error = await Assert.ThrowsAsync<MedusaException>(() => Client().UpsertEntityAsync(new TableEntity("p", "r")));

        Assert.True(error.IsStorageUnavailable);
        Assert.Equal(3, transport.Requests);
    }

    [Fact]
    public async Task A_blip_is_ridden_out_by_the_retries()
    {
        transport.Answer = attempt => attempt == 1 ? throw new HttpRequestException("reset") : new HttpResponseMessage(HttpStatusCode.NoContent);

        await Client().UpsertEntityAsync(new TableEntity("p", "r"));

        Assert.Equal(2, transport.Requests);
    }

    [Fact]
    public async Task The_answers_the_stores_decide_on_are_left_to_them()
    {
        transport.Answer = _ => new HttpResponseMessage(HttpStatusCode.PreconditionFailed);

        var conflict = await Assert.ThrowsAsync<RequestFailedException>(() => Client().UpdateEntityAsync(new TableEntity("p", "r"), new ETag("W/\"1\""), TableUpdateMode.Replace));

        Assert.Equal((412, 1), (conflict.Status, transport.Requests));
    }

    [Fact]
    public async Task The_callers_own_cancellation_is_not_an_outage()
    {
        using var cancelled = new CancellationTokenSource();
        transport.Answer = _ =>
        {
            cancelled.Cancel();
            throw new TaskCanceledException();
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client().GetEntityIfExistsAsync<TableEntity>("p", "r", cancellationToken: cancelled.Token));
    }

    private TableClient Client()
    {
        var options = new TableClientOptions { Transport = transport };
        TableClientSettings.Apply(options);
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        return new TableClient(new Uri("http://127.0.0.1:1/devstoreaccount1/t"), "t", new TableSharedKeyCredential("devstoreaccount1", Convert.ToBase64String(new byte[32])), options);
    }

    /// <summary>A transport whose answer to the n-th request (from 1) a test decides.</summary>
    private sealed class StubTransport : HttpClientTransport
    {
        private int requests;

        public StubTransport()
            : this(new StubHandler())
        {
        }

        private StubTransport(StubHandler handler)
            : base(new HttpClient(handler)) => handler.Owner = this;

        public Func<int, HttpResponseMessage> Answer { get; set; } = _ => new HttpResponseMessage(HttpStatusCode.NoContent);

        public int Requests => Volatile.Read(ref requests);

        private sealed class StubHandler : HttpMessageHandler
        {
            public StubTransport Owner { get; set; } = null!;

            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
                Task.FromResult(Owner.Answer(Interlocked.Increment(ref Owner.requests)));
        }
    }
}
