using System.Diagnostics;
using LlmCallAnalyzers.Analyzers.Analysis;
using LlmCallAnalyzers.Analyzers.Catalog;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

internal static class Breakdown
{
    public static void Run(Compilation c, SyntaxTree doc)
    {
        var w = Stopwatch.StartNew();
        var inputs = CompilationInputs.Read(new AnalyzerOptions([]), default);
        var session = new TaskAnalysisSession(c, CallSiteCatalog.Create(c, inputs.ExtraEntries), new AnalyzerOptions([]), inputs.Measured, t => c.GetSemanticModel(t));
        Console.WriteLine($"session {w.ElapsedMilliseconds} ms"); w.Restart();
        var model = c.GetSemanticModel(doc);
        var methods = doc.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Select(m => (IMethodSymbol)model.GetDeclaredSymbol(m)!).ToList();
        foreach (var m in methods) session.Store.Owner(m);
        Console.WriteLine($"own {methods.Count} methods {w.ElapsedMilliseconds} ms"); w.Restart();
        int n = 0;
        foreach (var m in methods) { var t = session.Composer.TreeOf(m); n++; }
        Console.WriteLine($"trees {w.ElapsedMilliseconds} ms, summarized so far {session.Store.Summaries().Count()}"); w.Restart();
        foreach (var m in methods) { session.Reach.FirstTask(m, false, default); session.Reach.FirstTask(m, true, default); }
        Console.WriteLine($"upward {w.ElapsedMilliseconds} ms, summaries {session.Store.Summaries().Count()}");
    }
}
