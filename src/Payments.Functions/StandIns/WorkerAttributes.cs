// Stand-ins for the only Azure Functions worker types the function classes use, written from their public
// signatures. Compiled only with -p:UseFunctionsWorkerStandIns=true, where the worker packages cannot be
// restored; the local host matches these attributes by type name, so it serves either build alike.
namespace Microsoft.Azure.Functions.Worker;

public enum AuthorizationLevel
{
    Anonymous,
    User,
    Function,
    System,
    Admin,
}

[AttributeUsage(AttributeTargets.Method)]
public sealed class FunctionAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

[AttributeUsage(AttributeTargets.Parameter)]
public sealed class HttpTriggerAttribute(AuthorizationLevel authLevel, params string[] methods) : Attribute
{
    public AuthorizationLevel AuthLevel { get; } = authLevel;

    public string[]? Methods { get; } = methods;

    public string? Route { get; set; }
}

[AttributeUsage(AttributeTargets.Parameter)]
public sealed class TimerTriggerAttribute(string schedule) : Attribute
{
    public string Schedule { get; } = schedule;

    public bool RunOnStartup { get; set; }

    public bool UseMonitor { get; set; } = true;
}

public sealed class TimerInfo
{
    public bool IsPastDue { get; set; }
}
