namespace Payments.Api.Fields;

/// <summary>
/// How far one entry of <c>fields</c> may reach. Relations lead back to where they came from (a payment's
/// <c>payment_collection</c> has the payment among its <c>payments</c>), so without a bound a short query string
/// selects the same objects again and again, exponentially: 13 round trips through a collection of three payments
/// wrote 206 MB. Two rules bound every response to a small multiple of the data it shows:
/// <list type="number">
/// <item>a path names each relation once (<c>payment_collection.payments.payment_collection</c> is refused);</item>
/// <item>a path has at most <see cref="MaxDepth"/> parts, a final <c>*</c> not counted.</item>
/// </list>
/// Every path the contract documents (<c>payment_sessions.payment.*</c>, <c>refunds.refund_reason.label</c>,
/// <c>payment_sessions.payment_collection.payments.id</c>) stays within both. Medusa has neither rule; a path
/// beyond them is a 400 here, where Medusa would answer with as much as its memory holds.
/// </summary>
public static class FieldPaths
{
    public const int MaxDepth = 4;

    /// <summary>The first entry of a <c>fields</c> value that breaks a rule, or null when every entry keeps both.</summary>
    public static FieldPathViolation? FirstViolation(string fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        foreach (var entry in fields.Split(','))
        {
            var parts = Path(entry);
            for (var i = 0; i < parts.Length; i++)
            {
                if (i == MaxDepth)
                {
                    return new FieldPathViolation(string.Join('.', parts[..(MaxDepth + 1)]), RepeatedRelation: null);
                }

                if (Array.IndexOf(parts, parts[i], 0, i) >= 0)
                {
                    return new FieldPathViolation(string.Join('.', parts[..(i + 1)]), parts[i]);
                }
            }
        }

        return null;
    }

    /// <summary>The names of an entry, its mode prefix (<c>+</c>, <c>-</c>, space) and star markers left out.</summary>
    private static string[] Path(string entry)
    {
        var path = entry.Trim().TrimStart('+', '-').TrimStart('*');
        if (path.EndsWith(".*", StringComparison.Ordinal))
        {
            path = path[..^2];
        }

        return path.Split('.', StringSplitOptions.RemoveEmptyEntries);
    }
}

/// <summary>An entry of <c>fields</c> beyond <see cref="FieldPaths"/>' rules.</summary>
/// <param name="Path">The entry up to the part that breaks the rule.</param>
/// <param name="RepeatedRelation">The name met twice, or null when the path is too deep.</param>
public sealed record FieldPathViolation(string Path, string? RepeatedRelation);
