using System.Reflection;

namespace Payments.LocalHost;

/// <summary>An HTTP-triggered function as the Functions host would serve it.</summary>
public sealed record FunctionRoute(string FunctionName, Type FunctionClass, MethodInfo Method, string Route, IReadOnlyList<string> HttpMethods)
{
    /// <summary>
    /// Every method carrying <c>[Function]</c> with a parameter carrying <c>[HttpTrigger]</c>. Attributes are
    /// matched by type name, so the real worker attributes and the stand-ins serve alike.
    /// </summary>
    public static IReadOnlyList<FunctionRoute> Discover(Assembly functionsAssembly) =>
    [
        .. from type in functionsAssembly.GetExportedTypes()
           from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
           let function = AttributeNamed(method.GetCustomAttributes(), "FunctionAttribute")
           where function is not null
           let trigger = method.GetParameters()
               .Select(parameter => AttributeNamed(parameter.GetCustomAttributes(), "HttpTriggerAttribute"))
               .FirstOrDefault(attribute => attribute is not null)
           where trigger is not null
           select new FunctionRoute(
               (string)Property(function, "Name")!,
               type,
               method,
               (string?)Property(trigger, "Route") ?? method.Name,
               [.. ((string[]?)Property(trigger, "Methods") ?? []).Select(verb => verb.ToUpperInvariant())]),
    ];

    private static Attribute? AttributeNamed(IEnumerable<Attribute> attributes, string typeName) =>
        attributes.FirstOrDefault(attribute => attribute.GetType().Name == typeName);

    private static object? Property(Attribute attribute, string name) =>
        attribute.GetType().GetProperty(name)?.GetValue(attribute);
}
