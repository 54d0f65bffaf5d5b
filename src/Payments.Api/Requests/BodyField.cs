namespace Payments.Api.Requests;

/// <summary>The JSON type a body field must have; the name is the one Medusa's messages use.</summary>
public enum BodyFieldType
{
    String,
    Number,
    Boolean,

    /// <summary>A JSON object with arbitrary values.</summary>
    Record,

    /// <summary>Medusa's <c>BigNumberInput</c>: a JSON number, a decimal string, or <c>{"value", "precision"}</c>.</summary>
    ExactAmount,

    /// <summary>A non-negative whole number (a count of rows).</summary>
    Count,

    /// <summary>An array of identifiers.</summary>
    Strings,

    /// <summary>An array of objects, each validated by <see cref="BodyField.Items"/>.</summary>
    Objects,
}

/// <summary>
/// One field of a strict request body: its name, type and rules. Everything a client sends is stored somewhere, so
/// every string and record has a maximum well inside what a Table Storage property (32,768 UTF-16 characters) and
/// a collection document (1 MiB) hold, and every number is an amount (<see cref="AmountLiteral"/>).
/// </summary>
public sealed record BodyField
{
    /// <summary>Ids are looked up as table keys, which hold at most 512 characters.</summary>
    public const int IdentifierMaxLength = 512;

    /// <summary>Labels and codes.</summary>
    public const int ShortTextMaxLength = 1_000;

    /// <summary>Descriptions and notes.</summary>
    public const int LongTextMaxLength = 10_000;

    /// <summary>
    /// A record such as a session's <c>data</c>, counted in bytes of its JSON text: it is kept in the collection's
    /// document, once per session and again on each payment, all of which share the document's 1 MiB.
    /// </summary>
    public const int RecordMaxBytes = 16 * 1024;

    private BodyField(string name, BodyFieldType type, int maxLength = 0)
    {
        Name = name;
        Type = type;
        MaxLength = maxLength;
    }

    public string Name { get; }

    public BodyFieldType Type { get; }

    /// <summary>The most characters (strings), bytes of JSON (records) or items (arrays) the field may hold.</summary>
    public int MaxLength { get; }

    public bool IsRequired { get; private init; } = true;

    public bool IsNullable { get; private init; }

    public bool MustBeGreaterThanZero { get; private init; }

    /// <summary>The schema of each object of an <see cref="BodyFieldType.Objects"/> field.</summary>
    public BodySchema? Items { get; private init; }

    /// <summary>The id of something looked up (a cart, an order, a provider, a refund reason).</summary>
    public static BodyField Identifier(string name) => new(name, BodyFieldType.String, IdentifierMaxLength);

    public static BodyField ShortText(string name) => new(name, BodyFieldType.String, ShortTextMaxLength);

    public static BodyField LongText(string name) => new(name, BodyFieldType.String, LongTextMaxLength);

    /// <summary>A money amount: a JSON number read exactly as a decimal, within <see cref="AmountLiteral"/>'s bounds.</summary>
    public static BodyField Amount(string name) => new(name, BodyFieldType.Number);

    public static BodyField Boolean(string name) => new(name, BodyFieldType.Boolean);

    public static BodyField Record(string name) => new(name, BodyFieldType.Record, RecordMaxBytes);

    /// <summary>An amount as the commerce backend's module sends it, read exactly (<see cref="AmountLiteral.MaxExactDecimalPlaces"/>).</summary>
    public static BodyField ExactAmount(string name) => new(name, BodyFieldType.ExactAmount);

    public static BodyField Count(string name) => new(name, BodyFieldType.Count);

    /// <summary>An array of at most <paramref name="maxItems"/> identifiers.</summary>
    public static BodyField Strings(string name, int maxItems) => new(name, BodyFieldType.Strings, maxItems);

    /// <summary>An array of at most <paramref name="maxItems"/> objects, each strict as <paramref name="items"/> says.</summary>
    public static BodyField Objects(string name, BodySchema items, int maxItems) =>
        new(name, BodyFieldType.Objects, maxItems) { Items = items };

    public BodyField Optional() => this with { IsRequired = false };

    /// <summary>Accepts <c>null</c> as well; otherwise a null is a wrong type, not a missing field.</summary>
    public BodyField Nullable() => this with { IsNullable = true };

    /// <summary>Medusa's <c>z.number().gt(0)</c>; its message says "expected at least: '0'".</summary>
    public BodyField GreaterThanZero() => this with { MustBeGreaterThanZero = true };
}
