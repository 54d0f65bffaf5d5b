using System.Text.Json;

namespace Payments.Api.Requests;

/// <summary>
/// A body that passed its <see cref="BodySchema"/>. Getters return null for an absent field (and for an explicit
/// null of a nullable one); <see cref="Has"/> tells the two apart. Asking for a field the schema does not
/// declare is a programming error.
/// </summary>
public sealed class ValidatedBody
{
    private readonly IReadOnlyList<BodyField> fields;
    private readonly IReadOnlyDictionary<string, object?> values;

    internal ValidatedBody(IReadOnlyList<BodyField> fields, IReadOnlyDictionary<string, object?> values)
    {
        this.fields = fields;
        this.values = values;
    }

    /// <summary>Whether the body carried the field, null included.</summary>
    public bool Has(string name) => values.ContainsKey(Declared(name).Name);

    public string? GetString(string name) => Get(name, BodyFieldType.String) as string;

    public decimal? GetDecimal(string name) => Get(name, BodyFieldType.Number) as decimal?;

    public bool? GetBoolean(string name) => Get(name, BodyFieldType.Boolean) as bool?;

    public JsonElement? GetRecord(string name) => Get(name, BodyFieldType.Record) as JsonElement?;

    public decimal? GetExactAmount(string name) => Get(name, BodyFieldType.ExactAmount) as decimal?;

    public int? GetCount(string name) => Get(name, BodyFieldType.Count) as int?;

    public IReadOnlyList<string>? GetStrings(string name) => Get(name, BodyFieldType.Strings) as IReadOnlyList<string>;

    public IReadOnlyList<ValidatedBody>? GetObjects(string name) => Get(name, BodyFieldType.Objects) as IReadOnlyList<ValidatedBody>;

    private object? Get(string name, BodyFieldType type)
    {
        var field = Declared(name);
        return field.Type == type
            ? values.GetValueOrDefault(name)
            : throw new InvalidOperationException($"Body field '{name}' is a {field.Type}, not a {type}.");
    }

    private BodyField Declared(string name) =>
        fields.FirstOrDefault(field => field.Name == name)
        ?? throw new InvalidOperationException($"The body schema declares no field '{name}'.");
}
