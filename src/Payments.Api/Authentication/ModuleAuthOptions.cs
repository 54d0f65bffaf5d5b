namespace Payments.Api.Authentication;

/// <summary>The module's credential, in configuration section <c>CommerceBackend</c> beside the backend's other settings.</summary>
public sealed class ModuleAuthOptions
{
    public const string SectionName = "CommerceBackend";

    public const string ModuleApiKeyKey = $"{SectionName}:{nameof(ModuleApiKey)}";

    /// <summary>
    /// The key the commerce backend's Payment Module calls with (Medusa's <c>PAYMENTS_FUNCTIONS_API_KEY</c>), which also
    /// signs the events sent to it; setting it, in backend mode, turns module mode on (docs/module-api.md §2).
    /// </summary>
    public string? ModuleApiKey { get; set; }
}
