using System.Globalization;
using System.Text.Json;

namespace Payments.Api.Requests;

/// <summary>
/// A strict request body (spec §3.4): the declared fields, nothing else. Declare one per route, then
/// <see cref="Validate"/> each parsed body.
/// </summary>
public sealed class BodySchema
{
    private static readonly string DecimalMaximum = decimal.MaxValue.ToString(CultureInfo.InvariantCulture);

    private readonly IReadOnlyList<BodyField> _fields;

    public BodySchema(params IReadOnlyList<BodyField> fields)
    {
        if (fields.DistinctBy(field => field.Name, StringComparer.Ordinal).Count() != fields.Count)
        {
            throw new ArgumentException("Each body field may be declared once.", nameof(fields));
        }

        _fields = fields;
    }

    /// <summary>Checks a body returned by <see cref="RequestBodyReader"/>.</summary>
    /// <exception cref="Payments.Domain.Errors.MedusaException">
    /// <c>invalid_data</c> "Invalid request: …" listing the first three issues.
    /// </exception>
    public ValidatedBody Validate(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            // A text/plain body arrives as a string, and Medusa reports that as a missing root.
            throw ValidationIssues.MissingRoot();
        }

        var issues = new ValidationIssues();
        var values = LastValuePerName(body);
        var accepted = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var field in _fields)
        {
            if (!values.TryGetValue(field.Name, out var value))
            {
                if (field.IsRequired)
                {
                    issues.Required(field.Name);
                }

                continue;
            }

            if (TryAccept(field, value, issues, out var acceptedValue))
            {
                accepted[field.Name] = acceptedValue;
            }
        }

        issues.Unrecognized(JavaScriptPropertyOrder.Of(values.Keys.Where(name => !IsDeclared(name))));
        issues.ThrowIfAny();
        return new ValidatedBody(_fields, accepted);
    }

    private bool IsDeclared(string name) => _fields.Any(field => field.Name == name);

    /// <summary>JSON.parse keeps the last of repeated keys, at the place of the first.</summary>
    private static OrderedDictionary<string, JsonElement> LastValuePerName(JsonElement body)
    {
        var values = new OrderedDictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in body.EnumerateObject())
        {
            values[property.Name] = property.Value;
        }

        return values;
    }

    private static bool TryAccept(BodyField field, JsonElement value, ValidationIssues issues, out object? accepted)
    {
        accepted = null;
        switch (field.Type, value.ValueKind)
        {
            case (_, JsonValueKind.Null) when field.IsNullable:
                return true;
            case (BodyFieldType.String, JsonValueKind.String):
                accepted = value.GetString();
                return true;
            case (BodyFieldType.Boolean, JsonValueKind.True or JsonValueKind.False):
                accepted = value.GetBoolean();
                return true;
            case (BodyFieldType.Record, JsonValueKind.Object):
                accepted = value.Clone();
                return true;
            case (BodyFieldType.Number, JsonValueKind.Number):
                return TryAcceptNumber(field, value, issues, out accepted);
            default:
                issues.WrongType(TypeName(field.Type), field.Name, JavaScriptText.Of(value));
                return false;
        }
    }

    /// <summary>Amounts are read from the JSON text straight into a decimal, never through a double.</summary>
    private static bool TryAcceptNumber(BodyField field, JsonElement value, ValidationIssues issues, out object? accepted)
    {
        accepted = null;
        if (!decimal.TryParse(value.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            issues.TooBig(field.Name, DecimalMaximum);
            return false;
        }

        if (field.MustBeGreaterThanZero && number <= 0)
        {
            issues.TooSmall(field.Name, "0");
            return false;
        }

        accepted = number;
        return true;
    }

    private static string TypeName(BodyFieldType type) => type switch
    {
        BodyFieldType.String => "string",
        BodyFieldType.Number => "number",
        BodyFieldType.Boolean => "boolean",
        _ => "record",
    };
}
