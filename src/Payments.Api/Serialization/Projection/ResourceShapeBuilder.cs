using System.Collections.Frozen;
using System.Text.Json;

namespace Payments.Api.Serialization.Projection;

/// <summary>
/// Declares a resource like the tables of spec §5: fields and in-place references in canonical (star) order,
/// then the relations a field list may expand.
/// </summary>
internal sealed class ResourceShapeBuilder<T>
{
    private readonly List<string> starOrder = [];
    private readonly Dictionary<string, PropertyWriter<T>> scalars = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Relation<T>> relations = new(StringComparer.Ordinal);

    public ResourceShapeBuilder<T> Field(string name, ValueWriter<T> write)
    {
        starOrder.Add(name);
        scalars.Add(name, new PropertyWriter<T>(JsonEncodedText.Encode(name), write));
        return this;
    }

    public ResourceShapeBuilder<T> String(string name, Func<T, string?> value) =>
        Field(name, (writer, entity, _) => writer.WriteStringValue(value(entity)));

    public ResourceShapeBuilder<T> Boolean(string name, Func<T, bool> value) =>
        Field(name, (writer, entity, _) => writer.WriteBooleanValue(value(entity)));

    public ResourceShapeBuilder<T> Status<TEnum>(string name, Func<T, TEnum> value)
        where TEnum : struct, Enum =>
        Field(name, (writer, entity, _) => writer.WriteStringValue(MedusaEnum.Encoded(value(entity))));

    public ResourceShapeBuilder<T> Timestamp(string name, Func<T, DateTimeOffset?> value) =>
        Field(name, (writer, entity, _) => MedusaTimestamp.WriteValue(writer, value(entity)));

    public ResourceShapeBuilder<T> Amount(string name, Func<T, decimal?> value) =>
        Field(name, (writer, entity, _) => MedusaNumber.WriteAmount(writer, value(entity)));

    public ResourceShapeBuilder<T> RawAmount(string name, Func<T, decimal?> value) =>
        Field(name, (writer, entity, _) => MedusaNumber.WriteRawAmount(writer, value(entity)));

    public ResourceShapeBuilder<T> Json(string name, Func<T, JsonElement?> value) =>
        Field(name, (writer, entity, _) =>
        {
            if (value(entity) is { } json)
            {
                json.WriteTo(writer);
            }
            else
            {
                writer.WriteNullValue();
            }
        });

    /// <summary>A field Medusa has and we never set: always <c>null</c>.</summary>
    public ResourceShapeBuilder<T> AlwaysNull(string name) =>
        Field(name, static (writer, _, _) => writer.WriteNullValue());

    /// <summary>A field Medusa has and we never fill: always <c>{}</c>.</summary>
    public ResourceShapeBuilder<T> AlwaysEmptyObject(string name) =>
        Field(name, static (writer, _, _) =>
        {
            writer.WriteStartObject();
            writer.WriteEndObject();
        });

    /// <summary>A to-one relation with its own place in the star order, written there as <paramref name="starForm"/>.</summary>
    public ResourceShapeBuilder<T> Reference<TChild>(
        string name,
        Func<ResourceShape<TChild>> target,
        Func<T, ProjectionScope, TChild?> related,
        ValueWriter<T> starForm)
        where TChild : class
    {
        starOrder.Add(name);
        relations.Add(name, new ToOneRelation<T, TChild>(name, foreignKey: null, starForm, target, related));
        return this;
    }

    /// <summary>A to-one relation; expanded, it goes right after <paramref name="foreignKey"/>.</summary>
    public ResourceShapeBuilder<T> ToOne<TChild>(
        string name,
        string foreignKey,
        Func<ResourceShape<TChild>> target,
        Func<T, ProjectionScope, TChild?> related)
        where TChild : class
    {
        relations.Add(name, new ToOneRelation<T, TChild>(name, foreignKey, starForm: null, target, related));
        return this;
    }

    public ResourceShapeBuilder<T> ToMany<TChild>(
        string name,
        Func<ResourceShape<TChild>> target,
        Func<T, ProjectionScope, IEnumerable<TChild>> children)
    {
        relations.Add(name, new ToManyRelation<T, TChild>(name, target, children));
        return this;
    }

    public ResourceShape<T> Build()
    {
        if (!scalars.ContainsKey("id"))
        {
            throw new InvalidOperationException($"{typeof(T).Name} has no id field.");
        }

        foreach (var relation in relations.Values)
        {
            if (scalars.ContainsKey(relation.Name)
                || (relation.ForeignKey is { } foreignKey && !scalars.ContainsKey(foreignKey)))
            {
                throw new InvalidOperationException($"{typeof(T).Name}.{relation.Name} is declared inconsistently.");
            }
        }

        return new ResourceShape<T>(
            [.. starOrder],
            scalars.ToFrozenDictionary(StringComparer.Ordinal),
            relations.ToFrozenDictionary(StringComparer.Ordinal));
    }
}
