using System.Text.Json;

namespace Payments.Api.Requests;

/// <summary>
/// A query string that passed its <see cref="QuerySchema"/>. Getters return null for an absent parameter, except
/// integers, which fall back to their declared default. Asking for an undeclared parameter is a programming error.
/// </summary>
public sealed class ValidatedQuery
{
    private readonly IReadOnlyList<QueryParameter> parameters;
    private readonly IReadOnlyDictionary<string, object> values;

    internal ValidatedQuery(IReadOnlyList<QueryParameter> parameters, IReadOnlyDictionary<string, object> values)
    {
        this.parameters = parameters;
        this.values = values;
    }

    /// <summary>Whether the query string carried the parameter (an empty value included).</summary>
    public bool Has(string name) => values.ContainsKey(Declared(name).Name);

    /// <summary>A single-string parameter, <c>fields</c> included.</summary>
    public string? GetString(string name) => Get(name, QueryParameterType.String, QueryParameterType.Fields) as string;

    /// <summary>A string-or-array parameter as a list: a single value is a list of one.</summary>
    public IReadOnlyList<string>? GetStrings(string name) =>
        Get(name, QueryParameterType.StringOrArray) as IReadOnlyList<string>;

    public bool? GetBoolean(string name) => Get(name, QueryParameterType.Boolean) as bool?;

    public int GetInteger(string name) =>
        Get(name, QueryParameterType.Integer) as int? ?? Declared(name).DefaultValue;

    /// <summary>A parameter declared as <see cref="QueryParameterType.Any"/>, in the shape qs gave it.</summary>
    public JsonElement? GetValue(string name) => Get(name, QueryParameterType.Any) as JsonElement?;

    private object? Get(string name, QueryParameterType type, QueryParameterType? alsoType = null)
    {
        var parameter = Declared(name);
        return parameter.Type == type || parameter.Type == alsoType
            ? values.GetValueOrDefault(name)
            : throw new InvalidOperationException($"Query parameter '{name}' is a {parameter.Type}, not a {type}.");
    }

    private QueryParameter Declared(string name) =>
        parameters.FirstOrDefault(parameter => parameter.Name == name)
        ?? throw new InvalidOperationException($"The query schema declares no parameter '{name}'.");
}
