using System.Text.Json;

namespace Payments.Api.Serialization.Projection;

/// <summary>A relation of a resource of type <typeparamref name="T"/>.</summary>
internal abstract class Relation<T>(string name, string? foreignKey, ValueWriter<T>? starForm)
{
    public string Name { get; } = name;

    public JsonEncodedText EncodedName { get; } = JsonEncodedText.Encode(name);

    /// <summary>The field of this entity holding the related id, after which the expanded relation goes.</summary>
    public string? ForeignKey { get; } = foreignKey;

    /// <summary>
    /// The value a star selection writes when the relation is not expanded (a session's <c>payment</c> is
    /// <c>{"id":…}</c>); null when a star selection leaves the relation out.
    /// </summary>
    public ValueWriter<T>? StarForm { get; } = starForm;

    public abstract ResourceShape Target { get; }

    public abstract bool IsToMany { get; }

    /// <summary>Compiles the writer of the relation's value for the given selection of its fields.</summary>
    public abstract ValueWriter<T> Expand(SelectionNode selection);
}

internal sealed class ToManyRelation<T, TChild>(
    string name,
    Func<ResourceShape<TChild>> target,
    Func<T, ProjectionScope, IEnumerable<TChild>> children)
    : Relation<T>(name, foreignKey: null, starForm: null)
{
    public override ResourceShape Target => target();

    public override bool IsToMany => true;

    public override ValueWriter<T> Expand(SelectionNode selection)
    {
        var element = target().Compile(selection);
        return (writer, entity, scope) =>
        {
            writer.WriteStartArray();
            foreach (var child in children(entity, scope))
            {
                element.Write(writer, child, scope);
            }

            writer.WriteEndArray();
        };
    }
}

internal sealed class ToOneRelation<T, TChild>(
    string name,
    string? foreignKey,
    ValueWriter<T>? starForm,
    Func<ResourceShape<TChild>> target,
    Func<T, ProjectionScope, TChild?> child)
    : Relation<T>(name, foreignKey, starForm)
    where TChild : class
{
    public override ResourceShape Target => target();

    public override bool IsToMany => false;

    public override ValueWriter<T> Expand(SelectionNode selection)
    {
        var projection = target().Compile(selection);
        return (writer, entity, scope) =>
        {
            if (child(entity, scope) is { } related)
            {
                projection.Write(writer, related, scope);
            }
            else
            {
                writer.WriteNullValue();
            }
        };
    }
}
