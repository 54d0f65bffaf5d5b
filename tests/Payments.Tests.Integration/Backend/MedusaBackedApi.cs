using Microsoft.Extensions.DependencyInjection;
using Payments.Tests.Integration.Http;

namespace Payments.Tests.Integration.Backend;

/// <summary>The local host in backend mode and the stand-in Medusa it reads, started and stopped together.</summary>
public sealed class MedusaBackedApi : IAsyncDisposable
{
    private MedusaBackedApi(MedusaStandIn medusa, ApiHost api)
    {
        Medusa = medusa;
        Api = api;
    }

    public MedusaStandIn Medusa { get; }

    public ApiHost Api { get; }

    public static async Task<MedusaBackedApi> StartAsync(
        string tablesConnection,
        Action<IServiceCollection>? configureServices = null,
        TimeSpan? totalTimeout = null)
    {
        var medusa = new MedusaStandIn();

        // Its first answer is slow (JIT); a busy machine must not turn that into a timeout of the first test request.
        using (var warmUp = new HttpClient { BaseAddress = medusa.Url })
        {
            await warmUp.GetAsync("/store/regions");
        }

        return new MedusaBackedApi(
            medusa,
            await ApiHost.StartBackedAsync(tablesConnection, medusa.Url, MedusaStandIn.SecretKey, MedusaStandIn.JwtSecret, configureServices, totalTimeout));
    }

    public async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync();
        Medusa.Dispose();
    }
}
