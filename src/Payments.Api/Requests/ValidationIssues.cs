using Payments.Domain.Errors;

namespace Payments.Api.Requests;

/// <summary>
/// The issues found while validating a body or a query string, worded as Medusa's zod formatter words them and
/// reported as one <c>invalid_data</c> error holding the first three.
/// </summary>
internal sealed class ValidationIssues
{
    private const int ReportedIssues = 3;
    private readonly List<string> issues = [];

    public void Required(string field) => issues.Add($"Field '{field}' is required");

    public void WrongType(string expectedType, string field, string received) =>
        issues.Add($"Expected type: '{expectedType}' for field '{field}', got: '{received}'");

    public void TooSmall(string field, string minimum) =>
        issues.Add($"Value for field '{field}' too small, expected at least: '{minimum}'");

    public void TooBig(string field, string maximum) =>
        issues.Add($"Value for field '{field}' too big, expected at most: '{maximum}'");

    public void TooManyDecimalPlaces(string field, int maximum) =>
        issues.Add($"Value for field '{field}' has too many decimal places, expected at most: '{maximum}'");

    public void FollowsTwice(string field, string relation, string path) =>
        issues.Add($"Value for field '{field}' follows '{relation}' twice in '{path}': a path may follow each relation once");

    public void TooDeep(string field, string path, int maxDepth) =>
        issues.Add($"Value for field '{field}' has the path '{path}' deeper than {maxDepth} levels");

    /// <summary>Medusa's schemas are strict: keys the schema does not declare are one issue, listed last.</summary>
    public void Unrecognized(IReadOnlyList<string> keysInJavaScriptOrder)
    {
        if (keysInJavaScriptOrder.Count > 0)
        {
            issues.Add($"Unrecognized fields: '{string.Join(", ", keysInJavaScriptOrder)}'");
        }
    }

    /// <summary>The failure of a body that is not a JSON object at all.</summary>
    public static MedusaException MissingRoot()
    {
        var issues = new ValidationIssues();
        issues.Required("");
        return issues.ToException();
    }

    public void ThrowIfAny()
    {
        if (issues.Count > 0)
        {
            throw ToException();
        }
    }

    private MedusaException ToException() =>
        MedusaException.InvalidData("Invalid request: " + string.Join("; ", issues.Take(ReportedIssues)));
}
