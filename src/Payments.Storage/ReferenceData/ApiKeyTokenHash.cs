using System.Security.Cryptography;
using Payments.Domain.Identifiers;

namespace Payments.Storage.ReferenceData;

/// <summary>The SHA-256 of a token (<see cref="TokenDigest"/>): what <c>apikeys</c> keeps instead of the token.</summary>
internal static class ApiKeyTokenHash
{
    public static byte[] Of(string token) => TokenDigest.Of(token);

    /// <summary>The hash in lower-case hex, as the partition key.</summary>
    public static string ToPartitionKey(byte[] tokenHash) => Convert.ToHexStringLower(tokenHash);

    public static bool Matches(string partitionKey, byte[] tokenHash) =>
        CryptographicOperations.FixedTimeEquals(Convert.FromHexString(partitionKey), tokenHash);
}
