
namespace LlmCallAnalyzers.Cli.Loading;

/// <summary>What a <c>&lt;project | solution | folder&gt;</c> argument names.</summary>
internal enum InputKind
{
    /// <summary>One project file.</summary>
    Project,

    /// <summary>A solution file (<c>.sln</c> or <c>.slnx</c>).</summary>
    Solution,

    /// <summary>Several project files found in a folder with no solution.</summary>
    Projects,
}
