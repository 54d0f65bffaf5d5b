using Payments.LocalHost;
using Payments.Storage.Seed;

// Usage: Payments.LocalHost [--urls http://127.0.0.1:7071] [--seed FILE] [any configuration key]
var app = LocalFunctionsHost.Build(args);
if (app.Configuration["seed"] is { Length: > 0 } seedFile)
{
    await app.Services.GetRequiredService<SeedFileLoader>().LoadFileAsync(seedFile, CancellationToken.None);
}

await app.RunAsync();
