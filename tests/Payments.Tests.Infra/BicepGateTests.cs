using Xunit.Abstractions;

namespace Payments.Tests.Infra;

/// <summary>The Bicep in infra/ compiles and lints with no diagnostic at all, and the gate notices when it would not.</summary>
[Collection(CompiledMainTemplateCollection.Name)]
public sealed class BicepGateTests(CompiledMainTemplate compiled, ITestOutputHelper output)
{
    public static TheoryData<string> BicepFiles()
    {
        var files = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(BuildMetadata.InfraDirectory, "*.bicep", SearchOption.AllDirectories).Order())
        {
            files.Add(Path.GetRelativePath(BuildMetadata.InfraDirectory, file));
        }

        return files;
    }

    [Fact]
    public void Main_template_builds_with_no_diagnostics()
    {
        output.WriteLine($"bicep build main.bicep: {compiled.Build.Elapsed.TotalSeconds:0.00} s");
        Assert.True(compiled.Build.IsClean, compiled.Build.ToString());
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public async Task Bicep_file_lints_with_no_diagnostics(string file)
    {
        var lint = await BicepCli.RunAsync("lint", Path.Combine(BuildMetadata.InfraDirectory, file));

        output.WriteLine($"bicep lint {file}: {lint.Elapsed.TotalSeconds:0.00} s");
        Assert.True(lint.IsClean, lint.ToString());
    }

    [Fact]
    public async Task A_property_type_warning_exits_zero_but_fails_the_gate()
    {
        var build = await RunOnProbeBesideInfraConfig("""
            @description('Required. Azure region.')
            param location string

            resource storageAccount 'Microsoft.Storage/storageAccounts@2025-06-01' = {
              name: 'st${uniqueString(resourceGroup().id)}'
              location: location
              kind: 'StorageV2'
              sku: {
                name: 'Standard_LRS'
              }
              properties: {
                allowSharedKeyAccess: 'no'
              }
            }
            """, "build", "--stdout");

        Assert.Equal(0, build.ExitCode);
        Assert.Contains("BCP036", build.StandardError, StringComparison.Ordinal);
        Assert.False(build.IsClean);
    }

    [Fact]
    public async Task The_linter_config_turns_an_outdated_api_version_into_an_error()
    {
        var lint = await RunOnProbeBesideInfraConfig("""
            @description('Required. Azure region.')
            param location string

            resource storageAccount 'Microsoft.Storage/storageAccounts@2021-01-01' = {
              name: 'st${uniqueString(resourceGroup().id)}'
              location: location
              kind: 'StorageV2'
              sku: {
                name: 'Standard_LRS'
              }
            }
            """, "lint");

        Assert.NotEqual(0, lint.ExitCode);
        Assert.Contains("use-recent-api-versions", lint.StandardError, StringComparison.Ordinal);
    }

    /// <summary>Runs a Bicep command on a throwaway file that picks up a copy of infra/bicepconfig.json.</summary>
    private static async Task<BicepRun> RunOnProbeBesideInfraConfig(string bicep, string command, params string[] options)
    {
        var directory = Directory.CreateTempSubdirectory("bicep-gate-");
        try
        {
            File.Copy(Path.Combine(BuildMetadata.InfraDirectory, "bicepconfig.json"), Path.Combine(directory.FullName, "bicepconfig.json"));
            var probe = Path.Combine(directory.FullName, "probe.bicep");
            await File.WriteAllTextAsync(probe, bicep);
            return await BicepCli.RunAsync([command, probe, .. options]);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
