using System.Text.Json.Nodes;

namespace Payments.Tests.Infra;

/// <summary>Every parameter and output of every template reads like documentation, in the Azure Verified Modules way.</summary>
[Collection(CompiledMainTemplateCollection.Name)]
public sealed class TemplateDocumentationTests(CompiledMainTemplate compiled)
{
    private IEnumerable<ArmTemplate> Templates => compiled.Main.SelfAndModuleTemplates;

    [Fact]
    public void Every_parameter_is_described_as_required_exactly_when_it_has_no_default()
    {
        var parameters = Templates.SelectMany(template => template.Parameters).ToList();

        Assert.NotEmpty(parameters);
        Assert.All(parameters, parameter =>
        {
            var expectedPrefix = parameter.Value.ContainsKey("defaultValue") ? "Optional. " : "Required. ";
            Assert.StartsWith(expectedPrefix, DescriptionOf(parameter.Value) ?? $"(no description on '{parameter.Key}')", StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Every_output_is_described()
    {
        var outputs = Templates.SelectMany(template => template.Outputs).ToList();

        Assert.NotEmpty(outputs);
        Assert.All(outputs, output => Assert.False(string.IsNullOrWhiteSpace(DescriptionOf(output.Value)), $"'{output.Key}' has no description."));
    }

    private static string? DescriptionOf(JsonObject declaration) =>
        declaration["metadata"]?["description"]?.GetValue<string>();
}
