namespace Payments.Api.Listing;

/// <summary>Where a value sits in a query, printed as Medusa prints validation paths: segments joined by ", ".</summary>
internal readonly record struct FieldPath(string Text)
{
    public static FieldPath Root { get; } = new("");

    public FieldPath Child(string segment) => new(Text.Length == 0 ? segment : $"{Text}, {segment}");

    public override string ToString() => Text;
}
