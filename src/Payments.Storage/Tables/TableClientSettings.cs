using Azure.Core;
using Azure.Data.Tables;

namespace Payments.Storage.Tables;

/// <summary>
/// The table client's retry and timeout options. Every request has a deadline of its own (the API's request
/// deadline, 12 s), so the client's job is to ride out a blip, not to wait out an outage: a few quick retries, a
/// per-try timeout far below the SDK's 100 s, and then a clear failure the API answers 503 (docs/storage.md).
/// </summary>
internal static class TableClientSettings
{
    /// <summary>
    /// Each try gives up after this long. A point operation in the account's region takes milliseconds and a 1 MiB
    /// document write well under a second; 3 s means storage stopped answering, and retrying on a new connection is
    /// the best chance. Three tries stay under the request deadline.
    /// </summary>
    public static readonly TimeSpan NetworkTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Two retries after the first try: a dropped connection or a throttled partition usually recovers at once.</summary>
    public const int MaxRetries = 2;

    /// <summary>The first back-off; exponential (0.2 s, 0.4 s) with the SDK's jitter.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(200);

    /// <summary>Caps the exponential back-off (the SDK defaults to a minute).</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(2);

    public static void Apply(TableClientOptions options)
    {
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = MaxRetries;
        options.Retry.Delay = Delay;
        options.Retry.MaxDelay = MaxDelay;
        options.Retry.NetworkTimeout = NetworkTimeout;
        options.AddPolicy(new StorageOutagePolicy(), HttpPipelinePosition.PerCall);
    }
}
