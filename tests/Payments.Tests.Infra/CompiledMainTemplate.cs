namespace Payments.Tests.Infra;

/// <summary>infra/main.bicep built once for every test that reads the compiled template.</summary>
public sealed class CompiledMainTemplate : IAsyncLifetime
{
    internal BicepRun Build { get; private set; } = null!;

    internal ArmTemplate Main { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Build = await BicepCli.RunAsync("build", Path.Combine(BuildMetadata.InfraDirectory, "main.bicep"), "--stdout");
        if (Build.ExitCode != 0)
        {
            throw new InvalidOperationException($"main.bicep does not build. {Build}");
        }

        Main = ArmTemplate.Parse(Build.StandardOutput);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    internal ArmTemplate ModuleTemplate(string deploymentName) => Main.Module(deploymentName).Template;
}

[CollectionDefinition(Name)]
public sealed class CompiledMainTemplateCollection : ICollectionFixture<CompiledMainTemplate>
{
    public const string Name = "Compiled main.bicep";
}
