using System.Globalization;
using System.Text.Json;
using CsCheck;
using Payments.Api.Requests;
using Payments.Api.Serialization;
using Payments.Storage.Collections;
using static Payments.Tests.Unit.TestData.DomainRecords;

namespace Payments.Tests.Unit.Serialization;

/// <summary>
/// Spec §1.7, amounts "stored as given": an amount a request may send comes back from the storage document and out
/// of the writers with exactly its digits, however the JSON number spelt them (trailing zeros, exponents).
/// </summary>
public sealed class AmountRoundTripTests
{
    private static readonly BodySchema AmountBody = new(BodyField.Amount("amount"));

    /// <summary>(the JSON number as sent, its shortest plain form)</summary>
    private static readonly Gen<(string Sent, string Plain)> Amounts =
        Gen.Select(Gen.Long[0, 999_999_999_999_999], Gen.Int[0, 9], Gen.Long[0, 999_999_999], Gen.Int[0, 20], Gen.Int[0, 2], Gen.Bool)
            .Select((whole, places, fraction, zeros, spelling, negative) =>
            {
                var decimals = Invariant(fraction % (long)Math.Pow(10, places)).PadLeft(places, '0').TrimEnd('0');
                var plain = Invariant(whole) + (decimals.Length > 0 ? "." + decimals : "");
                var sign = negative && plain != "0" ? "-" : "";
                var digits = (Invariant(whole) + decimals).TrimStart('0') is { Length: > 0 } significant ? significant : "0";
                var sent = (plain, spelling) switch
                {
                    ("0", _) => zeros > 0 ? "0.0e" + Invariant(zeros) : "0",
                    (_, 0) => plain + (decimals.Length > 0 ? new string('0', zeros) : zeros > 0 ? "." + new string('0', zeros) : ""),
                    (_, 1) => Invariant($"0.{Invariant(whole).TrimStart('0')}{decimals}e{Invariant(whole).TrimStart('0').Length}"),
                    _ => Invariant($"{digits}{new string('0', zeros)}e-{decimals.Length + zeros}"),
                };
                return (sign + sent, sign + plain);
            });

    [Fact]
    public void An_amount_comes_back_from_storage_and_the_writers_with_exactly_its_digits() =>
        Amounts.Sample((sent, plain) =>
        {
            var amount = AmountBody.Validate(JsonElement.Parse($$"""{"amount":{{sent}}}""")).GetDecimal("amount")!.Value;

            var stored = PaymentCollectionRow.FromEntity(PaymentCollectionRow.ToEntity(Collection(amount: amount))).Collection.Amount;

            Assert.Equal(plain, MedusaNumber.FormatRaw(stored));
            Assert.Equal(Math.Abs(stored) <= 0.0001m ? "0" : plain, MedusaNumber.Format(stored));
        }, iter: 5_000);

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
