using System.Text;

namespace Payments.Tests.FakeStripe;

/// <summary><see cref="FakeStripeApi"/> behind an <see cref="HttpClient"/> without a socket, for unit tests of the adapter.</summary>
public sealed class FakeStripeHandler(FakeStripeApi stripe) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var form = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var answer = await stripe.AnswerAsync(StripeCall.From(
            request.Method.Method,
            request.RequestUri!.AbsolutePath,
            request.RequestUri.Query,
            form,
            request.Headers.TryGetValues("Idempotency-Key", out var keys) ? keys.Single() : null));
        return new HttpResponseMessage((System.Net.HttpStatusCode)answer.Status) { Content = new StringContent(answer.Body, Encoding.UTF8, "application/json") };
    }
}
