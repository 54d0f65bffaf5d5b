using System.Collections.Immutable;
using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsCheck;
using Payments.Tests.FakeStripe;
using Payments.Tests.Integration.Http;

namespace Payments.Tests.Integration.Hostile;

/// <summary>
/// The catalogue of attacks, one generator per place a client controls: <see cref="Bodies"/>, <see cref="Queries"/>,
/// <see cref="Headers"/>, <see cref="Paths"/>, and <see cref="LengthLies"/>. Every request aims at one route of
/// <see cref="HostileRoute.All"/> with the ids of real entities and valid credentials, except in the part under
/// attack, so that it reaches as far into the service as the attack lets it.
/// </summary>
internal sealed class HostileRequests(HostileTargets targets, string adminToken)
{
    private static readonly JsonSerializerOptions RawUtf8 = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // ---- Text: what a string may hold -------------------------------------------------------------------------

    /// <summary>Text as a client might type it, or as an attacker would: empty, huge, every script, reserved characters.</summary>
    private static readonly Gen<string> Text = Gen.Frequency(
        (3, Gen.String[Gen.Char[' ', '~'], 0, 40]),
        (2, Gen.OneOf("", " ", "\t", "null", "undefined", "0", "true", "[object Object]", "__proto__", "constructor")),
        (2, Gen.OneOf("a/b", "a\\b", "a#b", "a?b", "%2F", "%00", "../..", "' OR 1=1 --", "<script>alert(1)</script>", "${jndi:ldap://x}", "%s%n%x", "\r\n\r\n")),
        (2, Gen.OneOf("😀", "👨‍👩‍👧‍👦", "עברית", "العربية", "中文字符", "e\u0301", "\u202Eevil", "\uFEFF", "\u0000", "\u001F", "\u007F", "\uFFFF", "\U0010FFFF")),
        (2, Gen.Int[400, 40_000].Select(length => new string('x', length))),
        (1, Gen.Int[100, 5_000].Select(length => string.Concat(Enumerable.Repeat("😀", length)))),
        (1, Gen.String[Gen.Char, 0, 200]));

