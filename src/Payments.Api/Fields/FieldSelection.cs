using System.Collections.Immutable;

namespace Payments.Api.Fields;

/// <summary>
/// The resolved field list of a request (spec §4.1): what a response object carries, as Medusa's
/// <c>fields</c> query parameter selects it against a route's defaults.
/// </summary>
public sealed class FieldSelection
{
    private const string Id = "id";

    private readonly ImmutableArray<string> fields;

    private FieldSelection(ImmutableArray<string> fields)
    {
        this.fields = fields;
        Key = string.Join(',', fields);
    }

    /// <summary>The field list in order, e.g. <c>id, currency_code, amount, *payment_sessions</c>.</summary>
    public IReadOnlyList<string> Fields => fields;

    /// <summary>The list as one string; entries never contain commas, so equal keys mean equal lists.</summary>
    internal string Key { get; }

    /// <summary>
    /// Resolves the raw <c>fields</c> value (null when the parameter is absent) against the route's defaults, keeping
    /// only the entries whose <see cref="PathOf"/> is in <paramref name="allowed"/> when the route restricts them.
    /// </summary>
    public static FieldSelection Resolve(string? fieldsParameter, IReadOnlyList<string> defaults, IReadOnlySet<string>? allowed = null)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        if (fieldsParameter is null)
        {
            return new FieldSelection([.. defaults]);
        }

        var pieces = fieldsParameter.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var list = pieces.Length == 0 || pieces.Any(IsReplacement)
            ? Replace(pieces)
            : Modify(defaults, pieces);

        // Medusa appends id whenever fields was given, in either mode.
        AppendIfAbsent(list, Id);
        if (allowed is not null)
        {
            list.RemoveAll(field => !allowed.Contains(PathOf(field)));
        }

        return new FieldSelection([.. list]);
    }

    /// <summary>
    /// A field as Medusa's allow-lists name it: a relation selected whole, <c>*x</c> or <c>x.*</c>, is <c>x</c> (one
    /// marker removed, the leading one first, as Medusa's <c>buildAllowedFields</c> and field parser do).
    /// </summary>
    public static string PathOf(string field) =>
        field.StartsWith('*') ? field[1..] : field.EndsWith(".*", StringComparison.Ordinal) ? field[..^2] : field;

    private static bool IsReplacement(string piece) =>
        !(piece[0] is '+' or ' ' or '-' or '*' || piece.EndsWith(".*", StringComparison.Ordinal));

    private static List<string> Replace(string[] pieces)
    {
        var list = new List<string>(pieces.Length + 1);
        foreach (var piece in pieces)
        {
            AppendIfAbsent(list, piece[0] is '+' or ' ' or '-' ? piece[1..] : piece);
        }

        return list;
    }

    private static List<string> Modify(IReadOnlyList<string> defaults, string[] pieces)
    {
        var list = new List<string>(defaults);
        foreach (var piece in pieces)
        {
            switch (piece[0])
            {
                case '-':
                    RemoveSelectionsOf(list, piece[1..]);
                    break;
                case '+' or ' ':
                    var added = piece.Trim();
                    AppendIfAbsent(list, added.StartsWith('+') ? added[1..] : added);
                    break;
                default:
                    AppendIfAbsent(list, piece);
                    break;
            }
        }

        return list;
    }

    /// <summary>
    /// <c>-x</c> removes x and everything below it, star or not: <c>-payment_sessions</c> removes
    /// <c>*payment_sessions</c>, <c>-payments</c> removes <c>payments.captures.id</c>.
    /// </summary>
    private static void RemoveSelectionsOf(List<string> list, string field) =>
        list.RemoveAll(entry =>
        {
            var path = entry.StartsWith('*') ? entry.AsSpan(1) : entry.AsSpan();
            return path.SequenceEqual(field)
                || (path.Length > field.Length && path.StartsWith(field, StringComparison.Ordinal) && path[field.Length] == '.');
        });

    private static void AppendIfAbsent(List<string> list, string field)
    {
        if (field.Length > 0 && !list.Contains(field, StringComparer.Ordinal))
        {
            list.Add(field);
        }
    }
}
