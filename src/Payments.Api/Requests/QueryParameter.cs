namespace Payments.Api.Requests;

/// <summary>What a query parameter may hold.</summary>
public enum QueryParameterType
{
    /// <summary>One string: a repeated parameter fails.</summary>
    String,

    /// <summary>The field selection of spec §4: one string whose paths keep the bounds of <see cref="Payments.Api.Fields.FieldPaths"/>.</summary>
    Fields,

    /// <summary>A string or an array of strings (<c>id=a</c>, <c>id=a&amp;id=b</c>, <c>id[]=a,b</c>).</summary>
    StringOrArray,

    /// <summary><c>true</c> or <c>false</c> in any letter case.</summary>
    Boolean,

    /// <summary>A non-negative decimal integer with a default.</summary>
    Integer,

    /// <summary>Any qs value (string, array or object) that the route interprets itself, such as a date filter.</summary>
    Any,
}

/// <summary>One parameter of a strict query string.</summary>
public sealed record QueryParameter
{
    private QueryParameter(string name, QueryParameterType type)
    {
        Name = name;
        Type = type;
    }

    /// <summary>The field selection of spec §4: a single comma-separated string of bounded paths.</summary>
    public static QueryParameter Fields { get; } = new("fields", QueryParameterType.Fields);

    public static QueryParameter Offset { get; } = Integer("offset", defaultValue: 0);

    public string Name { get; }

    public QueryParameterType Type { get; }

    public bool IsRequired { get; private init; }

    public int DefaultValue { get; private init; }

    public static QueryParameter String(string name) => new(name, QueryParameterType.String);

    public static QueryParameter StringOrArray(string name) => new(name, QueryParameterType.StringOrArray);

    public static QueryParameter Boolean(string name) => new(name, QueryParameterType.Boolean);

    public static QueryParameter Integer(string name, int defaultValue) =>
        new(name, QueryParameterType.Integer) { DefaultValue = defaultValue };

    public static QueryParameter Any(string name) => new(name, QueryParameterType.Any);

    public static QueryParameter Limit(int defaultValue) => Integer("limit", defaultValue);

    public QueryParameter Required() => this with { IsRequired = true };
}
