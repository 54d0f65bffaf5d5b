namespace Payments.Api.Serialization.Projection;

/// <summary>
/// A field list read against a resource (spec §4.1 rules 6–8, §4.2): the scalars asked for, whether the
/// whole entity is (a star), and the relations in the order they were first mentioned.
/// </summary>
internal sealed class SelectionNode
{
    private readonly ResourceShape shape;
    private readonly List<string> scalars = [];
    private readonly List<(string Name, SelectionNode Selection)> relations = [];

    private SelectionNode(ResourceShape shape, bool isRoot)
    {
        this.shape = shape;
        IsRoot = isRoot;
    }

    /// <summary>The response object itself: it carries exactly its list, with no <c>id</c> added.</summary>
    public bool IsRoot { get; }

    /// <summary><c>*rel</c> or <c>rel.*</c>: every field in canonical order.</summary>
    public bool IsStar { get; private set; }

    /// <summary>
    /// A to-one relation named bare (<c>?fields=id,payment_collection</c>): Medusa 2.21.2 answers the related id alone,
    /// <c>{"id":…}</c>, without the foreign key beside it.
    /// </summary>
    public bool IsReference { get; private set; }

    public IReadOnlyList<string> Scalars => scalars;

    public IReadOnlyList<(string Name, SelectionNode Selection)> Relations => relations;

    public static SelectionNode ForRoot(ResourceShape shape, IReadOnlyList<string> fields)
    {
        var root = new SelectionNode(shape, isRoot: true);
        foreach (var field in fields)
        {
            root.Add(field);
        }

        return root;
    }

    private void Add(string field)
    {
        var isStar = false;
        var path = field;
        if (path.StartsWith('*'))
        {
            (path, isStar) = (path[1..], true);
        }

        if (path.EndsWith(".*", StringComparison.Ordinal))
        {
            (path, isStar) = (path[..^2], true);
        }

        var segments = path.Split('.');
        if (NamesSomething(segments, isStar))
        {
            Apply(segments, isStar);
        }
    }

    /// <summary>
    /// An entry that names nothing the entity has is dropped silently (rule 8), and so is a to-many relation named bare
    /// (<c>?fields=payment_sessions</c>, <c>+captures</c>): Medusa 2.21.2 answers no key for it.
    /// </summary>
    private bool NamesSomething(string[] segments, bool isStar)
    {
        var current = shape;
        for (var i = 0; i < segments.Length; i++)
        {
            if (current.RelationTarget(segments[i]) is not { } target)
            {
                return !isStar && i == segments.Length - 1 && current.HasScalar(segments[i]);
            }

            if (!isStar && i == segments.Length - 1 && current.IsToMany(segments[i]))
            {
                return false;
            }

            current = target;
        }

        return true;
    }

    private void Apply(string[] segments, bool isStar)
    {
        var node = this;
        foreach (var segment in segments)
        {
            if (node.shape.HasScalar(segment))
            {
                if (!node.scalars.Contains(segment, StringComparer.Ordinal))
                {
                    node.scalars.Add(segment);
                }

                return;
            }

            node = node.Child(segment);
        }

        // The path ended on a relation: rel.*, or a bare to-one relation, whose selection of nothing writes its id.
        if (isStar)
        {
            node.IsStar = true;
        }
        else
        {
            node.IsReference = true;
        }
    }

    /// <summary>The selection of a relation of this node, or null when the relation is not expanded.</summary>
    public SelectionNode? RelationSelection(string relation)
    {
        foreach (var (name, selection) in relations)
        {
            if (name == relation)
            {
                return selection;
            }
        }

        return null;
    }

    private SelectionNode Child(string relation)
    {
        if (RelationSelection(relation) is { } existing)
        {
            return existing;
        }

        var child = new SelectionNode(shape.RelationTarget(relation)!, isRoot: false);
        relations.Add((relation, child));
        return child;
    }
}
