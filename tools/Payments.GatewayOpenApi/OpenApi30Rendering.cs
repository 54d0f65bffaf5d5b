using System.Text.Json.Nodes;

namespace Payments.GatewayOpenApi;

/// <summary>
/// An OpenAPI 3.1 document rendered as OpenAPI 3.0.3, the version API Management's importer reads (OpenAPI.NET's 3.0
/// reader): the same paths, operations, extensions and components, with each 3.1 construct the contract uses written
/// the 3.0 way. A schema type list with <c>"null"</c> becomes the type and <c>nullable</c>; a <c>oneOf</c> member
/// <c>{"type": "null"}</c> becomes <c>nullable</c>; <c>const</c> a one-value <c>enum</c>; a schema's <c>examples</c>
/// its first <c>example</c>; a numeric <c>exclusiveMinimum</c>/<c>exclusiveMaximum</c> the bound with the boolean flag;
/// <c>info.summary</c>, which 3.0 lacks, is left out. Any other 3.1-only construct is refused rather than passed on,
/// so the contract cannot grow something the gateway would fail to import.
/// </summary>
public static class OpenApi30Rendering
{
    public const string Version = "3.0.3";

    private static readonly string[] SchemaLists = ["oneOf", "anyOf", "allOf"];
    private static readonly string[] SchemaValues = ["items", "not", "additionalProperties"];

    /// <summary>Keywords of JSON Schema 2020-12 and OpenAPI 3.1 that OpenAPI 3.0 has no way to say.</summary>
    private static readonly string[] Unsupported =
    [
        "prefixItems", "$defs", "$id", "$anchor", "$dynamicRef", "$dynamicAnchor", "$schema", "if", "then", "else",
        "dependentSchemas", "dependentRequired", "unevaluatedProperties", "unevaluatedItems", "patternProperties",
        "propertyNames", "contains", "minContains", "maxContains", "contentEncoding", "contentMediaType", "contentSchema",
    ];

    private static readonly string[] UnsupportedTopLevel = ["webhooks", "jsonSchemaDialect"];

    public static JsonObject Render(JsonObject openApi31)
    {
        ArgumentNullException.ThrowIfNull(openApi31);
        if ((string?)openApi31["openapi"] is not { } version || !version.StartsWith("3.1.", StringComparison.Ordinal))
        {
            throw new NotSupportedException($"Expected an OpenAPI 3.1 document, found openapi '{openApi31["openapi"]}'.");
        }

        var document = openApi31.DeepClone().AsObject();
        foreach (var keyword in UnsupportedTopLevel)
        {
            Refuse(document, keyword, "#");
        }

        Refuse(document["components"]?.AsObject(), "pathItems", "#/components");
        Refuse(document["info"]?["license"]?.AsObject(), "identifier", "#/info/license");
        document["openapi"] = Version;
        document["info"]?.AsObject().Remove("summary");
        RenderStructure(document, "#");
        return document;
    }

    /// <summary>Everything outside schemas: walked until a schema is met (under <c>schema</c> or <c>components.schemas</c>).</summary>
    private static void RenderStructure(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject structure:
                foreach (var (key, value) in structure.ToList())
                {
                    var childPath = $"{path}/{key}";
                    if (key == "schema" && value is JsonObject schema)
                    {
                        RenderSchema(schema, childPath);
                    }
                    else if (key == "schemas" && path == "#/components" && value is JsonObject schemas)
                    {
                        foreach (var (name, named) in schemas)
                        {
                            RenderSchema(named!.AsObject(), $"{childPath}/{name}");
                        }
                    }
                    else
                    {
                        RenderStructure(value, childPath);
                    }
                }

                break;
            case JsonArray list:
                for (var i = 0; i < list.Count; i++)
                {
                    RenderStructure(list[i], $"{path}/{i}");
                }

                break;
        }
    }

    private static void RenderSchema(JsonObject schema, string path)
    {
        foreach (var keyword in Unsupported)
        {
            Refuse(schema, keyword, path);
        }

        RenderType(schema, path);
        RenderNullMembers(schema, path);
        RenderExclusiveBound(schema, "exclusiveMinimum", "minimum");
        RenderExclusiveBound(schema, "exclusiveMaximum", "maximum");
        if (schema.Remove("const", out var constant))
        {
            schema["enum"] = new JsonArray(constant?.DeepClone());
        }

        if (schema.Remove("examples", out var examples) && examples is JsonArray { Count: > 0 } values)
        {
            schema["example"] = values[0]!.DeepClone();
        }

        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (name, property) in properties)
            {
                RenderSchema(property!.AsObject(), $"{path}/properties/{name}");
            }
        }

        foreach (var keyword in SchemaValues)
        {
            if (schema[keyword] is JsonObject value)
            {
                RenderSchema(value, $"{path}/{keyword}");
            }
        }

        foreach (var keyword in SchemaLists)
        {
            if (schema[keyword] is JsonArray members)
            {
                for (var i = 0; i < members.Count; i++)
                {
                    RenderSchema(members[i]!.AsObject(), $"{path}/{keyword}/{i}");
                }
            }
        }
    }

    /// <summary><c>"type": ["string", "null"]</c> is <c>"type": "string", "nullable": true</c> in 3.0.</summary>
    private static void RenderType(JsonObject schema, string path)
    {
        switch (schema["type"])
        {
            case JsonArray types:
                var named = types.Select(type => (string)type!).ToList();
                var nonNull = named.Where(type => type != "null").ToList();
                if (nonNull.Count != 1)
                {
                    throw new NotSupportedException($"{path}: the type list [{string.Join(", ", named)}] has no OpenAPI 3.0 form.");
                }

                schema["type"] = nonNull[0];
                if (nonNull.Count < named.Count)
                {
                    schema["nullable"] = true;
                }

                break;
            case JsonValue type when (string?)type == "null":
                throw new NotSupportedException($"{path}: a schema of type null has no OpenAPI 3.0 form outside oneOf or anyOf.");
        }
    }

    /// <summary><c>"oneOf": [X, {"type": "null"}]</c> is <c>"oneOf": [X], "nullable": true</c> in 3.0.</summary>
    private static void RenderNullMembers(JsonObject schema, string path)
    {
        foreach (var keyword in new[] { "oneOf", "anyOf" })
        {
            if (schema[keyword] is not JsonArray members)
            {
                continue;
            }

            var nulls = members.Where(member => member is JsonObject { Count: 1 } only && (string?)only["type"] == "null").ToList();
            if (nulls.Count == members.Count)
            {
                throw new NotSupportedException($"{path}/{keyword}: only null members.");
            }

            foreach (var member in nulls)
            {
                members.Remove(member);
                schema["nullable"] = true;
            }
        }
    }

    /// <summary>A numeric <c>exclusiveMinimum: n</c> is <c>minimum: n, exclusiveMinimum: true</c> in 3.0.</summary>
    private static void RenderExclusiveBound(JsonObject schema, string exclusive, string inclusive)
    {
        if (schema[exclusive] is JsonValue bound && bound.GetValueKind() == System.Text.Json.JsonValueKind.Number)
        {
            schema[inclusive] = bound.DeepClone();
            schema[exclusive] = true;
        }
    }

    private static void Refuse(JsonObject? node, string keyword, string path)
    {
        if (node?.ContainsKey(keyword) == true)
        {
            throw new NotSupportedException($"{path}/{keyword}: OpenAPI 3.0 has no form of it; the gateway could not import it.");
        }
    }
}
