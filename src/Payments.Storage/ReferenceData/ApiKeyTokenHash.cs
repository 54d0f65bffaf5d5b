using System.Security.Cryptography;
using System.Text;

namespace Payments.Storage.ReferenceData;

/// <summary>The SHA-256 of a token's UTF-8 bytes: what <c>apikeys</c> keeps instead of the token.</summary>
internal static class ApiKeyTokenHash
{
    public static byte[] Of(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>The hash in lower-case hex, as the partition key.</summary>
    public static string ToPartitionKey(byte[] tokenHash) => Convert.ToHexStringLower(tokenHash);

    public static bool Matches(string partitionKey, byte[] tokenHash) =>
        CryptographicOperations.FixedTimeEquals(Convert.FromHexString(partitionKey), tokenHash);
}
