using System.Buffers;
using System.Text.Json;

namespace Payments.Api.Serialization;

/// <summary>The bytes of a JSON response body, in the envelopes of spec §1.8: compact UTF-8.</summary>
public static class JsonResponseBody
{
    // Buffers that grew past this are not kept for the next response on the thread.
    private const int MaxRetainedBufferSize = 64 * 1024;

    private static readonly JsonEncodedText CountProperty = JsonEncodedText.Encode("count");
    private static readonly JsonEncodedText OffsetProperty = JsonEncodedText.Encode("offset");
    private static readonly JsonEncodedText LimitProperty = JsonEncodedText.Encode("limit");
    private static readonly JsonEncodedText IdProperty = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText ObjectProperty = JsonEncodedText.Encode("object");
    private static readonly JsonEncodedText DeletedProperty = JsonEncodedText.Encode("deleted");

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? threadBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? threadWriter;


    /// <summary>Any JSON value written by <paramref name="write"/>.</summary>
    public static byte[] Of(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        return Render(write, static (writer, write) => write(writer));
    }

    /// <summary><c>{"&lt;key&gt;": …}</c>, e.g. <c>{"payment_collection": {…}}</c>.</summary>
    public static byte[] Envelope(string key, Action<Utf8JsonWriter> writeResource)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(writeResource);
        return Render((key, writeResource), static (writer, state) =>
        {
            writer.WriteStartObject();
            writer.WritePropertyName(state.key);
            state.writeResource(writer);
            writer.WriteEndObject();
        });
    }

    /// <summary><c>{"&lt;plural&gt;": [...], "count": n, "offset": o, "limit": l}</c>.</summary>
    /// <param name="count">The number of items before pagination.</param>
    public static byte[] List<T>(
        string plural,
        IEnumerable<T> page,
        Action<Utf8JsonWriter, T> writeItem,
        int count,
        int offset,
        int limit)
    {
        ArgumentNullException.ThrowIfNull(plural);
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(writeItem);
        return Render((plural, page, writeItem, count, offset, limit), static (writer, state) =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray(state.plural);
            foreach (var item in state.page)
            {
                state.writeItem(writer, item);
            }

            writer.WriteEndArray();
            writer.WriteNumber(CountProperty, state.count);
            writer.WriteNumber(OffsetProperty, state.offset);
            writer.WriteNumber(LimitProperty, state.limit);
            writer.WriteEndObject();
        });
    }

    /// <summary><c>{"id": …, "object": …, "deleted": true}</c>; see <see cref="DeletedObject"/> for the names.</summary>
    public static byte[] Deletion(string id, string objectName)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(objectName);
        return Render((id, objectName), static (writer, state) =>
        {
            writer.WriteStartObject();
            writer.WriteString(IdProperty, state.id);
            writer.WriteString(ObjectProperty, state.objectName);
            writer.WriteBoolean(DeletedProperty, true);
            writer.WriteEndObject();
        });
    }

    /// <summary>Writes with the thread's reusable buffer and writer; a nested call gets fresh ones.</summary>
    private static byte[] Render<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        var buffer = threadBuffer ?? new ArrayBufferWriter<byte>(4096);
        var writer = threadWriter ?? new Utf8JsonWriter(buffer, JavaScriptJson.WriterOptions);
        (threadBuffer, threadWriter) = (null, null);
        try
        {
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            write(writer, state);
            writer.Flush();
            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            if (buffer.Capacity <= MaxRetainedBufferSize)
            {
                (threadBuffer, threadWriter) = (buffer, writer);
            }
        }
    }
}
