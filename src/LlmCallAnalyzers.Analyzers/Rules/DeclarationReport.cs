using System;
using System.Threading;
using LlmCallAnalyzers.Analyzers.Analysis;
using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Rules;

/// <summary>
/// What a rule that reports on one declaration gets: the declaration's summaries (its method and the lambdas it stores),
/// the compilation's shared analysis, and where to report. Every location a rule reports lies in this declaration, so
/// analyzing one file reports exactly that file's diagnostics, and a full build reports each once.
/// </summary>
internal readonly struct DeclarationReport
{
    public DeclarationReport(TaskAnalysisSession session, OwnerSummary declaration, Action<Diagnostic> report, CancellationToken cancellationToken)
    {
        Session = session;
        Declaration = declaration;
        Report = report;
        CancellationToken = cancellationToken;
    }

    public TaskAnalysisSession Session { get; }

    public TaskComposer Composer => Session.Composer;

    public OwnerSummary Declaration { get; }

    public Action<Diagnostic> Report { get; }

    public CancellationToken CancellationToken { get; }
}
