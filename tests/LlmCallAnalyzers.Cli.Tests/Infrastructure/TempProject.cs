namespace LlmCallAnalyzers.Cli.Tests.Infrastructure;

/// <summary>
/// A throw-away C# project outside the repository (so none of its Directory.Build.props apply) that references
/// Microsoft.Extensions.AI.Abstractions and declares the LlmCallAnalyzers attributes in source.
/// </summary>
public sealed class TempProject : IDisposable
{
    public const string Attributes = """
        namespace LlmCallAnalyzers
        {
            [System.AttributeUsage(System.AttributeTargets.Method)]
            public sealed class TaskSloAttribute : System.Attribute { public TaskSloAttribute(double availability) { } }

            [System.AttributeUsage(System.AttributeTargets.Method)]
            public sealed class AgentStepAttribute : System.Attribute { }

            [System.AttributeUsage(System.AttributeTargets.Method)]
            public sealed class FanOutAttribute : System.Attribute { public FanOutAttribute(int max) { } }
        }
        """;

    private TempProject(string directory) => Directory = directory;

    public string Directory { get; }

    public string ProjectFile => Path.Combine(Directory, "App.csproj");

    public static TempProject Create(string source, IReadOnlyDictionary<string, string>? extraFiles = null, string? extraItems = null)
    {
        string directory = Path.Combine(Path.GetTempPath(), "llmslo-test-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Microsoft.Extensions.AI.Abstractions" Version="10.11.0" />
              </ItemGroup>
              {extraItems ?? string.Empty}
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Attributes.cs"), Attributes);
        File.WriteAllText(Path.Combine(directory, "Tasks.cs"), source);
        foreach (var pair in extraFiles ?? new Dictionary<string, string>())
        {
            File.WriteAllText(Path.Combine(directory, pair.Key), pair.Value);
        }

        return new TempProject(directory);
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