    /// <summary>A JSON string literal: the text escaped plainly or as raw UTF-8, or escapes that a .NET string cannot hold.</summary>
    private static readonly Gen<string> JsonString = Gen.Frequency(
        (4, Text.Select(text => JsonSerializer.Serialize(text))),
        (2, Text.Select(text => JsonSerializer.Serialize(text, RawUtf8))),
        (2, Gen.OneOf(@"""\ud800""", @"""\udfff""", @"""a\ud83d""", @"""\ud83d\ud83d""", @"""\udc00\ud800""", @"""\uDBFF x""", @"""\ud83d\ude00""", @"""\u0000""", @"""\/\b\f\n\r\t\\\""""")));

    // ---- Numbers: amounts beyond the bounds, too precise, and JSON's odd spellings ---------------------------------

    private static readonly Gen<string> JsonNumber = Gen.Frequency(
        (4, Gen.OneOf(
            "0", "-0", "0.0", "1", "-1", "10", "50", "0.5", "87.957975", "1e2", "1E+2", "1e-2", "2.5E-3", "-3",
            "999999999999999", "999999999999999.999999999", "1000000000000000", "-999999999999999.5", "1e15", "1e16",
            "50000000000000000000000000000", "79228162514264337593543950336", "12345678901234567890.12345678901234567890",
            "0.0000000001", "0.000000001", "1e-10", "1e400", "-1e400", "1e-400", "1e999999999999999", "1e-999999999999999",
            "123456789.12345678901234567890", "0.10000000000000000000000000000000000000001")),
        (2, Gen.Select(Gen.Long, Gen.Int[0, 30], Gen.Int[-40, 40]).Select((digits, places, exponent) =>
            Invariant($"{digits / (decimal)Math.Pow(10, Math.Min(places, 18))}e{exponent}"))),
        (1, Gen.Int[300, 20_000].Select(length => "1" + new string('0', length))),
        (1, Gen.Int[300, 20_000].Select(length => "0." + new string('0', length) + "1")),
        (1, Gen.Int[1, 5_000].Select(length => "9." + new string('9', length))));

    /// <summary>Number-like tokens JSON does not have; a body holding one is not JSON.</summary>
    private static readonly Gen<string> NotJsonNumber = Gen.OneOf("NaN", "Infinity", "-Infinity", "+1", "01", ".5", "5.", "0x10", "1_000", "1e", "--1", "1.2.3");

    // ---- Values of any type, nested ---------------------------------------------------------------------------

    private static readonly Gen<string> Scalar = Gen.Frequency((3, JsonString), (3, JsonNumber), (1, Gen.OneOf("true", "false", "null")));

    private static readonly Gen<string> AnyValue = Gen.Frequency(
        (5, Scalar),
        (2, Scalar.Array[0, 5].Select(items => "[" + string.Join(',', items) + "]")),
        (2, Gen.Select(JsonString.Array[0, 5], Scalar.Array[5]).Select((keys, values) =>
            "{" + string.Join(',', keys.Select((key, i) => key + ":" + values[i])) + "}")),
        (1, Gen.Int[20, 70].Select(depth => Nested(depth, "{\"a\":", "}"))),
        (1, Gen.Int[20, 70].Select(depth => Nested(depth, "[", "]"))),
        (1, Gen.Select(JsonString, Scalar, Scalar).Select((key, first, last) => $"{{{key}:{first},{key}:{last}}}")),
        (1, Gen.Int[1_000, 30_000].Select(count => "[" + string.Join(',', Enumerable.Repeat("1", count)) + "]")));

    // ---- Headers every attack varies ---------------------------------------------------------------------------

    /// <summary>Content types: the JSON one mostly, then wildcards, charsets body-parser refuses or decodes, and other parsers' types.</summary>
    private static readonly Gen<string?> ContentType = Gen.Frequency(
        (12, Gen.Const<string?>("application/json")),
        (1, Gen.OneOf<string?>(
            "application/json; charset=utf-8", "application/json; charset=UTF-8", "application/json;charset=\"utf-8\"", "Application/JSON",
            "application/json; charset=utf-16", "application/json; charset=utf-16le", "application/json; charset=utf-16be",
            "application/json; charset=utf8", "application/json; charset=latin1", "application/json; charset=utf-32", "application/json; charset=utf-7",
            "application/json; charset=", "application/json; charset", "application/json; boundary=\"", "application/json, text/plain",
            "*/*", "application/*", "*/json", "text/*", "application/vnd.api+json", "application/json-patch+json", "application/xml",
            "text/plain", "text/html; charset=utf-8", "text/plain; charset=koi8-r", "multipart/form-data; boundary=x",
            "application/x-www-form-urlencoded; charset=utf-16", "application/octet-stream", "", " ", "garbage", "/", "a/b/c", null)));

    // ---- Bodies -----------------------------------------------------------------------------------------------

    /// <summary>
    /// Bodies for every route that reads one: its declared fields with valid or hostile values (wrong types, huge,
    /// precise or out-of-range numbers, lone surrogates), unknown and repeated keys, then, on top, a structural
    /// attack (truncation, bytes that are not UTF-8, nesting, padding past 100 kB, tokens JSON lacks), under a
    /// content type that is mostly JSON. Webhook bodies are Stripe events, most of them validly signed.
    /// </summary>
    public Gen<HostileRequest> Bodies =>
        Route(route => route.TakesBody).SelectMany(route => route.Caller == RouteCaller.Webhook ? WebhookBody(route) : RouteBody(route));

    private Gen<HostileRequest> RouteBody(HostileRoute route) =>
        Gen.Select(ObjectFor(route), Structural, ContentType, RealPath(route), Gen.Frequency((9, Gen.Const(false)), (1, Gen.Const(true))))
            .Select((json, structural, contentType, path, asForm) =>
            {
                var (attack, body) = asForm ? ("form", Encoding.UTF8.GetBytes(FormOf(json))) : structural(json);
                var type = asForm ? "application/x-www-form-urlencoded" : contentType;
                return Request(AttackSurface.Body, attack, route, path, DefaultHeaders(route, type), body);
            });

    /// <summary>An object with the route's fields: each valid, hostile for its kind, of any type, or left out; maybe extra keys.</summary>
    private Gen<string> ObjectFor(HostileRoute route)
    {
        var fields = route.Body!.Select(field => Gen.Frequency(
                (4, ValidValue(field.Kind).Select(value => (string?)$"\"{field.Name}\":{value}")),
                (4, HostileValue(field.Kind).Select(value => (string?)$"\"{field.Name}\":{value}")),
                (1, AnyValue.Select(value => (string?)$"\"{field.Name}\":{value}")),
                (1, Gen.Const((string?)null))))
            .ToArray();
        var extras = Gen.Frequency(
            (6, Gen.Const("")),
            (2, Gen.Select(JsonString, AnyValue).Select((key, value) => $"{key}:{value}")),
            (1, Gen.OneOf("\"__proto__\":{\"admin\":true}", "\"constructor\":{\"prototype\":{}}", "\"context\":{}", "\"id\":\"x\"")),
            (1, Gen.Select(Gen.OneOf(route.Body!.Select(field => field.Name).DefaultIfEmpty("amount").ToArray()), AnyValue).Select((name, value) => $"\"{name}\":{value}")));
        var chosen = fields.Aggregate(
            Gen.Const<ImmutableList<string?>>(ImmutableList<string?>.Empty),
            (parts, field) => Gen.Select(parts, field).Select((sofar, next) => sofar.Add(next)));
        return Gen.Select(chosen, extras).Select((values, extra) =>
            "{" + string.Join(',', values.OfType<string>().Append(extra).Where(part => part.Length > 0)) + "}");
    }

    private Gen<string> ValidValue(FieldKind kind) => kind switch
    {
        FieldKind.Id => Gen.OneOf(targets.Ids.Select(id => JsonSerializer.Serialize(id)).ToArray()),
        FieldKind.Amount => Gen.OneOf("100", "0", "-3", "1.5", "999999999999999"),
        FieldKind.PositiveAmount => Gen.OneOf("1", "0.5", "5", "0.000000001"),
        FieldKind.Text => Gen.OneOf("\"Damaged\"", "\"damaged\"", "\"a note\""),
        FieldKind.NullableText => Gen.OneOf("null", "\"Item arrived damaged\""),
        _ => Gen.OneOf("{}", "{\"note\":\"x\"}", "{\"nested\":{\"a\":[1,2.50]}}"),
    };

    private static Gen<string> HostileValue(FieldKind kind) => kind switch
    {
        FieldKind.Amount or FieldKind.PositiveAmount => Gen.Frequency((6, JsonNumber), (1, Gen.OneOf("\"10\"", "\"1e400\"", "[10]", "{\"value\":10}"))),
        FieldKind.Record => Gen.Frequency(
            (2, AnyValue),
            (1, Gen.Int[28, 40].Select(depth => Nested(depth, "{\"a\":", "}"))),
            (1, Gen.Int[16_000, 20_000].Select(length => $"{{\"k\":\"{new string('x', length)}\"}}")),
            (1, Gen.OneOf("{\"a\":1,\"a\":2}", "{\"a\":{\"b\":1,\"b\":{\"c\":2,\"c\":3}},\"a\":[]}", "{\"id\":\"pi_forged\",\"client_secret\":\"x\"}"))),
        _ => Gen.Frequency((6, JsonString), (1, Gen.OneOf("1", "true", "null", "[]", "{}", "[\"a\",\"b\"]"))),
    };

    /// <summary>A structural attack on the text of a body: its name and the bytes it sends.</summary>
    private static readonly Gen<Func<string, (string Attack, byte[] Body)>> Structural = Gen.Frequency(
        (8, Gen.Const<Func<string, (string, byte[])>>(json => ("fields", Encoding.UTF8.GetBytes(json)))),
        (1, Gen.Double[0.0, 1.0].Select<double, Func<string, (string, byte[])>>(at => json => ("truncated", Encoding.UTF8.GetBytes(json[..(int)(at * json.Length)])))),
        (2, Gen.Select(Gen.Double[0.0, 1.0], Gen.OneOf<byte[]>([0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0x80], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80]))
            .Select<double, byte[], Func<string, (string, byte[])>>((at, bad) => json => ("not utf-8", Insert(Encoding.UTF8.GetBytes(json), (int)(at * json.Length), bad)))),
        (1, Gen.OneOf<Func<string, (string, byte[])>>(
            json => ("byte order mark", [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(json)]),
            json => ("utf-16 bytes", Encoding.Unicode.GetBytes(json)),
            json => ("whitespace", Encoding.UTF8.GetBytes("\r\n\t " + json + " \n")),
            json => ("past 100 kB", Encoding.UTF8.GetBytes(json[..^1] + (json.Length > 2 ? "," : "") + $"\"pad\":\"{new string('x', 100 * 1024)}\"}}")),
            json => ("in an array", Encoding.UTF8.GetBytes("[" + json + "]")),
            json => ("deep", Encoding.UTF8.GetBytes(Nested(5_000, "[", "]"))),
            json => ("empty", []),
            json => ("trailing comma", Encoding.UTF8.GetBytes(json[..^1] + ",}")),
            json => ("comment", Encoding.UTF8.GetBytes("/* x */" + json)),
            json => ("single quotes", Encoding.UTF8.GetBytes(json.Replace('"', '\''))),
            json => ("two documents", Encoding.UTF8.GetBytes(json + json)))),
        (1, Gen.Select(Gen.OneOf("\"x\"", "1", "true", "null", "\"\\ud800\""), NotJsonNumber).Select<string, string, Func<string, (string, byte[])>>((scalar, token) => json =>
            json.Length % 2 == 0 ? ("top-level scalar", Encoding.UTF8.GetBytes(scalar)) : ("not a json number", Encoding.UTF8.GetBytes(json[..^1] + (json.Length > 2 ? "," : "") + $"\"n\":{token}}}")))));

    /// <summary>A Stripe event: hostile id, type, <c>data.object</c> and amounts, signed with the webhook secret (mostly) or not.</summary>
    private Gen<HostileRequest> WebhookBody(HostileRoute route)
    {
        var intent = Gen.Select(
                Gen.OneOf("amount", "amount_capturable", "amount_received"),
                Gen.Frequency((3, Gen.OneOf("5000", "0", "1", "-5000")), (2, JsonNumber), (1, Gen.OneOf("\"5000\"", "null", "50.5", "[1]"))),
                Gen.OneOf(targets.SessionId, targets.PaymentSessionId, "payses_unknown").Select(id => JsonSerializer.Serialize(id)),
                Gen.OneOf(targets.CollectionId, targets.PaymentCollectionId).Select(id => JsonSerializer.Serialize(id)),
                Gen.Frequency((3, Gen.Const("\"usd\"")), (1, JsonString)))
            .Select((field, amount, session, collection, currency) =>
                $$$"""{"id":"pi_1","object":"payment_intent","amount":5000,"{{{field}}}":{{{amount}}},"currency":{{{currency}}},"status":"requires_capture","metadata":{"session_id":{{{session}}},"payment_collection_id":{{{collection}}}}}""");
        var dataObject = Gen.Frequency(
            (5, intent.Select(text => $"\"data\":{{\"object\":{text}}}")),
            (1, Gen.OneOf("\"data\":{}", "\"data\":{\"object\":\"pi_1\"}", "\"data\":[]", "\"data\":null", "")),
            (1, AnyValue.Select(value => $"\"data\":{{\"object\":{value}}}")));
        var eventType = Gen.Frequency(
            (4, Gen.OneOf("payment_intent.amount_capturable_updated", "payment_intent.succeeded", "payment_intent.payment_failed", "payment_intent.canceled", "payment_intent.processing", "charge.succeeded")),
            (1, JsonString.Select(text => text.Trim('"'))));
        var eventId = Gen.Frequency(
            (2, Gen.Int[0, int.MaxValue].Select(n => JsonSerializer.Serialize(Invariant($"evt_{n}")))),
            (3, JsonString),
            (1, Gen.OneOf("1", "null", "{}", "[\"evt\"]")));
        var signing = Gen.Frequency(
            (6, Gen.Const<Func<string, string?>>(body => StripeWebhooks.Signature(body, DateTimeOffset.UtcNow))),
            (1, Gen.OneOf<Func<string, string?>>(
                _ => null,
                _ => "garbage",
                body => StripeWebhooks.Signature(body, DateTimeOffset.UtcNow, "whsec_someone_else"),
                body => StripeWebhooks.Signature(body, DateTimeOffset.UtcNow.AddHours(-1)),
                body => StripeWebhooks.Signature(body + " ", DateTimeOffset.UtcNow))));
        return Gen.Select(eventId, Gen.OneOf(eventType.Select(type => JsonSerializer.Serialize(type)), JsonString), dataObject, signing, Gen.OneOf("stripe_stripe", "system_default"), Structural)
            .Select((id, type, data, sign, provider, structural) =>
            {
                var json = "{" + string.Join(',', new[] { $"\"id\":{id}", "\"object\":\"event\"", $"\"type\":{type}", data }.Where(part => part.Length > 0)) + "}";
                var (attack, body) = structural(json);
                var headers = new List<KeyValuePair<string, string>> { new("Content-Type", "application/json") };
                if (Utf8(body) is { } text && sign(text) is { } signature)
                {
                    headers.Add(new("Stripe-Signature", signature));
                }

                return Request(AttackSurface.Body, "stripe event/" + attack, route, $"/hooks/payment/{provider}", headers, body);
            });
    }

    // ---- Query strings ----------------------------------------------------------------------------------------

    /// <summary>
    /// Query strings in qs syntax: <c>fields</c> paths that re-enter relations, go deep or name nothing; list filters
    /// with operators, arrays and objects where strings belong; limits and offsets that are not numbers; bracket
    /// syntax past qs's depth and array limits, broken percent-escapes, prototype keys, a thousand parameters.
    /// </summary>
    public Gen<HostileRequest> Queries =>
        Route(_ => true).SelectMany(route =>
            Gen.Select(QueryFor(route), RealPath(route), Gen.Frequency((4, Gen.Const("")), (1, UnknownParameter.Select(parameter => "&" + parameter))))
                .Select((query, path, extra) => Request(
                    AttackSurface.Query, query.Attack, route, path + "?" + query.Text + extra, DefaultHeaders(route, route.TakesBody ? "application/json" : null), ValidBody(route))));

    private static Gen<(string Attack, string Text)> QueryFor(HostileRoute route) => route.Query switch
    {
        QueryKind.Fields or QueryKind.None => Gen.Frequency((5, FieldsParameter), (2, QsSyntax)),
        QueryKind.StoreProviders => Gen.Frequency((2, FieldsParameter), (2, Paging), (2, RegionId), (1, QsSyntax)),
        _ => Gen.Frequency((2, FieldsParameter), (2, Paging), (3, ListFilter), (1, QsSyntax)),
    };

    private static readonly Gen<string> FieldName = Gen.Frequency(
        (5, Gen.OneOf("payment_collection", "payments", "payment_sessions", "payment", "payment_session", "captures", "refunds", "refund_reason", "payment_providers")),
        (3, Gen.OneOf("id", "amount", "raw_amount", "status", "data", "metadata", "currency_code", "created_at", "label", "is_enabled", "note")),
        (1, Gen.OneOf("*", "", "nope", "__proto__", "constructor", "%2E", "%00", "%FF", "😀")));

    private static readonly Gen<(string, string)> FieldsParameter = Gen.Frequency(
        (6, Gen.Select(FieldName.Array[1, 9], Gen.OneOf("", "+", "-", "*", "%2B", "%20", "+*"), Gen.OneOf("", ".*")).Array[1, 12]
            .Select(entries => ("fields", "fields=" + Encode(string.Join(',', entries.Select(entry => entry.Item2 + string.Join('.', entry.Item1) + entry.Item3)), keep: "+%*")))),
        (1, Gen.Int[2, 40].Select(rounds => ("fields round trips", "fields=" + string.Concat(Enumerable.Repeat("payment_collection.payments.", rounds)) + "id"))),
        (1, Gen.OneOf(
            ("fields repeated", "fields=id&fields=amount"), ("fields array", "fields[]=id"), ("fields object", "fields[a]=id"), ("fields empty", "fields="),
            ("fields commas", "fields=,,,,"), ("fields huge", "fields=" + string.Join(',', Enumerable.Range(0, 600).Select(i => "f" + i))),
            ("fields broken escape", "fields=%"), ("fields spaces", "fields=+++"))));

    private static readonly Gen<string> NumberText = Gen.OneOf("0", "1", "20", "-1", "-0", "1e3", "1.5", "99999999999", "2147483647", "2147483648", "abc", "", "%00", "0x10", " 5", "５");

    private static readonly Gen<(string, string)> Paging = Gen.Select(Gen.OneOf("limit", "offset"), NumberText, Gen.OneOf("", "[]", "[0]", "[a]"))
        .Select((name, value, brackets) => ("paging", $"{name}{brackets}={Encode(value, keep: "%")}"));

    private static readonly Gen<(string, string)> RegionId = Gen.Frequency(
        (2, Gen.Const(("region", "region_id=" + ApiHost.UsRegion))),
        (2, Text.Select(text => ("region", "region_id=" + Encode(text, keep: "")))),
        (1, Gen.OneOf(("region", "region_id="), ("region", "region_id[]=a&region_id[]=b"), ("region", "region_id[$eq]=x"), ("region", ""))));

    private static readonly Gen<(string, string)> ListFilter = Gen.Frequency(
        (3, Gen.Select(Gen.OneOf("created_at", "updated_at", "deleted_at"), Gen.OneOf("", "[$eq]", "[$ne]", "[$gt]", "[$gte]", "[$lt]", "[$lte]", "[$in][]", "[$nin][0]", "[$like]", "[$re]", "[$gte][$lt]", "[]", "[0]", "[$unknown]"),
                Gen.OneOf("2026-11-24T11:24:18.236Z", "2026-11-24", "garbage", "", "null", "9999-99-99T99:99:99Z", "-271821-04-20T00:00:00Z", "2026-02-30T00:00:00Z", "1e400", "%FF"))
            .Select((field, op, value) => ("date filter", $"{field}{op}={Encode(value, keep: "%")}"))),
        (2, Gen.Select(Gen.OneOf("id", "payment_session_id", "q", "order", "with_deleted", "is_enabled"), Gen.OneOf("", "[]", "[0]", "[a]", "[$in][]"), Text)
            .Select((field, brackets, value) => ("filter", $"{field}{brackets}={Encode(value, keep: "")}"))),
        (1, Gen.OneOf(
            ("logic", "$and[0][id]=x"), ("logic", "$or[0][created_at][$gt]=2026-11-24T00:00:00.000Z"), ("logic", "$and=x"), ("logic", "$or[]=a"),
            ("logic", "$and[0][$or][0][id]=x"), ("logic", "$and[0][nope]=1"), ("order", "order=--id"), ("order", "order=nope"), ("order", "order=-created_at"))));

    private static readonly Gen<(string, string)> QsSyntax = Gen.OneOf(
        ("qs depth", "a[b][c][d][e][f][g][h]=1"), ("qs arrays", "a[]=1&a[]=2&a=3"), ("qs index", "a[20]=x&a[21]=y"), ("qs index", "a[99999999999999999999]=x"),
        ("qs empty key", "[]=x"), ("qs empty key", "=x"), ("qs ampersands", "&&&"), ("qs escape", "a=%"), ("qs escape", "a=%zz"), ("qs escape", "a=%FF"),
        ("qs escape", "a=%ED%A0%80"), ("qs escape", "%5B%5D=1"), ("qs brackets", "a[=1"), ("qs brackets", "a]=1"), ("qs prototype", "__proto__[admin]=1"),
        ("qs prototype", "constructor[prototype][x]=1"), ("qs mixed", "a=1&a[b]=2"), ("qs many", string.Join('&', Enumerable.Range(0, 1_001).Select(i => $"p{i}"))),
        ("qs plus", "a=+%2B+"), ("qs unicode", "a=%F0%9F%98%80"), ("qs fields mixed", "fields=id&fields[]=amount"));

    private static readonly Gen<string> UnknownParameter = Gen.OneOf("foo=1", "context=x", "expand=*", "fields", "limit", "%00=1");

    // ---- Headers ----------------------------------------------------------------------------------------------

    /// <summary>
    /// Credentials of every shape (keys missing, empty, revoked, secret, doubled; Bearer and Basic malformed, tampered,
    /// expired, signed with the right secret but odd claims), <c>Idempotency-Key</c> values and reuse, content types,
    /// content encodings (compressed for real, broken, unknown), <c>Origin</c>, and Stripe signatures.
    /// </summary>
    public Gen<HostileRequest> Headers =>
        Route(_ => true).SelectMany(route =>
            Gen.Select(HeaderAttackFor(route), RealPath(route))
                .Select((attack, path) =>
                {
                    var (name, headers, body) = attack;
                    return Request(AttackSurface.Header, name, route, path, headers, body);
                }));

    private Gen<(string Attack, List<KeyValuePair<string, string>> Headers, byte[]? Body)> HeaderAttackFor(HostileRoute route)
    {
        var body = ValidBody(route);
        var credentials = route.Caller switch
        {
            RouteCaller.Store => PublishableKeys.Select(headers => ("publishable key", headers)),
            RouteCaller.Admin => AdminCredentials.Select(headers => ("admin credentials", headers)),
            _ => StripeSignatures.Select(headers => ("stripe signature", headers)),
        };
        var others = Gen.OneOf(
            IdempotencyKeys.Select(headers => ("idempotency key", headers)),
            ContentType.Select(type => ("content type", type is null ? new List<KeyValuePair<string, string>>() : [new("Content-Type", type)])),
            Origins.Select(origin => ("origin", new List<KeyValuePair<string, string>> { new("Origin", origin) })));
        return Gen.Frequency(
            (3, credentials.Select(attack => (attack.Item1, Merge(DefaultHeaders(route, "application/json", withCredentials: false), attack.Item2), body))),
            (3, others.Select(attack => (attack.Item1, Merge(DefaultHeaders(route, "application/json"), attack.Item2), body))),
            (1, ContentEncodings.Select(encoding => ("content encoding/" + encoding.Name, Merge(DefaultHeaders(route, "application/json"), [new("Content-Encoding", encoding.Name)]), encoding.Encode(body ?? "{}"u8.ToArray())))));
    }

    private static readonly Gen<List<KeyValuePair<string, string>>> PublishableKeys = Gen.OneOf(
        Gen.Const(new List<KeyValuePair<string, string>>()),
        Gen.OneOf("", " ", ApiHost.RevokedPublishableKey, ApiHost.SecretKey, "pk_" + new string('0', 64), ApiHost.PublishableKey + "x", ApiHost.PublishableKey.ToUpperInvariant(),
                new string('k', 4_000), "pk_%00", ApiHost.PublishableKey + ", " + ApiHost.PublishableKey, "null")
            .Select(key => new List<KeyValuePair<string, string>> { new("x-publishable-api-key", key) }),
        Gen.Const(new List<KeyValuePair<string, string>> { new("x-publishable-api-key", ApiHost.PublishableKey), new("x-publishable-api-key", ApiHost.RevokedPublishableKey) }));

    private Gen<List<KeyValuePair<string, string>>> AdminCredentials => Gen.OneOf(
        Gen.Const(new List<KeyValuePair<string, string>>()),
        Gen.OneOf(
                "", "Bearer", "Bearer ", "Bearer x.y.z", "Bearer ...", "Bearer " + adminToken[..^3] + "abc", "Bearer " + adminToken + "x", "bearer " + adminToken, "BEARER " + adminToken,
                "Bearer " + ApiHost.SecretKey, "Bearer sk_x", "Basic", "Basic !!!", "Basic " + Base64("nocolon"), "Basic " + Base64(":"), "Basic " + Base64(ApiHost.SecretKey),
                "Basic " + Base64(ApiHost.SecretKey + ":x"), "Basic " + Base64(new string('s', 10_000) + ":"), "Basic " + Base64("\u00ff\u00fe:"), "Digest realm=x", "Bearer " + NoneAlgorithmToken,
                "Bearer " + new string('a', 6_000), "Bearer " + adminToken + ", Basic " + Base64(ApiHost.SecretKey + ":"))
            .Select(value => new List<KeyValuePair<string, string>> { new("Authorization", value) }),
        OddClaims.Select(token => new List<KeyValuePair<string, string>> { new("Authorization", "Bearer " + token) }),
        Gen.Const(new List<KeyValuePair<string, string>> { new("Cookie", "connect.sid=s%3Aabc") }));

    /// <summary>Tokens signed with the right secret, so that their claims are what gets tested.</summary>
    private static readonly Gen<string> OddClaims = Gen.OneOf<Func<string>>(
            () => Token(new() { ["actor_id"] = new[] { "user_1" }, ["actor_type"] = "user", ["exp"] = Hours(1) }),
            () => Token(new() { ["actor_id"] = 12, ["actor_type"] = "user", ["exp"] = Hours(1) }),
            () => Token(new() { ["actor_id"] = "", ["actor_type"] = "user", ["exp"] = Hours(1) }),
            () => Token(new() { ["actor_id"] = new string('u', 5_000), ["actor_type"] = "user", ["exp"] = Hours(1) }),
            () => Token(new() { ["actor_id"] = "user_1", ["actor_type"] = new { a = 1 }, ["exp"] = Hours(1) }),
            () => Token(new() { ["actor_id"] = "user_1", ["actor_type"] = "user", ["exp"] = "tomorrow" }),
            () => Token(new() { ["actor_id"] = "user_1", ["actor_type"] = "user", ["exp"] = 1e300 }),
            () => Token(new() { ["actor_id"] = "user_1", ["actor_type"] = "user" }),
            () => Token(new() { ["actor_id"] = "user/1\\#?", ["actor_type"] = "user", ["exp"] = Hours(1) }),
            () => Token(new() { ["actor_id"] = "user_1", ["actor_type"] = "customer", ["exp"] = Hours(1) }))
        .Select(create => create());

    private static readonly Gen<List<KeyValuePair<string, string>>> IdempotencyKeys = Gen.OneOf(
        Gen.OneOf("", " ", "\t", new string('k', 255), new string('k', 256), new string('k', 8_000), "key with spaces", "key,comma", "%00", "~!@#$%^&*()[]{}")
            .Select(key => new List<KeyValuePair<string, string>> { new("Idempotency-Key", key) }),
        Gen.Int[0, 20].Select(n => new List<KeyValuePair<string, string>> { new("Idempotency-Key", Invariant($"hostile-reused-{n}")) }),
        Gen.Const(new List<KeyValuePair<string, string>> { new("Idempotency-Key", "a"), new("Idempotency-Key", "b") }));

    private static readonly Gen<string> Origins = Gen.OneOf("null", "http://evil.example", "https://", "*", new string('o', 4_000), "http://localhost:0", "file://");

    private static readonly Gen<List<KeyValuePair<string, string>>> StripeSignatures = Gen.OneOf(
        Gen.Const(new List<KeyValuePair<string, string>>()),
        Gen.OneOf("", "t=", "v1=", "t=1,v1=", "t=abc,v1=abc", "t=99999999999999999999,v1=00", "t=-1,v1=x", "v1=a,v1=b,t=1", new string(',', 5_000), "t=1790000000,v1=" + new string('f', 64))
            .Select(signature => new List<KeyValuePair<string, string>> { new("Stripe-Signature", signature) }));

    private static readonly Gen<(string Name, Func<byte[], byte[]> Encode)> ContentEncodings = Gen.OneOf<(string, Func<byte[], byte[]>)>(
        ("gzip", bytes => Compress(bytes, output => new GZipStream(output, CompressionLevel.Fastest))),
        ("deflate", bytes => Compress(bytes, output => new ZLibStream(output, CompressionLevel.Fastest))),
        ("gzip", bytes => bytes),
        ("gzip", _ => Compress(Encoding.UTF8.GetBytes(new string(' ', 2_000_000)), output => new GZipStream(output, CompressionLevel.Optimal))),
        ("br", bytes => bytes),
        ("identity", bytes => bytes),
        ("gzip, deflate", bytes => bytes),
        ("x-unknown", bytes => bytes));

    // ---- Paths ------------------------------------------------------------------------------------------------

    /// <summary>
    /// Ids in the path that no entity has or no table key can hold: percent-encoded reserved and control characters,
    /// raw sub-delimiters, invalid UTF-8 escapes, unicode, dot segments, ids hundreds or thousands of characters long,
    /// near misses of real ids; webhook provider names likewise.
    /// </summary>
    public Gen<HostileRequest> Paths =>
        Route(route => route.Placeholders.Any()).SelectMany(route =>
            Gen.Select(RealIds, Gen.OneOf(route.Placeholders.ToArray()), PathSegment)
                .Select((ids, attacked, segment) =>
                {
                    var path = Fill(route.Template, ids.SetItem(attacked, segment.Text));
                    return Request(AttackSurface.Path, segment.Attack, route, path, DefaultHeaders(route, route.TakesBody ? "application/json" : null), ValidBody(route));
                }));

    private Gen<(string Attack, string Text)> PathSegment => Gen.Frequency(
        (3, Gen.Select(Gen.OneOf("%2F", "%5C", "%23", "%3F", "%25", "%00", "%0A", "%0D", "%7F", "%20", "%09", "%2E%2E", "%C0%AF", "%FF", "%ED%A0%80", "%F0%9F%98%80"), Gen.OneOf(targets.Ids.ToArray()))
            .Select((escape, id) => ("escaped", id + escape + "x"))),
        (2, Gen.Select(Gen.Char[";,=@:!$'()*+~&"], Gen.OneOf(targets.Ids.ToArray())).Select((delimiter, id) => ("sub-delimiter", id + delimiter + "x"))),
        (2, Text.Where(text => text.Length < 1_500).Select(text => ("text", Uri.EscapeDataString(text) is { Length: > 0 } escaped ? escaped : "%20"))),
        (1, Gen.Int[200, 2_000].Select(length => ("long", "pay_" + new string('x', length)))),
        (1, Gen.OneOf(".", "..", "...", "%2E", "~", "_", "-").Select(segment => ("dot", segment))),
        (1, Gen.OneOf(targets.Ids.ToArray()).Select(id => ("near miss", id.ToUpperInvariant() + "_"))),
        (1, Gen.OneOf("stripe_stripe", "system_default", "stripe", "pp_stripe_stripe", "STRIPE_STRIPE", "nope_nope").Select(provider => ("provider", provider))));

    // ---- Length lies ------------------------------------------------------------------------------------------

    /// <summary>
    /// A <c>Content-Length</c> beyond the bytes sent, after which the client stalls (the server's clock is moved past
    /// the read timeout while the answer is awaited), or beyond the 100 kB limit with nothing sent: a raw socket
    /// sends these.
    /// </summary>
    public Gen<HostileRequest> LengthLies =>
        Route(route => route.TakesBody && route.Caller != RouteCaller.Webhook).SelectMany(route =>
            Gen.Select(RealPath(route), Gen.Int[0, 200], Gen.OneOf(1, 1_000, 50_000, 100 * 1024 + 1, 10_000_000, int.MaxValue)).Select((path, sent, declared) =>
            {
                var body = ValidBody(route) ?? "{}"u8.ToArray();
                var shown = declared > 100 * 1024 ? [] : body[..Math.Min(sent, Math.Min(body.Length, declared - 1))];
                var attack = declared > 100 * 1024 ? "content length beyond the limit" : "content length beyond the body";
                return Request(AttackSurface.Header, attack, route, path, DefaultHeaders(route, "application/json"), shown) with { DeclaredLength = declared };
            }));

    // ---- Building blocks --------------------------------------------------------------------------------------

    private static Gen<HostileRoute> Route(Func<HostileRoute, bool> takes) => Gen.OneOf(HostileRoute.All.Where(takes).ToArray());

    /// <summary>Ids of real entities for every placeholder; sessions paired with their collections.</summary>
    private Gen<ImmutableDictionary<string, string>> RealIds =>
        Gen.Int[0, 2].Select(pair => ImmutableDictionary<string, string>.Empty
            .Add("collection", new[] { targets.CollectionId, targets.PaymentCollectionId, targets.OrderCollectionId }[pair])
            .Add("session", pair == 1 ? targets.PaymentSessionId : targets.SessionId)
            .Add("payment", targets.PaymentId)
            .Add("reason", targets.RefundReasonId)
            .Add("provider", pair == 0 ? "system_default" : "stripe_stripe"));

    private Gen<string> RealPath(HostileRoute route) => RealIds.Select(ids => Fill(route.Template, ids));

    private static string Fill(string template, IReadOnlyDictionary<string, string> ids) =>
        ids.Aggregate(template, (path, id) => path.Replace("{" + id.Key + "}", id.Value, StringComparison.Ordinal));

    private List<KeyValuePair<string, string>> DefaultHeaders(HostileRoute route, string? contentType, bool withCredentials = true)
    {
        var headers = new List<KeyValuePair<string, string>>();
        if (contentType is not null)
        {
            headers.Add(new("Content-Type", contentType));
        }

        switch (route.Caller)
        {
            case RouteCaller.Store when withCredentials:
                headers.Add(new("x-publishable-api-key", ApiHost.PublishableKey));
                break;
            case RouteCaller.Admin when withCredentials:
                headers.Add(new("Authorization", "Bearer " + adminToken));
                break;
        }

        return headers;
    }

    /// <summary>A body the route accepts, so that an attack elsewhere is the only thing wrong with the request.</summary>
    private byte[]? ValidBody(HostileRoute route) => route switch
    {
        { Caller: RouteCaller.Webhook } => "{}"u8.ToArray(),
        { Body: null } => null,
        _ => Encoding.UTF8.GetBytes(route.Template switch
        {
            "/store/payment-collections" => $$"""{"cart_id":"{{targets.CartId}}"}""",
            "/admin/payments/{payment}/capture" or "/admin/payments/{payment}/refund" => """{"amount":0.000000001}""",
            "/admin/payment-collections" => $$"""{"order_id":"{{HostileTargets.OrderId}}","amount":1}""",
            "/admin/payment-collections/{collection}/mark-as-paid" => $$"""{"order_id":"{{HostileTargets.OrderId}}"}""",
            "/admin/refund-reasons" => """{"label":"Hostile","code":"hostile"}""",
            "/admin/refund-reasons/{reason}" => """{"description":null}""",
            "/admin/payment-collections/{collection}/payment-sessions/{session}/authorize" => "{}",
            _ => """{"provider_id":"pp_system_default"}""",
        }),
    };

    private static HostileRequest Request(AttackSurface surface, string attack, HostileRoute route, string path, List<KeyValuePair<string, string>> headers, byte[]? body) =>
        new(surface, attack, route.Name, route.Method, path, headers, body);

    private static List<KeyValuePair<string, string>> Merge(List<KeyValuePair<string, string>> defaults, List<KeyValuePair<string, string>> attack)
    {
        var replaced = attack.Select(header => header.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. defaults.Where(header => !replaced.Contains(header.Key)), .. attack];
    }

    /// <summary>The object's top-level fields as a form in qs syntax: nested values become bracketed keys.</summary>
    private static string FormOf(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return string.Join('&', document.RootElement.EnumerateObject().Select(property =>
                property.Value.ValueKind == JsonValueKind.Object
                    ? string.Join('&', property.Value.EnumerateObject().Select(inner => $"{Uri.EscapeDataString(property.Name)}[{Uri.EscapeDataString(inner.Name)}]={Uri.EscapeDataString(inner.Value.ToString())}"))
                    : $"{Uri.EscapeDataString(property.Name)}={Uri.EscapeDataString(property.Value.ToString())}"));
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException)
        {
            return "raw=" + Uri.EscapeDataString(json.Length > 2_000 ? json[..2_000] : json).Replace("%25", "%", StringComparison.Ordinal);
        }
    }

    /// <summary>Percent-encodes what a URI cannot carry raw; <paramref name="keep"/> lists characters sent as they are.</summary>
    private static string Encode(string text, string keep) =>
        string.Concat(text.EnumerateRunes().Select(rune =>
            rune.IsAscii && (char.IsAsciiLetterOrDigit((char)rune.Value) || "-._~!$'()*,;:@/[]=".Contains((char)rune.Value) || keep.Contains((char)rune.Value))
                ? rune.ToString()
                : Uri.EscapeDataString(rune.ToString())));

    private static string Nested(int depth, string open, string close) =>
        string.Concat(Enumerable.Repeat(open, depth)) + string.Concat(Enumerable.Repeat(close, depth));

    private static byte[] Insert(byte[] bytes, int at, byte[] inserted) => [.. bytes[..at], .. inserted, .. bytes[at..]];

    private static string? Utf8(byte[] bytes) => System.Text.Unicode.Utf8.IsValid(bytes) ? Encoding.UTF8.GetString(bytes) : null;

    private static byte[] Compress(byte[] bytes, Func<Stream, Stream> compressor)
    {
        using var output = new MemoryStream();
        using (var stream = compressor(output))
        {
            stream.Write(bytes);
        }

        return output.ToArray();
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static long Hours(int hours) => DateTimeOffset.UtcNow.AddHours(hours).ToUnixTimeSeconds();

    /// <summary>An HS256 JWT over these claims, signed with the admin secret.</summary>
    private static string Token(Dictionary<string, object> claims)
    {
        var header = Base64Url("""{"alg":"HS256","typ":"JWT"}"""u8.ToArray());
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(ApiHost.JwtSecret), Encoding.ASCII.GetBytes($"{header}.{payload}"));
        return $"{header}.{payload}.{Base64Url(signature)}";
    }

    private static string NoneAlgorithmToken =>
        Base64Url("""{"alg":"none","typ":"JWT"}"""u8.ToArray()) + "." + Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { actor_id = "user_1", actor_type = "user", exp = Hours(1) })) + ".";

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
