using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Payments.Api.Serialization;

namespace Payments.Api.Requests;

/// <summary>How deep qs nests bracketed keys and up to which index <c>key[n]</c> makes an array.</summary>
internal readonly record struct QsLimits(int Depth, int ArrayLimit)
{
    /// <summary>Express's query parser: qs defaults.</summary>
    public static QsLimits Query { get; } = new(Depth: 5, ArrayLimit: 20);

    /// <summary>body-parser's extended urlencoded parser.</summary>
    public static QsLimits FormBody { get; } = new(Depth: 32, ArrayLimit: 100);
}

/// <summary>
/// The parse algorithm of the qs library, which Express uses for query strings and form bodies: repeated keys
/// and <c>key[]</c> make arrays, <c>key[sub]</c> makes objects, <c>key[n]</c> places array elements, <c>+</c> is a
/// space. Values are strings; the only other leaf qs produces is <c>true</c> (a plain key merged into an object).
/// </summary>
/// <remarks>
/// Nodes while parsing: <see cref="string"/>, <see cref="bool"/> (true), <see cref="List{T}"/> (arrays, null is a
/// hole of a sparse JavaScript array) and <see cref="OrderedDictionary{TKey,TValue}"/> (objects).
/// </remarks>
internal static partial class QsParser
{
    private const int ParameterLimit = 1000;

    public static JsonElement Parse(string text, QsLimits limits)
    {
        var values = ParseValues(text);
        object result = new OrderedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var key in JavaScriptPropertyOrder.Of(values.Keys))
        {
            if (ParseKeys(key, values[key], limits) is { } parsed)
            {
                result = Merge(result, parsed);
            }
        }

