using System.Collections.Immutable;
using System.Text.Json;

namespace Payments.Api.Serialization.Projection;

/// <summary>A compiled selection: the keys of one object, in order, each with its value writer.</summary>
internal sealed class ObjectProjection<T>(ImmutableArray<PropertyWriter<T>> properties)
{
    public void Write(Utf8JsonWriter writer, T entity, ProjectionScope scope)
    {
        writer.WriteStartObject();
        foreach (var property in properties)
        {
            writer.WritePropertyName(property.Name);
            property.WriteValue(writer, entity, scope);
        }

        writer.WriteEndObject();
    }
}
