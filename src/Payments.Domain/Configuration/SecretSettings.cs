namespace Payments.Domain.Configuration;

/// <summary>What the value of a secret setting is good for.</summary>
public enum SecretState
{
    Usable,

    /// <summary>Not set, or only whitespace.</summary>
    Absent,

    /// <summary>The literal text of a Key Vault reference: the platform could not resolve it.</summary>
    UnresolvedReference,
}

/// <summary>A setting that holds a secret; <paramref name="Required"/> when the app cannot serve without it.</summary>
/// <param name="Key">The configuration key, e.g. <c>AdminAuth:JwtSecret</c> (app setting <c>AdminAuth__JwtSecret</c>).</param>
public sealed record SecretSetting(string Key, bool Required)
{
    /// <summary>Why the value cannot be used, or null when it can (or may be absent).</summary>
    public string? ProblemWith(string? value) => SecretSettings.StateOf(value) switch
    {
        SecretState.UnresolvedReference => "holds a Key Vault reference that did not resolve",
        SecretState.Absent when Required => "is required and not set",
        _ => null,
    };
}

/// <summary>
/// The one rule for secret settings. App Service and Functions resolve a setting that holds a Key Vault reference to the
/// secret; when they cannot (the identity's role still propagating on a first start, a deleted secret, an unreachable
/// vault) the app receives the reference's own text, <c>@Microsoft.KeyVault(SecretUri=…)</c>. That text is no secret —
/// anyone who knows the vault's name can write it — so it is never used as a key: what depends on it is refused.
/// </summary>
public static class SecretSettings
{
    private const string KeyVaultReferencePrefix = "@Microsoft.KeyVault(";

    public static SecretState StateOf(string? value) =>
        string.IsNullOrWhiteSpace(value) ? SecretState.Absent
        : value.TrimStart().StartsWith(KeyVaultReferencePrefix, StringComparison.OrdinalIgnoreCase) ? SecretState.UnresolvedReference
        : SecretState.Usable;

    /// <summary>The value to use, or null when the setting is absent; an unresolved reference throws.</summary>
    /// <exception cref="SecretSettingUnusableException">The value is an unresolved Key Vault reference.</exception>
    public static string? UsableOrAbsent(string? value, string key) => StateOf(value) switch
    {
        SecretState.Usable => value,
        SecretState.Absent => null,
        _ => throw new SecretSettingUnusableException(new SecretSetting(key, Required: false), value),
    };
}

/// <summary>
/// A request needs a secret setting that cannot be used: answered 503, and logged with the setting's name (the exception's
/// message), never its value.
/// </summary>
public sealed class SecretSettingUnusableException(SecretSetting setting, string? value)
    : Exception($"The secret setting {setting.Key} {setting.ProblemWith(value) ?? "cannot be used"}; what depends on it is refused.")
{
    public string Setting { get; } = setting.Key;
}
