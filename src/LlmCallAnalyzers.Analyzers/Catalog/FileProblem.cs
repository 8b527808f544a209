
namespace LlmCallAnalyzers.Analyzers.Catalog;

/// <summary>One problem found in a user-supplied additional file: the file, the 1-based line and what is wrong.</summary>
internal readonly struct FileProblem
{
    public FileProblem(string path, int line, string message)
    {
        Path = path;
        Line = line;
        Message = message;
    }

    public string Path { get; }

    public int Line { get; }

    public string Message { get; }
}
