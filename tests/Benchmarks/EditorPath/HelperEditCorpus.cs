using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

/// <summary>
/// The benchmark codebase as the compiler server's builds see it: the files' texts, one helper line that a one-line
/// edit toggles (a prompt string, no estimate changes), and each build's compilation with every file parsed anew.
/// </summary>
internal sealed class HelperEditCorpus
{
    private const string HelperLine = "sb.Append(\"Focus on: \")";

    private readonly List<string> _texts;
    private readonly List<string> _paths;
    private readonly CSharpParseOptions _parse;
    private readonly ImmutableArray<MetadataReference> _references;
    private readonly int _helper;
    private int _edits;

    private HelperEditCorpus(IReadOnlyList<SyntaxTree> trees, ImmutableArray<MetadataReference> references, int helper, List<string> texts)
    {
        _texts = texts;
        _paths = trees.Select(t => t.FilePath).ToList();
        _parse = (CSharpParseOptions)trees[0].Options;
        _references = references;
        _helper = helper;
    }

    /// <summary>The corpus of <paramref name="trees"/>; null (with a message) when it has no helper line to edit.</summary>
    public static HelperEditCorpus? From(IReadOnlyList<SyntaxTree> trees, ImmutableArray<MetadataReference> references)
    {
        var texts = trees.Select(t => t.GetText().ToString()).ToList();
        int helper = texts.FindIndex(t => t.Contains(HelperLine, StringComparison.Ordinal));
        if (helper < 0)
        {
            Console.Error.WriteLine($"editor-path: '{HelperLine}' not found; is this the AnalyzerCost codebase?");
            return null;
        }

        return new HelperEditCorpus(trees, references, helper, texts);
    }

    public int Files => _texts.Count;

    /// <summary>The edited file's name.</summary>
    public string HelperFile => Path.GetFileName(_paths[_helper]);

    /// <summary>Edits the helper line, the first time and every other time forward ("Focus on - "), else back.</summary>
    public void EditHelper()
    {
        bool forward = _edits++ % 2 == 0;
        _texts[_helper] = _texts[_helper].Replace(forward ? "Focus on: " : "Focus on - ", forward ? "Focus on - " : "Focus on: ", StringComparison.Ordinal);
    }

    /// <summary>A build's compilation: every file parsed anew from its current text.</summary>
    public Compilation Build() => CSharpCompilation.Create("Agents", _texts.Select((text, i) => CSharpSyntaxTree.ParseText(SourceText.From(text), _parse, _paths[i])), _references,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
}
