using Microsoft.AspNetCore.Http;
using Payments.Domain.Errors;

namespace Payments.Api.Idempotency;

/// <summary>The optional <c>Idempotency-Key</c> request header of every POST route (spec §1.10).</summary>
public static class IdempotencyKeyHeader
{
    public const string Name = "Idempotency-Key";

    public const int MaxLength = 255;

    private const string InvalidMessage = "Invalid request: Idempotency-Key must be 1 to 255 printable ASCII characters";

    /// <summary>The key, or null when the request sent none.</summary>
    /// <exception cref="MedusaException">400 <c>invalid_data</c>: empty, too long, not printable ASCII, or sent twice.</exception>
    public static string? Read(HttpRequest request)
    {
        if (!request.Headers.TryGetValue(Name, out var values))
        {
            return null;
        }

        // A header sent twice has no single value to remember.
        return values.Count == 1 && values[0] is { } key && IsValid(key) ? key : throw MedusaException.InvalidData(InvalidMessage);
    }

    internal static bool IsValid(string key) =>
        key.Length is >= 1 and <= MaxLength && key.All(character => character is >= ' ' and <= '~');
}
