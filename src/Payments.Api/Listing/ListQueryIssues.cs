using System.Text.Json;
using Payments.Api.Requests;
using Payments.Domain.Errors;

namespace Payments.Api.Listing;

/// <summary>
/// The issues of a list route's filters. Shape issues (wrong types, invalid timestamps, unknown keys) are worded and
/// reported as spec §3.4 reports every query issue, the first three together; an unsupported operator is our own
/// rule and is reported alone, after them.
/// </summary>
internal sealed class ListQueryIssues
{
    private readonly ValidationIssues shape = new();
    private MedusaException? unsupportedOperator;

    public void WrongType(string expectedType, FieldPath path, JsonElement received) =>
        shape.WrongType(expectedType, path.ToString(), JavaScriptText.Of(received));

    public void Unrecognized(IEnumerable<string> keys) => shape.Unrecognized(JavaScriptPropertyOrder.Of(keys));

    /// <summary>Spec §6.4: the string operators have no meaning on a timestamp.</summary>
    public void UnsupportedOperator(string @operator, FieldPath field) =>
        unsupportedOperator ??= MedusaException.InvalidData(
            $"Invalid request: Operator '{@operator}' is not supported for field '{field}'");

    public void ThrowIfAny()
    {
        shape.ThrowIfAny();
        if (unsupportedOperator is { } unsupported)
        {
            throw unsupported;
        }
    }
}
