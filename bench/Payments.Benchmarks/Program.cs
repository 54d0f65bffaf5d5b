using BenchmarkDotNet.Running;
using Payments.Benchmarks;
using Payments.Benchmarks.Http;

if (args is ["http", .. var httpArgs])
{
    return await SessionInitLoadTest.RunAsync(httpArgs);
}

BenchmarkSwitcher.FromAssembly(typeof(HotPathConfig).Assembly).Run(args);
return 0;
