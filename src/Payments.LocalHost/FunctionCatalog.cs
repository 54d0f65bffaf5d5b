using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace Payments.LocalHost;

/// <summary>An HTTP-triggered function as the Functions host registers it: its name, route template and methods.</summary>
/// <param name="Route">The trigger's route; the host uses the function name when it is empty.</param>
/// <param name="Methods">The allowed methods; null or empty allows every method.</param>
public sealed record HttpFunctionRoute(string Name, string? Route, IReadOnlyList<string>? Methods);

/// <summary>An HTTP-triggered function method and how the host routes it.</summary>
public sealed record HttpFunction(HttpFunctionRoute Routing, MethodInfo Method);

/// <summary>A timer-triggered function method and its NCRONTAB schedule.</summary>
public sealed record TimerFunction(string Name, string Schedule, bool RunOnStartup, MethodInfo Method);

/// <summary>
/// The functions of a set of classes, found the way the Worker SDK finds them: public methods carrying the worker's
/// <see cref="FunctionAttribute"/> with a parameter carrying <see cref="HttpTriggerAttribute"/> or
/// <see cref="TimerTriggerAttribute"/>.
/// </summary>
public sealed class FunctionCatalog
{
    private FunctionCatalog(IReadOnlyList<HttpFunction> http, IReadOnlyList<TimerFunction> timers)
    {
        Http = http;
        Timers = timers;
    }

    public IReadOnlyList<HttpFunction> Http { get; }

    public IReadOnlyList<TimerFunction> Timers { get; }

    public static FunctionCatalog Discover(IEnumerable<Type> functionClasses)
    {
        ArgumentNullException.ThrowIfNull(functionClasses);
        var functions =
            (from type in functionClasses
             from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
             let function = method.GetCustomAttribute<FunctionAttribute>()
             where function is not null
             select (function.Name, method)).ToList();

        var http =
            from function in functions
            let trigger = TriggerOf<HttpTriggerAttribute>(function.method)
            where trigger is not null
            select new HttpFunction(new HttpFunctionRoute(function.Name, trigger.Route, trigger.Methods), function.method);
        var timers =
            from function in functions
            let trigger = TriggerOf<TimerTriggerAttribute>(function.method)
            where trigger is not null
            select new TimerFunction(function.Name, trigger.Schedule, trigger.RunOnStartup, function.method);
        return new FunctionCatalog([.. http], [.. timers]);
    }

    private static TAttribute? TriggerOf<TAttribute>(MethodInfo method)
        where TAttribute : Attribute =>
        method.GetParameters().Select(parameter => parameter.GetCustomAttribute<TAttribute>()).FirstOrDefault(attribute => attribute is not null);
}
