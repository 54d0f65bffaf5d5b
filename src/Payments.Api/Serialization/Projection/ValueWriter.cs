using System.Text.Json;

namespace Payments.Api.Serialization.Projection;

/// <summary>Writes one JSON value of an entity: a field, or a relation's object or array.</summary>
internal delegate void ValueWriter<in T>(Utf8JsonWriter writer, T entity, ProjectionScope scope);

/// <summary>One key of a response object and the writer of its value.</summary>
internal sealed record PropertyWriter<T>(JsonEncodedText Name, ValueWriter<T> WriteValue);
