using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Payments.Api.Requests;

/// <summary>
/// A strict request body (spec §3.4): the declared fields, nothing else. Declare one per route, then
/// <see cref="Validate"/> each parsed body.
/// </summary>
public sealed class BodySchema
{
    private readonly IReadOnlyList<BodyField> fields;

    public BodySchema(params IReadOnlyList<BodyField> fields)
    {
        if (fields.DistinctBy(field => field.Name, StringComparer.Ordinal).Count() != fields.Count)
        {
            throw new ArgumentException("Each body field may be declared once.", nameof(fields));
        }

        this.fields = fields;
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
        var values = JsonObjects.LastValuePerName(body);
        var accepted = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var field in fields)
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
        return new ValidatedBody(fields, accepted);
    }

    private bool IsDeclared(string name) => fields.Any(field => field.Name == name);

    private static bool TryAccept(BodyField field, JsonElement value, ValidationIssues issues, out object? accepted)
    {
        accepted = null;
        switch (field.Type, value.ValueKind)
        {
            case (_, JsonValueKind.Null) when field.IsNullable:
                return true;
            case (BodyFieldType.String, JsonValueKind.String):
                var text = value.GetString()!;
                return TryAcceptWithinMaxLength(field, text, text.Length, issues, out accepted);
            case (BodyFieldType.Boolean, JsonValueKind.True or JsonValueKind.False):
                accepted = value.GetBoolean();
                return true;
            case (BodyFieldType.Record, JsonValueKind.Object):
                return TryAcceptWithinMaxLength(field, value.Clone(), JsonMarshal.GetRawUtf8Value(value).Length, issues, out accepted);
            case (BodyFieldType.Number, JsonValueKind.Number):
                return TryAcceptAmount(field, value, issues, out accepted);
            default:
                issues.WrongType(TypeName(field.Type), field.Name, JavaScriptText.Of(value));
                return false;
        }
    }

    /// <param name="length">Characters of a string, bytes of a record's JSON.</param>
    private static bool TryAcceptWithinMaxLength(BodyField field, object value, int length, ValidationIssues issues, out object? accepted)
    {
        accepted = value;
        if (length <= field.MaxLength)
        {
            return true;
        }

        issues.TooBig(field.Name, field.MaxLength.ToString(CultureInfo.InvariantCulture));
        return false;
    }

    /// <summary>Amounts are read from the JSON text straight into a decimal, exactly, within the bounds of <see cref="AmountLiteral"/>.</summary>
    private static bool TryAcceptAmount(BodyField field, JsonElement value, ValidationIssues issues, out object? accepted)
    {
        accepted = null;
        var amount = AmountLiteral.Read(value.GetRawText());
        if (field.MustBeGreaterThanZero && amount.Sign <= 0)
        {
            issues.TooSmall(field.Name, "0");
        }
        else if (amount.IsBeyondMaximum && amount.Sign > 0)
        {
            issues.TooBig(field.Name, AmountLiteral.MaximumText);
        }
        else if (amount.IsBeyondMaximum)
        {
            issues.TooSmall(field.Name, "-" + AmountLiteral.MaximumText);
        }
        else if (amount.HasTooManyDecimalPlaces)
        {
            issues.TooManyDecimalPlaces(field.Name, AmountLiteral.MaxDecimalPlaces);
        }
        else
        {
            accepted = amount.Value;
            return true;
        }

        return false;
    }

    private static string TypeName(BodyFieldType type) => type switch
    {
        BodyFieldType.String => "string",
        BodyFieldType.Number => "number",
        BodyFieldType.Boolean => "boolean",
        _ => "record",
    };
}
