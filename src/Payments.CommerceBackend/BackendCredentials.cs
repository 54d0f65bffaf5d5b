using System.Net.Http.Headers;
using System.Text;

namespace Payments.CommerceBackend;

/// <summary>The credentials of one backend read, as Medusa's API takes them; never logged.</summary>
internal sealed record BackendCredentials(string? PublishableKey = null, string? BearerToken = null, string? SecretKey = null)
{
    public const string PublishableKeyHeader = "x-publishable-api-key";

    public void ApplyTo(HttpRequestMessage request)
    {
        if (PublishableKey is not null)
        {
            request.Headers.TryAddWithoutValidation(PublishableKeyHeader, PublishableKey);
        }

        if (SecretKey is not null)
        {
            // Medusa takes a secret API key as the Basic user name with an empty password.
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(SecretKey + ":")));
        }
        else if (BearerToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BearerToken);
        }
    }

    public override string ToString() => "BackendCredentials { redacted }";
}
