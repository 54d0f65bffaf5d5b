namespace Payments.Api.Requests;

/// <summary>The JSON type a body field must have; the name is the one Medusa's messages use.</summary>
public enum BodyFieldType
{
    String,
    Number,
    Boolean,

    /// <summary>A JSON object with arbitrary values.</summary>
    Record,
}

/// <summary>One field of a strict request body: its name, type and rules.</summary>
public sealed record BodyField
{
    private BodyField(string name, BodyFieldType type)
    {
        Name = name;
        Type = type;
    }

    public string Name { get; }

    public BodyFieldType Type { get; }

    public bool IsRequired { get; private init; } = true;

    public bool IsNullable { get; private init; }

    public bool MustBeGreaterThanZero { get; private init; }

    public static BodyField String(string name) => new(name, BodyFieldType.String);

    /// <summary>A JSON number, read exactly as a decimal.</summary>
    public static BodyField Number(string name) => new(name, BodyFieldType.Number);

    public static BodyField Boolean(string name) => new(name, BodyFieldType.Boolean);

    public static BodyField Record(string name) => new(name, BodyFieldType.Record);

    public BodyField Optional() => this with { IsRequired = false };

    /// <summary>Accepts <c>null</c> as well; otherwise a null is a wrong type, not a missing field.</summary>
    public BodyField Nullable() => this with { IsNullable = true };

    /// <summary>Medusa's <c>z.number().gt(0)</c>; its message says "expected at least: '0'".</summary>
    public BodyField GreaterThanZero() => this with { MustBeGreaterThanZero = true };
}