        return ToJson(result);
    }

    /// <summary>Splits on <c>&amp;</c> and decodes; a repeated raw key collects its values in an array.</summary>
    private static OrderedDictionary<string, object> ParseValues(string text)
    {
        var values = new OrderedDictionary<string, object>(StringComparer.Ordinal);
        var withBrackets = text.Replace("%5B", "[", StringComparison.OrdinalIgnoreCase)
            .Replace("%5D", "]", StringComparison.OrdinalIgnoreCase);
        foreach (var part in withBrackets.Split('&').Take(ParameterLimit))
        {
            var bracketEquals = part.IndexOf("]=", StringComparison.Ordinal);
            var equals = bracketEquals == -1 ? part.IndexOf('=', StringComparison.Ordinal) : bracketEquals + 1;
            var key = Decode(equals == -1 ? part : part[..equals]);
            var value = equals == -1 ? "" : Decode(part[(equals + 1)..]);
            values[key] = values.TryGetValue(key, out var existing) ? Concat(existing, value) : value;
        }

        return values;
    }

    /// <summary>Turns <c>a[b][]</c> into the chain <c>a</c>, <c>[b]</c>, <c>[]</c> and builds the value it names.</summary>
    private static object? ParseKeys(string key, object value, QsLimits limits)
    {
        if (key.Length == 0)
        {
            return null;
        }

        var segments = BracketSegment().Matches(key);
        var parent = segments.Count > 0 ? key[..segments[0].Index] : key;
        var chain = new List<string>();
        if (parent.Length > 0)
        {
            chain.Add(parent);
        }

        chain.AddRange(segments.Take(limits.Depth).Select(segment => segment.Value));
        if (segments.Count > limits.Depth)
        {
            chain.Add("[" + key[segments[limits.Depth].Index..] + "]");
        }

        return ParseObject(chain, value, limits.ArrayLimit);
    }

    private static object ParseObject(List<string> chain, object leaf, int arrayLimit)
    {
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            var root = chain[i];
            if (root == "[]")
            {
                leaf = Concat(leaf);
                continue;
            }

            var bracketed = root.Length >= 2 && root[0] == '[' && root[^1] == ']';
            var name = bracketed ? root[1..^1] : root;
            if (bracketed && IsArrayIndex(name, arrayLimit, out var index))
            {
                var array = new List<object?>();
                SetAt(array, index, leaf);
                leaf = array;
                continue;
            }

            var map = new OrderedDictionary<string, object>(StringComparer.Ordinal);
            if (name != "__proto__")
            {
                map[name] = leaf;
            }

            leaf = map;
        }

        return leaf;
    }

    private static bool IsArrayIndex(string name, int arrayLimit, out int index)
    {
        index = 0;
        return name.Length > 0
            && name.All(char.IsAsciiDigit)
            && (name == "0" || name[0] != '0')
            && int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out index)
            && index <= arrayLimit;
    }

    /// <summary>qs's <c>utils.merge</c>, with its JavaScript quirks (an empty string merges into nothing).</summary>
    private static object Merge(object target, object source)
    {
        if (source is "")
        {
            return target;
        }

        if (source is string key)
        {
            switch (target)
            {
                case List<object?> list:
                    list.Add(key);
                    return list;
                case OrderedDictionary<string, object> map:
                    map[key] = true;
                    return map;
                default:
                    return new List<object?> { target, key };
            }
        }

        if (target is not (List<object?> or OrderedDictionary<string, object>))
        {
            return Concat(target, source);
        }

        if (target is List<object?> targetList && source is List<object?> sourceList)
        {
            MergeArrays(targetList, sourceList);
            return targetList;
        }

        var merged = target as OrderedDictionary<string, object> ?? ArrayToObject((List<object?>)target);
        foreach (var (name, value) in Entries(source))
        {
            merged[name] = merged.TryGetValue(name, out var existing) ? Merge(existing, value) : value;
        }

        return merged;
    }

    private static void MergeArrays(List<object?> target, List<object?> source)
    {
        for (var i = 0; i < source.Count; i++)
        {
            if (source[i] is not { } item)
            {
                continue;
            }

            if (i < target.Count && target[i] is { } existing)
            {
                if (IsContainer(existing) && IsContainer(item))
                {
                    target[i] = Merge(existing, item);
                }
                else
                {
                    target.Add(item);
                }
            }
            else
            {
                SetAt(target, i, item);
            }
        }
    }

    private static bool IsContainer(object node) => node is List<object?> or OrderedDictionary<string, object>;

    /// <summary>JavaScript's <c>[].concat(a, b, …)</c>: arrays are spread one level, anything else appended.</summary>
    private static List<object?> Concat(params ReadOnlySpan<object> parts)
    {
        var result = new List<object?>();
        foreach (var part in parts)
        {
            if (part is List<object?> list)
            {
                result.AddRange(list);
            }
            else
            {
                result.Add(part);
            }
        }

        return result;
    }

    private static OrderedDictionary<string, object> ArrayToObject(List<object?> array) =>
        new(Entries(array), StringComparer.Ordinal);

    private static IEnumerable<KeyValuePair<string, object>> Entries(object container) => container switch
    {
        List<object?> list => list
            .Select((item, index) => (item, index))
            .Where(entry => entry.item is not null)
            .Select(entry => KeyValuePair.Create(entry.index.ToString(CultureInfo.InvariantCulture), entry.item!)),
        _ => (OrderedDictionary<string, object>)container,
    };

    private static void SetAt(List<object?> array, int index, object value)
    {
        while (array.Count <= index)
        {
            array.Add(null);
        }

        array[index] = value;
    }

    /// <summary>qs's decoder: <c>+</c> is a space, then decodeURIComponent, or the text as is when that fails.</summary>
    private static string Decode(string text)
    {
        var withSpaces = text.Replace('+', ' ');
        return TryDecodeUriComponent(withSpaces, out var decoded) ? decoded : withSpaces;
    }

    /// <summary>JavaScript's decodeURIComponent, which rejects a malformed escape or invalid UTF-8 as a whole.</summary>
    private static bool TryDecodeUriComponent(string text, out string decoded)
    {
        decoded = text;
        if (!text.Contains('%', StringComparison.Ordinal))
        {
            return true;
        }

        var result = new StringBuilder(text.Length);
        var escapedBytes = new List<byte>();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] != '%')
            {
                result.Append(text[i]);
                i++;
                continue;
            }

            escapedBytes.Clear();
            while (i < text.Length && text[i] == '%')
            {
                if (i + 2 >= text.Length
                    || !byte.TryParse(text.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
                {
                    return false;
                }

                escapedBytes.Add(value);
                i += 3;
            }

            var bytes = escapedBytes.ToArray();
            if (!System.Text.Unicode.Utf8.IsValid(bytes))
            {
                return false;
            }

            result.Append(Encoding.UTF8.GetString(bytes));
        }

        decoded = result.ToString();
        return true;
    }

    private static JsonElement ToJson(object root)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, JavaScriptJson.WriterOptions))
        {
            Write(writer, root);
        }

        return JsonElement.Parse(buffer.WrittenSpan);
    }

    /// <summary>Writes the parsed tree; holes of sparse arrays are dropped, as qs's final compaction does.</summary>
    private static void Write(Utf8JsonWriter writer, object node)
    {
        switch (node)
        {
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case List<object?> list:
                writer.WriteStartArray();
                foreach (var item in list.OfType<object>())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case OrderedDictionary<string, object> map:
                writer.WriteStartObject();
                foreach (var (name, value) in map)
                {
                    writer.WritePropertyName(name);
                    Write(writer, value);
                }

                writer.WriteEndObject();
                break;
        }
    }

    [GeneratedRegex(@"\[[^[\]]*\]")]
    private static partial Regex BracketSegment();
}
