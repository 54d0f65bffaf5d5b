using System.Buffers;

namespace Payments.Api.Authentication;

/// <summary>
/// What a credential must look like before anything looks it up (spec §2, issue 10): a token of the wrong prefix,
/// length or alphabet cannot be a Medusa credential, and refusing it at once keeps junk out of every cache and
/// store. Medusa's keys are <c>pk_</c>/<c>sk_</c> and 64 hex digits; seeded keys may use letters and underscores.
/// </summary>
internal static class CredentialPlausibility
{
    public const string PublishableKeyPrefix = "pk_";
    public const string SecretKeyPrefix = "sk_";

    /// <summary>Twice Medusa's 67 characters: room for operators' own tokens, nothing like the 24 KB probes of issue 10.</summary>
    public const int MaxApiKeyLength = 128;

    /// <summary>Medusa's tokens are a few hundred bytes; 8 KiB leaves room for large app metadata claims.</summary>
    public const int MaxJwtLength = 8 * 1024;

    private static readonly SearchValues<char> ApiKeyAlphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");

    private static readonly SearchValues<char> JwtAlphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.");

    public static bool IsPlausibleApiKey(string token, string prefix) =>
        token.Length > prefix.Length
        && token.Length <= MaxApiKeyLength
        && token.StartsWith(prefix, StringComparison.Ordinal)
        && !token.AsSpan().ContainsAnyExcept(ApiKeyAlphabet);

    public static bool IsPlausibleJwt(string token) =>
        token.Length is > 0 and <= MaxJwtLength && !token.AsSpan().ContainsAnyExcept(JwtAlphabet);
}
