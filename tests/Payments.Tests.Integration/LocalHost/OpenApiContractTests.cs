using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Payments.LocalHost;

namespace Payments.Tests.Integration.LocalHost;

/// <summary>docs/openapi.json, the contract the local host routes by and the gateway's document is rendered from.</summary>
public sealed class OpenApiContractTests
{
    [Fact]
    public void The_openapi_document_is_valid_openapi_3_1()
    {
        using var document = new MemoryStream(File.ReadAllBytes(FunctionApp.Payments.OpenApiDocumentPath));
        var result = OpenApiDocument.Load(document, OpenApiConstants.Json, new OpenApiReaderSettings());

        Assert.Empty(result.Diagnostic!.Errors);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, result.Diagnostic.SpecificationVersion);
    }
}
