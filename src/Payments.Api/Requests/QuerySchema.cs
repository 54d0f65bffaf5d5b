using System.Globalization;
using System.Text.Json;
using Payments.Api.Fields;

namespace Payments.Api.Requests;

/// <summary>
/// A strict query string (spec §3.4): the declared parameters, nothing else. Declare one per route, then
/// <see cref="Validate"/> each request's <see cref="QueryParameters"/>.
/// </summary>
public sealed class QuerySchema
{
    private readonly IReadOnlyList<QueryParameter> parameters;

    public QuerySchema(params IReadOnlyList<QueryParameter> parameters)
    {
        if (parameters.DistinctBy(parameter => parameter.Name, StringComparer.Ordinal).Count() != parameters.Count)
        {
            throw new ArgumentException("Each query parameter may be declared once.", nameof(parameters));
        }

        this.parameters = parameters;
    }

    /// <exception cref="Payments.Domain.Errors.MedusaException">
    /// <c>invalid_data</c> "Invalid request: …" listing the first three issues.
    /// </exception>
    public ValidatedQuery Validate(QueryParameters query)
    {
        var issues = new ValidationIssues();
        var accepted = new Dictionary<string, object>(StringComparer.Ordinal);
        var given = query.Values.EnumerateObject().ToDictionary(parameter => parameter.Name, parameter => parameter.Value);
        foreach (var parameter in parameters)
        {
            if (!given.TryGetValue(parameter.Name, out var value))
            {
                if (parameter.IsRequired)
                {
                    issues.Required(parameter.Name);
                }

                continue;
            }

            if (TryAccept(parameter, value, issues) is { } acceptedValue)
            {
                accepted[parameter.Name] = acceptedValue;
            }
        }

        var declared = parameters.Select(parameter => parameter.Name).ToHashSet(StringComparer.Ordinal);
        issues.Unrecognized(JavaScriptPropertyOrder.Of(given.Keys.Where(name => !declared.Contains(name))));
        issues.ThrowIfAny();
        return new ValidatedQuery(parameters, accepted);
    }

    private static object? TryAccept(QueryParameter parameter, JsonElement value, ValidationIssues issues)
    {
        switch (parameter.Type, value.ValueKind)
        {
            case (QueryParameterType.Any, _):
                return value.Clone();
            case (QueryParameterType.Integer, JsonValueKind.String):
                return TryAcceptInteger(parameter.Name, value.GetString()!, issues);
            case (QueryParameterType.Fields, JsonValueKind.String):
                return TryAcceptFields(parameter.Name, value.GetString()!, issues);
        }

        var accepted = parameter.Type switch
        {
            QueryParameterType.String when value.ValueKind == JsonValueKind.String => value.GetString(),
            QueryParameterType.StringOrArray => Strings(value),
            QueryParameterType.Boolean => Boolean(value),
            _ => null,
        };
        if (accepted is null)
        {
            issues.WrongType(ExpectedTypeName(parameter.Type), parameter.Name, JavaScriptText.Of(value));
        }

        return accepted;
    }

    private static IReadOnlyList<string>? Strings(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => [value.GetString()!],
        JsonValueKind.Array when value.EnumerateArray().All(item => item.ValueKind == JsonValueKind.String) =>
            [.. value.EnumerateArray().Select(item => item.GetString()!)],
        _ => null,
    };

    private static object? Boolean(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? value.GetString()!.ToUpperInvariant() switch
        {
            "TRUE" => true,
            "FALSE" => false,
            _ => null,
        }
        : null;

    /// <summary><c>limit</c> and <c>offset</c>: decimal digits only, within the range of an int.</summary>
    private static object? TryAcceptInteger(string name, string text, ValidationIssues issues)
    {
        var digits = text.StartsWith('-') ? text[1..] : text;
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            issues.WrongType("number", name, text);
            return null;
        }

        if (text.StartsWith('-') && digits.Any(digit => digit != '0'))
        {
            issues.TooSmall(name, "0");
            return null;
        }

        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            issues.TooBig(name, int.MaxValue.ToString(CultureInfo.InvariantCulture));
            return null;
        }

        return number;
    }

    private static string? TryAcceptFields(string name, string fields, ValidationIssues issues)
    {
        if (FieldPaths.FirstViolation(fields) is not { } violation)
        {
            return fields;
        }

        if (violation.RepeatedRelation is { } repeated)
        {
            issues.FollowsTwice(name, repeated, violation.Path);
        }
        else
        {
            issues.TooDeep(name, violation.Path, FieldPaths.MaxDepth);
        }

        return null;
    }

    private static string ExpectedTypeName(QueryParameterType type) => type switch
    {
        QueryParameterType.StringOrArray => "string, array",
        QueryParameterType.Boolean => "boolean",
        QueryParameterType.Integer => "number",
        _ => "string",
    };
}
