using BenchmarkDotNet.Running;
using Payments.Benchmarks;
using Payments.Benchmarks.Load;
using Payments.Benchmarks.Medusa;

return args switch
{
    ["load", .. var loadArgs] => await LoadTest.RunAsync(loadArgs),
    ["medusa", .. var medusaArgs] => await MedusaComparison.RunAsync(medusaArgs),
    ["worker-start", .. var workerArgs] => await WorkerStart.RunAsync(workerArgs),
    _ => RunMicroBenchmarks(args),
};

static int RunMicroBenchmarks(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(HotPathConfig).Assembly).Run(args);
    return 0;
}
