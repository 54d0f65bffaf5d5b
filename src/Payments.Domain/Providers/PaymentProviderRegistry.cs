using System.Collections.Frozen;

namespace Payments.Domain.Providers;

/// <summary>The registered provider adapters, by provider id.</summary>
public sealed class PaymentProviderRegistry
{
    private readonly FrozenDictionary<string, IPaymentProvider> providers;

    public PaymentProviderRegistry(IEnumerable<IPaymentProvider> providers)
    {
        var byId = new Dictionary<string, IPaymentProvider>(StringComparer.Ordinal);
        foreach (var provider in providers)
        {
            if (!byId.TryAdd(provider.Id, provider))
            {
                throw new InvalidOperationException($"Payment provider {provider.Id} is registered twice.");
            }
        }

        this.providers = byId.ToFrozenDictionary(StringComparer.Ordinal);
        Ids = [.. byId.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>Every registered provider id, ordered by id.</summary>
    public IReadOnlyList<string> Ids { get; }

    public bool IsRegistered(string providerId) => providers.ContainsKey(providerId);

    /// <summary>The provider a client names: null when it is not registered (the client's mistake, a 4xx).</summary>
    public IPaymentProvider? Find(string providerId) => providers.GetValueOrDefault(providerId);

    /// <summary>
    /// The provider of a session or payment this service already holds: one that is no longer registered is a
    /// deployment's mistake (a provider's settings removed while its payments live on), never the client's.
    /// </summary>
    public IPaymentProvider Get(string providerId) =>
        Find(providerId) ?? throw new InvalidOperationException($"Payment provider {providerId} is not registered.");
}
