namespace Payments.Storage.Tables;

/// <summary>The tables of this service, before the configured prefix is put in front.</summary>
internal static class TableNames
{
    public const string PaymentCollections = "paymentcollections";
    public const string CartCollections = "cartcollections";
    public const string Carts = "carts";
    public const string Orders = "orders";
    public const string Regions = "regions";
    public const string ApiKeys = "apikeys";
    public const string PaymentIndex = "paymentindex";
    public const string RefundReasons = "refundreasons";
    public const string IdempotencyKeys = "idempotencykeys";
    public const string ProcessedWebhookEvents = "webhookevents";
    public const string Customers = "customers";
    public const string AccountHolders = "accountholders";
    public const string EntityIndex = "entityindex";

    private const string Longest = PaymentCollections;

    // Azure's rule for table names: alphanumeric, starting with a letter, 3 to 63 characters.
    private const int MaxTableNameLength = 63;

    public static void ValidatePrefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length == 0)
        {
            return;
        }

        if (!char.IsAsciiLetter(prefix[0]) || !prefix.All(char.IsAsciiLetterOrDigit))
        {
            throw new InvalidOperationException(
                $"{TableStorageOptions.SectionName}:TablePrefix '{prefix}' must be letters and digits, starting with a letter.");
        }

        var maxPrefixLength = MaxTableNameLength - Longest.Length;
        if (prefix.Length > maxPrefixLength)
        {
            throw new InvalidOperationException(
                $"{TableStorageOptions.SectionName}:TablePrefix '{prefix}' is longer than {maxPrefixLength} characters (table names are at most {MaxTableNameLength}).");
        }
    }
}
