using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Payments.Storage;
using Payments.Tests.Integration.Infrastructure;

namespace Payments.Tests.Integration.Storage;

/// <summary>
/// The storage registration as the app makes it, on the shared Azurite with a table prefix of this test's own,
/// a fake clock, and a count of the requests sent to the table service.
/// </summary>
internal sealed class StorageTestServices : IDisposable
{
    private readonly ServiceProvider provider;

    public StorageTestServices(AzuriteFixture azurite, string? tablePrefix = null)
    {
        TablePrefix = tablePrefix ?? AzuriteFixture.NewTablePrefix();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["PaymentsStorage:ConnectionString"] = azurite.ConnectionString,
                ["PaymentsStorage:TablePrefix"] = TablePrefix,
            })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddPaymentsTableStorage(configuration);
        services.AddAzureClients(clients => clients.ConfigureDefaults(options => options.AddPolicy(Requests, HttpPipelinePosition.PerRetry)));
        provider = services.BuildServiceProvider();
    }

    public string TablePrefix { get; }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 24, 11, 24, 18, 236, TimeSpan.Zero));

    public RequestCounter Requests { get; } = new();

    public T Get<T>()
        where T : notnull => provider.GetRequiredService<T>();

    public void Dispose() => provider.Dispose();

    /// <summary>Counts the HTTP requests the table client sends, retries included, and the conditional writes storage refused.</summary>
    internal sealed class RequestCounter : HttpPipelineSynchronousPolicy
    {
        private int count;
        private int preconditionFailures;

        public int Count => Volatile.Read(ref count);

        /// <summary>Answers 412: a conditional write that found the entity changed since it was read.</summary>
        public int PreconditionFailures => Volatile.Read(ref preconditionFailures);

        public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref count);

        public override void OnReceivedResponse(HttpMessage message)
        {
            if (message.Response.Status == 412 || (message.Response.Status == 202 && IsRefusedTransaction(message.Response)))
            {
                Interlocked.Increment(ref preconditionFailures);
            }
        }

        /// <summary>A transaction answers 202 and reports the 412 of its failed operation in its multipart body.</summary>
        private static bool IsRefusedTransaction(Response response) =>
            response.Content.ToString().Contains("HTTP/1.1 412", StringComparison.Ordinal);

        /// <summary>Counts every request of a host's table clients (a <c>configureServices</c> of <c>ApiHost</c>).</summary>
        public void CountTableRequests(IServiceCollection services) =>
            services.AddAzureClients(clients => clients.ConfigureDefaults(options => options.AddPolicy(this, HttpPipelinePosition.PerRetry)));

        /// <summary>The requests that <paramref name="operation"/> sends.</summary>
        public async Task<int> CountAsync(Func<Task> operation)
        {
            var before = Count;
            await operation();
            return Count - before;
        }
    }
}
