using Payments.GatewayOpenApi;

// Usage: Payments.GatewayOpenApi [repository root]; the default is the current folder or the nearest one above it
// that holds docs/openapi.json.
var root = args.Length > 0 ? args[0] : GatewayDocument.FindRepositoryRoot(Environment.CurrentDirectory);
var written = GatewayDocument.Write(root);
Console.WriteLine($"Wrote {Path.GetRelativePath(root, written)} from {GatewayDocument.ContractPath}.");
