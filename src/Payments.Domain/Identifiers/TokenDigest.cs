using System.Security.Cryptography;
using System.Text;

namespace Payments.Domain.Identifiers;

/// <summary>
/// The SHA-256 of a token's UTF-8 bytes, in lower-case hex: what stands for a credential wherever one must be
/// named (a table key, a cache key), so the credential itself is never kept and every name has the same size.
/// </summary>
public static class TokenDigest
{
    public static byte[] Of(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    public static string HexOf(string token) => Convert.ToHexStringLower(Of(token));
}
