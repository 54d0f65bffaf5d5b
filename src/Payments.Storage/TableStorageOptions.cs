using System.Diagnostics.CodeAnalysis;
using Azure.Core;
using Azure.Identity;
using Payments.Storage.Tables;

namespace Payments.Storage;

/// <summary>Where the tables live, bound from the configuration section <c>PaymentsStorage</c>.</summary>
public sealed class TableStorageOptions
{
    public const string SectionName = "PaymentsStorage";

    /// <summary>
    /// Azurite's <c>UseDevelopmentStorage=true</c> or a full connection string; when set it wins over
    /// <see cref="TableServiceUri"/>.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>The table endpoint reached with an Entra ID credential (Azurite's table service has no OAuth).</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>The client id of a user-assigned managed identity; without it <see cref="DefaultAzureCredential"/> is used.</summary>
    public string? ClientId { get; set; }

    /// <summary>Put in front of every table name, so that several deployments or test runs share one account.</summary>
    public string TablePrefix { get; set; } = "";

    [MemberNotNullWhen(true, nameof(ConnectionString))]
    [MemberNotNullWhen(false, nameof(TableServiceUri))]
    internal bool UsesConnectionString => !string.IsNullOrWhiteSpace(ConnectionString);

    internal TokenCredential CreateCredential() =>
        string.IsNullOrWhiteSpace(ClientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(ClientId));

    /// <summary>Fails at start-up, with the setting to fix, rather than on the first request.</summary>
    internal void Validate()
    {
        if (!UsesConnectionString && TableServiceUri is null)
        {
            throw new InvalidOperationException(
                $"{SectionName}: set ConnectionString (for Azurite: UseDevelopmentStorage=true) or TableServiceUri.");
        }

        if (TableServiceUri is { IsAbsoluteUri: false })
        {
            throw new InvalidOperationException($"{SectionName}:TableServiceUri must be an absolute URI.");
        }

        TableNames.ValidatePrefix(TablePrefix);
    }
}
