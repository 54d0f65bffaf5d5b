using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Payments.Benchmarks.Load;

namespace Payments.Benchmarks.Medusa;

/// <summary>
/// A pass-through between this service and its commerce backend (<c>CommerceBackend:Url</c> points here) that counts
/// every request the service sends the backend, by method and route (ids as <c>{id}</c>): the backend reads of a row, to
/// the request. Only the service's own requests pass it; Medusa calls the service directly.
/// </summary>
internal sealed partial class BackendRelay : IAsyncDisposable
{
    // Hop-by-hop headers, and the ones HttpClient sets itself.
    private static readonly HashSet<string> NotForwarded = new(["Host", "Connection", "Keep-Alive", "Transfer-Encoding", "Content-Length"], StringComparer.OrdinalIgnoreCase);

    private readonly WebApplication relay;
    private readonly HttpClient backend;
    private readonly ConcurrentDictionary<string, long> requests = new(StringComparer.Ordinal);

    private BackendRelay(WebApplication relay, HttpClient backend, Uri baseAddress)
    {
        this.relay = relay;
        this.backend = backend;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The requests relayed so far, by route.</summary>
    public IReadOnlyDictionary<string, long> Requests => requests.ToDictionary(StringComparer.Ordinal);

    public static async Task<BackendRelay> StartAsync(Uri backendAddress)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(baseAddress.ToString());
        var app = builder.Build();
        var backend = new HttpClient(new SocketsHttpHandler { UseCookies = false, UseProxy = false, AllowAutoRedirect = false })
        {
            BaseAddress = backendAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var relay = new BackendRelay(app, backend, baseAddress);
        app.Run(relay.RelayAsync);
        await app.StartAsync();
        return relay;
    }

    /// <summary>The requests relayed since <paramref name="before"/> (a <see cref="Requests"/> of earlier), by route.</summary>
    public IReadOnlyDictionary<string, long> Since(IReadOnlyDictionary<string, long> before) =>
        Requests.Select(route => KeyValuePair.Create(route.Key, route.Value - before.GetValueOrDefault(route.Key)))
            .Where(route => route.Value > 0)
            .ToDictionary(StringComparer.Ordinal);

    public async ValueTask DisposeAsync()
    {
        await relay.StopAsync();
        await relay.DisposeAsync();
        backend.Dispose();
    }

    private async Task RelayAsync(HttpContext context)
    {
        var request = context.Request;
        requests.AddOrUpdate($"{request.Method} {Ids().Replace(request.Path.Value ?? "/", "{id}")}", 1, (_, count) => count + 1);
        using var forwarded = new HttpRequestMessage(new HttpMethod(request.Method), request.Path.Value + request.QueryString.Value);
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            forwarded.Content = new StreamContent(request.Body);
        }

        foreach (var (name, values) in request.Headers.Where(header => !NotForwarded.Contains(header.Key)))
        {
            if (!forwarded.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                forwarded.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        using var answer = await backend.SendAsync(forwarded, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)answer.StatusCode;
        foreach (var (name, values) in answer.Headers.Concat(answer.Content.Headers).Where(header => !NotForwarded.Contains(header.Key)))
        {
            context.Response.Headers[name] = values.ToArray();
        }

        await answer.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    /// <summary>Medusa's and this service's ids: a lower-case prefix, then a ULID.</summary>
    [GeneratedRegex("[a-z]+(?:_[a-z]+)*_[0-9A-HJKMNP-TV-Z]{26}")]
    private static partial Regex Ids();
}
