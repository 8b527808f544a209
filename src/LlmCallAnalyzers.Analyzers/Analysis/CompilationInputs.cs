using System.Collections.Generic;
using System.Linq;
using System.Threading;
using LlmCallAnalyzers.Analyzers.Catalog;
using LlmCallAnalyzers.Model;
using LlmCallAnalyzers.Model.Contracts;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>What a compilation's additional files add: catalog entries, measured availability, and their problems.</summary>
internal sealed class CompilationInputs
{
    private CompilationInputs(List<EntryPoint> extraEntries, MeasuredAvailability measured, List<FileProblem> fileProblems)
    {
        ExtraEntries = extraEntries;
        Measured = measured;
        FileProblems = fileProblems;
    }

    public List<EntryPoint> ExtraEntries { get; }

    public MeasuredAvailability Measured { get; }

    public List<FileProblem> FileProblems { get; }

    public static CompilationInputs Read(AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var problems = new List<FileProblem>();
        var extra = new List<EntryPoint>();
        var measured = MeasuredAvailability.None;
        foreach (var file in options.AdditionalFiles)
        {
            bool catalogFile = CatalogFileParser.IsCatalogFile(file.Path);
            bool availabilityFile = AvailabilityFile.IsAvailabilityFile(file.Path);
            if (!catalogFile && !availabilityFile)
            {
                continue;
            }

            var text = file.GetText(cancellationToken)?.ToString();
            if (text is null)
            {
                problems.Add(new FileProblem(file.Path, 0, "the file cannot be read"));
                continue;
            }

            if (catalogFile)
            {
                extra.AddRange(CatalogFileParser.Parse(file.Path, text, problems));
            }
            else
            {
                var lineProblems = new List<AvailabilityFileProblem>();
                measured = AvailabilityFile.Parse(text, lineProblems);
                problems.AddRange(lineProblems.Select(p => new FileProblem(file.Path, p.Line, p.Message)));
            }
        }

        return new CompilationInputs(extra, measured, problems);
    }
}
