using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Payments.Tests.Infra;

/// <summary>What azd needs: the service in azure.yaml, the parameters file and the outputs it turns into environment values.</summary>
[Collection(CompiledMainTemplateCollection.Name)]
public sealed partial class AzdWiringTests(CompiledMainTemplate compiled)
{
    private static readonly string[] AzureYaml = File.ReadAllLines(Path.Combine(BuildMetadata.RepositoryRoot, "azure.yaml"));

    [Fact]
    public void The_function_app_carries_the_tag_of_the_only_azure_yaml_service()
    {
        var api = compiled.ModuleTemplate("api");
        var serviceName = api.Variables["azdServiceName"]!.GetValue<string>();

        Assert.Equal(
            "[union(parameters('tags'), createObject('azd-service-name', variables('azdServiceName')))]",
            api.SingleOfType("Microsoft.Web/sites").Text("tags"));
        var services = AzureYaml.SkipWhile(line => line != "services:").Skip(1).Where(line => ServiceLine().IsMatch(line));
        Assert.Equal($"  {serviceName}:", Assert.Single(services));
    }

    [Fact]
    public void The_service_is_the_function_project_deployed_as_a_dotnet_function()
    {
        var settings = AzureYaml.Select(line => line.Trim()).ToArray();

        Assert.Contains("project: ./src/Payments.Functions", settings);
        Assert.Contains("language: dotnet", settings);
        Assert.Contains("host: function", settings);
        Assert.True(File.Exists(Path.Combine(BuildMetadata.RepositoryRoot, "src", "Payments.Functions", "Payments.Functions.csproj")));
    }

    [Fact]
    public async Task What_azd_publishes_is_linux_x64_ready_to_run_and_a_build_stays_portable()
    {
        // azd deploys `dotnet publish` of the project, which sets _IsPublishing; the solution's builds and tests do not.
        var published = await FunctionsProjectPropertiesAsync("-p:_IsPublishing=true");
        var built = await FunctionsProjectPropertiesAsync();

        Assert.Equal(("linux-x64", "true"), published);
        Assert.Equal((string.Empty, string.Empty), built);
    }

    [Fact]
    public void Every_entry_of_the_parameters_file_names_a_parameter_of_main()
    {
        Assert.All(ParametersFileEntries(), name => Assert.Contains(name, compiled.Main.Parameters.Keys));
    }

    [Fact]
    public void The_parameters_file_supplies_every_parameter_without_a_default_that_azd_does_not_generate()
    {
        var required = compiled.Main.Parameters
            .Where(pair => !pair.Value.ContainsKey("defaultValue") && !GeneratedByAzd(pair.Value))
            .Select(pair => pair.Key);

        Assert.All(required, name => Assert.Contains(name, ParametersFileEntries()));
    }

    /// <summary>
    /// azd generates a parameter with <c>generate</c> metadata once, when it has no value, and keeps it in the
    /// environment's configuration: the gateway key needs nobody to invent it and stays the same on every provisioning.
    /// </summary>
    [Fact]
    public void The_gateway_key_is_generated_once_by_azd_and_not_taken_from_the_parameters_file()
    {
        var gatewayKey = compiled.Main.Parameters["gatewayKey"];

        Assert.True(GeneratedByAzd(gatewayKey));
        Assert.Equal("securestring", gatewayKey["type"]!.GetValue<string>());
        Assert.True(gatewayKey["metadata"]!["azd"]!["config"]!["length"]!.GetValue<int>() >= gatewayKey["minLength"]!.GetValue<int>());
        Assert.DoesNotContain("gatewayKey", ParametersFileEntries());
    }

    [Fact]
    public void Outputs_of_main_are_upper_snake_case_for_the_azd_environment()
    {
        Assert.NotEmpty(compiled.Main.Outputs);
        Assert.All(compiled.Main.Outputs.Keys, name => Assert.Matches(UpperSnakeCase(), name));
    }

    private static bool GeneratedByAzd(JsonObject parameter) => (string?)parameter["metadata"]?["azd"]?["type"] == "generate";

    private static IEnumerable<string> ParametersFileEntries()
    {
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(BuildMetadata.InfraDirectory, "main.parameters.json")))!;
        return file["parameters"]!.AsObject().Select(pair => pair.Key);
    }

    [GeneratedRegex("^  [A-Za-z0-9_-]+:$")]
    private static partial Regex ServiceLine();

    [GeneratedRegex("^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$")]
    private static partial Regex UpperSnakeCase();

    /// <summary>RuntimeIdentifier and PublishReadyToRun of the Functions project as MSBuild evaluates them (no build).</summary>
    private static async Task<(string RuntimeIdentifier, string ReadyToRun)> FunctionsProjectPropertiesAsync(params string[] properties)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = BuildMetadata.RepositoryRoot,
        };
        foreach (var argument in (string[])["msbuild", Path.Combine("src", "Payments.Functions", "Payments.Functions.csproj"),
            "-getProperty:RuntimeIdentifier", "-getProperty:PublishReadyToRun", "-p:Configuration=Release", .. properties])
        {
            start.ArgumentList.Add(argument);
        }

        using var msbuild = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = msbuild.StandardOutput.ReadToEndAsync();
        var errors = msbuild.StandardError.ReadToEndAsync();
        await msbuild.WaitForExitAsync();
        Assert.True(msbuild.ExitCode == 0, await errors);
        var evaluated = JsonNode.Parse(await output)!["Properties"]!;
        return (evaluated["RuntimeIdentifier"]!.GetValue<string>(), evaluated["PublishReadyToRun"]!.GetValue<string>());
    }
}
