using System.Collections.Frozen;
using System.Text.Json;
using Payments.Api.Fields;
using Payments.Api.Serialization;
using Payments.Api.Serialization.Projection;
using Payments.Api.Serialization.Resources;
using Payments.Domain.Collections;
using Payments.Domain.RefundReasons;
using Payments.Domain.Sessions;

namespace Payments.Api.Module;

/// <summary>
/// One entity of a module query, found: its scalar fields as JSON (what filters and the order read, made when first
/// read) and the writer of the object the module is answered, its relations expanded.
/// </summary>
internal sealed class ModuleRow(Func<JsonElement> readFields, Action<Utf8JsonWriter, FieldSelection> write)
{
    private readonly Lazy<JsonElement> fields = new(readFields);

    public JsonElement Fields => fields.Value;

    public void Write(Utf8JsonWriter writer, FieldSelection selection) => write(writer, selection);
}

/// <summary>
/// An entity the commerce backend's module queries (docs/module-api.md §2.2): the keys it is answered with, which are
/// also what it can be filtered and ordered on, and the relations it expands.
/// </summary>
internal abstract class ModuleEntity
{
    public const string PaymentCollection = "payment_collection";
    public const string PaymentSession = "payment_session";
    public const string Payment = "payment";
    public const string Capture = "capture";
    public const string Refund = "refund";
    public const string RefundReason = "refund_reason";
    public const string PaymentProvider = "payment_provider";
    public const string AccountHolder = "account_holder";
    public const string PaymentMethod = "payment_method";

    public static IReadOnlyDictionary<string, ModuleEntity> All { get; } = new Dictionary<string, ModuleEntity>
    {
        [PaymentCollection] = new Shaped<PaymentCollection>(
            PaymentCollection,
            PaymentCollectionShape.Instance,
            "id", "currency_code", "amount", "raw_amount", "authorized_amount", "raw_authorized_amount", "captured_amount",
            "raw_captured_amount", "refunded_amount", "raw_refunded_amount", "completed_at", "status", "metadata", "created_at",
            "updated_at", "deleted_at"),
        [PaymentSession] = new Shaped<PaymentSession>(
            PaymentSession,
            PaymentSessionShape.Instance,
            "id", "currency_code", "amount", "raw_amount", "provider_id", "data", "context", "status", "authorized_at",
            "payment_collection_id", "metadata", "created_at", "updated_at", "deleted_at"),
        [Payment] = new Shaped<Payment>(
            Payment,
            PaymentShape.Instance,
            "id", "amount", "raw_amount", "currency_code", "provider_id", "data", "metadata", "captured_at", "canceled_at",
            "payment_collection_id", "payment_session_id", "created_at", "updated_at", "deleted_at"),
        [Capture] = new Shaped<Capture>(
            Capture,
            CaptureShape.Instance,
            "id", "amount", "raw_amount", "payment_id", "created_by", "metadata", "created_at", "updated_at", "deleted_at"),
        [Refund] = new Shaped<Refund>(
            Refund,
            RefundShape.Instance,
            "id", "amount", "raw_amount", "payment_id", "refund_reason_id", "note", "created_by", "metadata", "created_at",
            "updated_at", "deleted_at"),
        [RefundReason] = new Shaped<RefundReason>(
            RefundReason,
            RefundReasonShape.Instance,
            "id", "label", "code", "description", "metadata", "created_at", "updated_at", "deleted_at"),
        [PaymentProvider] = new Shaped<PaymentProviderListing>(PaymentProvider, PaymentProviderShape.Instance, "id", "is_enabled"),
        [AccountHolder] = new Shaped<AccountHolder>(
            AccountHolder,
            AccountHolderShape.Instance,
            "id", "provider_id", "external_id", "email", "data", "metadata", "created_at", "updated_at", "deleted_at"),

        // Medusa's saved payment methods, asked for by provider and account holder: no provider here keeps any.
        [PaymentMethod] = new Unlisted(PaymentMethod, "id", "provider_id", "data", "context"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private ModuleEntity(string name, string[] keys)
    {
        Name = name;
        Keys = keys;
        Fields = keys.ToFrozenSet(StringComparer.Ordinal);
        KeysOnly = FieldSelection.Resolve(string.Join(',', keys), []);
    }

    public string Name { get; }

    /// <summary>The keys of the entity, in the order it is answered with them.</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>The keys of the entity as a set: what it may be filtered and ordered on.</summary>
    public IReadOnlySet<string> Fields { get; }

    /// <summary>The entity's keys and no relation: the selection of a row's own fields, and of most module answers.</summary>
    public FieldSelection KeysOnly { get; }

    /// <summary>
    /// The entity's keys and the relations asked for, each with its ancestors (<c>payments.captures</c> needs
    /// <c>payments</c>), all fields of each. Names that are no relation (Medusa derives relations from field paths
    /// mechanically, <c>amount</c> among them) select nothing and are dropped. A relation named bare in Medusa's
    /// <c>select</c> (<c>?fields=id,payment_collection</c>) is answered as Medusa's own module answers it: a to-one
    /// relation by its id alone, a to-many one not at all.
    /// </summary>
    public FieldSelection Selection(IReadOnlyCollection<string> relations, IEnumerable<string>? selected = null)
    {
        if (relations.Count == 0 && selected is null)
        {
            return KeysOnly;
        }

        var expanded = relations
            .SelectMany(path => path.Split('.').Select((_, depth) => string.Join('.', path.Split('.')[..(depth + 1)])))
            .Distinct(StringComparer.Ordinal)
            .Select(path => "*" + path);
        var bare = (selected ?? []).Where(name => name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'));
        return FieldSelection.Resolve(string.Join(',', Keys.Concat(bare).Concat(expanded)), []);
    }

    /// <summary>A row of this entity; <paramref name="scope"/> holds its collection and the refund reasons its relations show.</summary>
    public abstract ModuleRow Row(object entity, ProjectionScope scope);

    private sealed class Shaped<T>(string name, ResourceShape<T> shape, params string[] keys) : ModuleEntity(name, keys)
    {
        public override ModuleRow Row(object entity, ProjectionScope scope)
        {
            var typed = (T)entity;
            return new ModuleRow(
                () => JsonElement.Parse(JsonResponseBody.Of(writer => shape.ProjectionFor(KeysOnly).Write(writer, typed, scope))),
                (writer, selection) => shape.ProjectionFor(selection).Write(writer, typed, scope));
        }
    }

    private sealed class Unlisted(string name, params string[] keys) : ModuleEntity(name, keys)
    {
        public override ModuleRow Row(object entity, ProjectionScope scope) =>
            throw new InvalidOperationException($"No {Name} is ever listed.");
    }
}
