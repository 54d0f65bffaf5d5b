using System.Buffers;
using System.Text.Json;
using Azure.Data.Tables;
using BenchmarkDotNet.Attributes;
using Payments.Domain.Collections;
using Payments.Domain.Ports;
using Payments.Storage.Collections;
using Payments.Storage.Json;

namespace Payments.Benchmarks.Storage;

/// <summary>
/// A collection document to and from its table row (no Azurite): the row codec against the bare JSON
/// (de)serialization it wraps, for a typical document and for one with large provider data.
/// </summary>
[Config(typeof(HotPathConfig))]
public class DocumentCodecBenchmarks
{
    private const string Write = "write: document to row";
    private const string Read = "read: row to document";

    private PaymentCollection collection = null!;
    private string json = null!;
    private TableEntity entity = null!;

    [Params("2 KB", "300 KB")]
    public string Document { get; set; } = "";

    [GlobalSetup]
    public void BuildDocument()
    {
        (collection, var expectedKiB) = Document switch
        {
            "2 KB" => (Samples.Completed(ProviderData(items: 0)), 2),
            "300 KB" => (Samples.WithPendingSession(ProviderData(items: 2_480)), 300),
            _ => throw new InvalidOperationException($"No document is declared for '{Document}'."),
        };
        json = JsonSerializer.Serialize(collection, StorageJsonContext.Default.PaymentCollection);
        if (Math.Abs((json.Length / 1024.0) - expectedKiB) > expectedKiB * 0.1)
        {
            throw new InvalidOperationException($"The {Document} document is {json.Length / 1024.0:F1} KiB.");
        }

        entity = PaymentCollectionRow.ToEntity(collection);
    }

    [Benchmark(Baseline = true, Description = "JsonSerializer.Serialize")]
    [BenchmarkCategory(Write)]
    public string SerializeOnly() => JsonSerializer.Serialize(collection, StorageJsonContext.Default.PaymentCollection);

    [Benchmark(Description = "PaymentCollectionRow.ToEntity (serialize + split + size check)")]
    [BenchmarkCategory(Write)]
    public TableEntity ToEntity() => PaymentCollectionRow.ToEntity(collection);

    [Benchmark(Baseline = true, Description = "JsonSerializer.Deserialize")]
    [BenchmarkCategory(Read)]
    public PaymentCollection? DeserializeOnly() => JsonSerializer.Deserialize(json, StorageJsonContext.Default.PaymentCollection);

    [Benchmark(Description = "PaymentCollectionRow.FromEntity (join + deserialize)")]
    [BenchmarkCategory(Read)]
    public VersionedCollection FromEntity() => PaymentCollectionRow.FromEntity(entity);

    /// <summary>Provider data like a checkout's: a note and line items, as a storefront might hand them over.</summary>
    private static JsonElement ProviderData(int items)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("note", "x");
            writer.WriteStartArray("line_items");
            for (var item = 1; item <= items; item++)
            {
                writer.WriteStartObject();
                writer.WriteString("id", $"item_01M86MS9K65CQ5DSH0A{item:D5}");
                writer.WriteString("title", $"Organic cotton t-shirt, size M, colour {item % 12}");
                writer.WriteNumber("quantity", (item % 3) + 1);
                writer.WriteNumber("unit_price", 19.99m + item);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return JsonElement.Parse(buffer.WrittenSpan);
    }
}
