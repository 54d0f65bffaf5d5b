using System.Text.Json;

namespace Payments.Domain.RefundReasons;

public sealed record RefundReason
{
    public required string Id { get; init; }
    public required string Label { get; init; }

    /// <summary>Required but not unique (Medusa allows duplicates).</summary>
    public required string Code { get; init; }

    public string? Description { get; init; }
    public JsonElement? Metadata { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? DeletedAt { get; init; }
}
