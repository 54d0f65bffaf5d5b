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
        var validated = ValidateObject(body, issues, path: "");
        issues.ThrowIfAny();
        return validated;
    }

    /// <param name="path">Where the object is in the body (<c>payment_collections.0.</c>), for the messages; empty at the root.</param>
    private ValidatedBody ValidateObject(JsonElement body, ValidationIssues issues, string path)
    {
        var values = JsonObjects.LastValuePerName(body);
        var accepted = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (!values.TryGetValue(field.Name, out var value))
            {
                if (field.IsRequired)
                {
                    issues.Required(path + field.Name);
                }

                continue;
            }

            if (TryAccept(field, path + field.Name, value, issues, out var acceptedValue))
            {
                accepted[field.Name] = acceptedValue;
            }
        }

        issues.Unrecognized(JavaScriptPropertyOrder.Of(values.Keys.Where(name => !IsDeclared(name))).Select(name => path + name).ToList());
        return new ValidatedBody(fields, accepted);
    }

    private bool IsDeclared(string name) => fields.Any(field => field.Name == name);

    /// <param name="name">The field's path in the body, for the messages.</param>
    private static bool TryAccept(BodyField field, string name, JsonElement value, ValidationIssues issues, out object? accepted)
    {
        accepted = null;
        switch (field.Type, value.ValueKind)
        {
            case (_, JsonValueKind.Null) when field.IsNullable:
                return true;
            case (BodyFieldType.String, JsonValueKind.String):
                var text = value.GetString()!;
                return TryAcceptWithinMaxLength(field, name, text, text.Length, issues, out accepted);
            case (BodyFieldType.Boolean, JsonValueKind.True or JsonValueKind.False):
                accepted = value.GetBoolean();
                return true;
            case (BodyFieldType.Record, JsonValueKind.Object):
                return TryAcceptWithinMaxLength(field, name, value.Clone(), JsonMarshal.GetRawUtf8Value(value).Length, issues, out accepted);
            case (BodyFieldType.Number, JsonValueKind.Number):
                return TryAcceptAmount(field, name, AmountLiteral.Read(value.GetRawText()), AmountLiteral.MaxDecimalPlaces, issues, out accepted);
            case (BodyFieldType.ExactAmount, JsonValueKind.Number or JsonValueKind.String or JsonValueKind.Object)
                when ExactAmountText(value) is { } literal:
                return TryAcceptAmount(field, name, AmountLiteral.ReadExact(literal), AmountLiteral.MaxExactDecimalPlaces, issues, out accepted);
            case (BodyFieldType.Count, JsonValueKind.Number) when value.TryGetInt32(out var count) && count >= 0:
                accepted = count;
                return true;
            case (BodyFieldType.Strings, JsonValueKind.Array)
                when value.EnumerateArray().All(item => item.ValueKind == JsonValueKind.String && item.GetString()!.Length <= BodyField.IdentifierMaxLength):
                return TryAcceptWithinMaxLength(field, name, value.EnumerateArray().Select(item => item.GetString()!).ToList(), value.GetArrayLength(), issues, out accepted);
            case (BodyFieldType.Objects, JsonValueKind.Array) when value.EnumerateArray().All(item => item.ValueKind == JsonValueKind.Object):
                var items = value.EnumerateArray().Select((item, index) => field.Items!.ValidateObject(item, issues, $"{name}.{index}.")).ToList();
                return TryAcceptWithinMaxLength(field, name, items, items.Count, issues, out accepted);
            default:
                issues.WrongType(TypeName(field.Type), name, JavaScriptText.Of(value));
                return false;
        }
    }

    /// <param name="length">Characters of a string, bytes of a record's JSON, items of an array.</param>
    private static bool TryAcceptWithinMaxLength(BodyField field, string name, object value, int length, ValidationIssues issues, out object? accepted)
    {
        accepted = value;
        if (length <= field.MaxLength)
        {
            return true;
        }

        issues.TooBig(name, field.MaxLength.ToString(CultureInfo.InvariantCulture));
        return false;
    }

    /// <summary>
    /// The number text of Medusa's three amount forms: a JSON number, a string holding one (BigNumber.js writes no other
    /// syntax), or the raw <c>{"value", "precision"}</c> with either as its value; null for anything else.
    /// </summary>
    private static string? ExactAmountText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.String when AmountLiteral.IsNumberText(value.GetString()!) => value.GetString(),
        JsonValueKind.Object when JsonObjects.LastValuePerName(value) is { Count: 2 } raw
            && raw.TryGetValue("precision", out var precision) && precision.ValueKind == JsonValueKind.Number
            && raw.TryGetValue("value", out var inner) && inner.ValueKind is JsonValueKind.Number or JsonValueKind.String => ExactAmountText(inner),
        _ => null,
    };

    /// <summary>Amounts are read from their text straight into a decimal, exactly, within the bounds of <see cref="AmountLiteral"/>.</summary>
    private static bool TryAcceptAmount(BodyField field, string name, AmountLiteral amount, int maxDecimalPlaces, ValidationIssues issues, out object? accepted)
    {
        accepted = null;
        if (field.MustBeGreaterThanZero && amount.Sign <= 0)
        {
            issues.TooSmall(name, "0");
        }
        else if (amount.IsBeyondMaximum && amount.Sign > 0)
        {
            issues.TooBig(name, AmountLiteral.MaximumText);
        }
        else if (amount.IsBeyondMaximum)
        {
            issues.TooSmall(name, "-" + AmountLiteral.MaximumText);
        }
        else if (amount.HasTooManyDecimalPlaces)
        {
            issues.TooManyDecimalPlaces(name, maxDecimalPlaces);
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
        BodyFieldType.Number or BodyFieldType.ExactAmount or BodyFieldType.Count => "number",
        BodyFieldType.Boolean => "boolean",
        BodyFieldType.Strings or BodyFieldType.Objects => "array",
        _ => "record",
    };
}
