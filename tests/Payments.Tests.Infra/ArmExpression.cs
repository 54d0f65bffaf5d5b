namespace Payments.Tests.Infra;

/// <summary>Reads pieces of ARM template expressions such as <c>[createObject('a', parameters('x'), 'b', 'y')]</c>.</summary>
internal static class ArmExpression
{
    /// <summary>
    /// The argument that follows the string literal <paramref name="key"/> in a <c>createObject</c> call,
    /// i.e. the value Bicep compiled for that property of an object literal; null when the key is absent.
    /// </summary>
    public static string? ValueAfterKey(string expression, string key)
    {
        var marker = $"'{key}', ";
        var start = expression.IndexOf(marker, StringComparison.Ordinal);
        return start < 0 ? null : ReadArgument(expression, start + marker.Length);
    }

    /// <summary>Reads one argument up to the comma or closing parenthesis at its own nesting level.</summary>
    private static string ReadArgument(string expression, int start)
    {
        var depth = 0;
        var inString = false;
        for (var index = start; index < expression.Length; index++)
        {
            var character = expression[index];
            if (inString)
            {
                // ARM escapes a quote inside a string literal by doubling it.
                var escapedQuote = character == '\'' && index + 1 < expression.Length && expression[index + 1] == '\'';
                if (escapedQuote)
                {
                    index++;
                }
                else if (character == '\'')
                {
                    inString = false;
                }

                continue;
            }

            switch (character)
            {
                case '\'':
                    inString = true;
                    break;
                case '(':
                    depth++;
                    break;
                case ')' when depth == 0:
                case ',' when depth == 0:
                    return expression[start..index];
                case ')':
                    depth--;
                    break;
            }
        }

        throw new FormatException($"Unbalanced expression: {expression}");
    }
}
