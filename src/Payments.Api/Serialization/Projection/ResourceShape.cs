using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.Immutable;
using Payments.Api.Fields;

namespace Payments.Api.Serialization.Projection;

/// <summary>What a field list can name on a resource; the part of a shape that needs no entity type.</summary>
internal abstract class ResourceShape
{
    public abstract bool HasScalar(string name);

    /// <summary>The shape of the related resource, or null when <paramref name="name"/> is no relation.</summary>
    public abstract ResourceShape? RelationTarget(string name);

    /// <summary>Whether the relation <paramref name="name"/> holds a list.</summary>
    public abstract bool IsToMany(string name);
}

/// <summary>
/// A resource's fields and relations and its canonical (star) key order (spec §5), and the compiler from a
/// field selection to the writer of its JSON object (spec §4.2).
/// </summary>
internal sealed class ResourceShape<T> : ResourceShape
{
    // Field lists come from requests: cache the common ones, not every list a client can invent.
    private const int MaxCachedProjections = 256;

    private const string IdField = "id";

    private readonly ImmutableArray<string> starOrder;
    private readonly FrozenDictionary<string, PropertyWriter<T>> scalars;
    private readonly FrozenDictionary<string, Relation<T>> relations;
    private readonly ConcurrentDictionary<string, ObjectProjection<T>> projections = new(StringComparer.Ordinal);

    public ResourceShape(
        ImmutableArray<string> starOrder,
        FrozenDictionary<string, PropertyWriter<T>> scalars,
        FrozenDictionary<string, Relation<T>> relations)
    {
        this.starOrder = starOrder;
        this.scalars = scalars;
        this.relations = relations;
    }

    public override bool HasScalar(string name) => scalars.ContainsKey(name);

    public override ResourceShape? RelationTarget(string name) =>
        relations.TryGetValue(name, out var relation) ? relation.Target : null;

    public override bool IsToMany(string name) => relations.TryGetValue(name, out var relation) && relation.IsToMany;

    public ObjectProjection<T> ProjectionFor(FieldSelection fields)
    {
        if (projections.TryGetValue(fields.Key, out var cached))
        {
            return cached;
        }

        var projection = Compile(SelectionNode.ForRoot(this, fields.Fields));
        if (projections.Count < MaxCachedProjections)
        {
            projections.TryAdd(fields.Key, projection);
        }

        return projection;
    }

    public ObjectProjection<T> Compile(SelectionNode selection) =>
        new(selection.IsStar ? StarProperties(selection) : SelectedProperties(selection));

    /// <summary>
    /// Canonical order; an expanded to-one relation goes right after its foreign key (or in its own place,
    /// like a session's <c>payment</c>), other expanded relations follow in the order they were mentioned.
    /// </summary>
    private ImmutableArray<PropertyWriter<T>> StarProperties(SelectionNode selection)
    {
        var properties = ImmutableArray.CreateBuilder<PropertyWriter<T>>();
        foreach (var name in starOrder)
        {
            if (relations.TryGetValue(name, out var placed))
            {
                var expanded = selection.RelationSelection(name);
                properties.Add(new(placed.EncodedName, expanded is null ? placed.StarForm! : placed.Expand(expanded)));
                continue;
            }

            properties.Add(scalars[name]);
            foreach (var (relationName, relationSelection) in selection.Relations)
            {
                if (relations[relationName].ForeignKey == name)
                {
                    properties.Add(ExpandedProperty(relationName, relationSelection));
                }
            }
        }

        foreach (var (relationName, relationSelection) in selection.Relations)
        {
            var relation = relations[relationName];
            if (relation.ForeignKey is null && relation.StarForm is null)
            {
                properties.Add(ExpandedProperty(relationName, relationSelection));
            }
        }

        return properties.ToImmutable();
    }

    /// <summary>
    /// The requested scalars in list order, then <c>id</c> (below the top level), then each relation in the
    /// order it was first mentioned, a to-one relation preceded by its foreign key.
    /// </summary>
    private ImmutableArray<PropertyWriter<T>> SelectedProperties(SelectionNode selection)
    {
        var properties = ImmutableArray.CreateBuilder<PropertyWriter<T>>();
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in selection.Scalars)
        {
            written.Add(name);
            properties.Add(scalars[name]);
        }

        if (!selection.IsRoot && written.Add(IdField))
        {
            properties.Add(scalars[IdField]);
        }

        foreach (var (relationName, relationSelection) in selection.Relations)
        {
            if (relations[relationName].ForeignKey is { } foreignKey && !relationSelection.IsReference && written.Add(foreignKey))
            {
                properties.Add(scalars[foreignKey]);
            }

            properties.Add(ExpandedProperty(relationName, relationSelection));
        }

        return properties.ToImmutable();
    }

    private PropertyWriter<T> ExpandedProperty(string relationName, SelectionNode selection)
    {
        var relation = relations[relationName];
        return new(relation.EncodedName, relation.Expand(selection));
    }
}
