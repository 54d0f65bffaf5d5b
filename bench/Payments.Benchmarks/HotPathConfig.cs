using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Order;

namespace Payments.Benchmarks;

/// <summary>
/// The one configuration of every benchmark class: a short job, so that the whole run fits in a few minutes
/// on two cores (ten measured iterations rather than ShortRun's three, which keeps the confidence intervals
/// narrow enough to read a ratio), allocations per operation, and a ratio to the baseline of each category.
/// </summary>
public sealed class HotPathConfig : ManualConfig
{
    public HotPathConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10).WithId("Short"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(CategoriesColumn.Default);
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory);
        WithOrderer(new DefaultOrderer(SummaryOrderPolicy.Declared));
    }
}
