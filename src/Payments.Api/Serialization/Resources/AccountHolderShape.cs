using Payments.Api.Serialization.Projection;
using Payments.Domain.Sessions;

namespace Payments.Api.Serialization.Resources;

/// <summary>Medusa's account holder, as its module answers it and a session's context shows it.</summary>
internal static class AccountHolderShape
{
    public static ResourceShape<AccountHolder> Instance { get; } = new ResourceShapeBuilder<AccountHolder>()
        .String("id", holder => holder.Id)
        .String("provider_id", holder => holder.ProviderId)
        .String("external_id", holder => holder.ExternalId)
        .String("email", holder => holder.Email)
        .Json("data", holder => holder.Data)
        .Json("metadata", holder => holder.Metadata)
        .Timestamp("created_at", holder => holder.CreatedAt)
        .Timestamp("updated_at", holder => holder.UpdatedAt)
        .AlwaysNull("deleted_at")
        .Build();
}
