using System.Collections.Immutable;
using System.Globalization;
using LlmCallAnalyzers.Analyzers.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LlmCallAnalyzers.Analyzers.Rules;

/// <summary>
/// LLM002: a loop with no bound, or a recursive call, that makes model calls on the path of a task. Reported at the
/// loop or call, once, naming the first task (by name) whose fan-out it is part of.
/// </summary>
internal static class Llm002UnboundedFanOutRule
{
    public static void Report(in DeclarationReport context)
    {
        foreach (var summary in context.Declaration.AllSummaries())
        {
            var sources = context.Composer.UnboundedSourcesOf(summary.Method, context.CancellationToken);
            if (sources.Count == 0 || context.Session.Tasks(context.CancellationToken).FirstTaskCounting(summary.Method) is not { } task)
            {
                continue;
            }

            long? suggestedFanOut = context.Composer.SuggestedFanOutOf(summary.Method, context.CancellationToken);
            foreach (var source in sources)
            {
                string description = char.ToUpperInvariant(source.Description[0]) + source.Description.Substring(1);
                var properties = FixProperties(context, source, suggestedFanOut);
                context.Report(Diagnostic.Create(Descriptors.UnboundedFanOut, source.Location, properties, description, task.Method.Name, string.Empty, summary.Method.Name));
            }
        }
    }

    /// <summary>
    /// For the code fix: what <c>[FanOut(n)]</c> would declare — the method's calls with this source stopped where the
    /// code suggests, else after <see cref="TaskComposer.AssumedIterations"/> — and what the title says about it.
    /// </summary>
    private static ImmutableDictionary<string, string?> FixProperties(in DeclarationReport context, UnboundedSource source, long? suggestedFanOut)
    {
        var properties = ImmutableDictionary.CreateBuilder<string, string?>();
        properties[DiagnosticPropertyKeys.AssumedIterations] = TaskComposer.AssumedIterations.ToString(CultureInfo.InvariantCulture);
        int? iterations = null;
        bool recursive = false;
        if (source.Location.SourceTree is { } tree
            && SuggestedIterations.SourceAt(tree.GetRoot(context.CancellationToken), source.Location.SourceSpan) is var node
            && SuggestedIterations.EnclosingMethod(node) is { } method)
        {
            var model = context.Session.Store.ModelOf(tree);
            iterations = SuggestedIterations.Of(model, node, method, context.CancellationToken);

            // An invocation is either a recursive call or a LINQ / Parallel / List.ForEach call that loops over its source.
            recursive = node is InvocationExpressionSyntax invocation
                && model.GetSymbolInfo(invocation, context.CancellationToken).Symbol is IMethodSymbol target
                && target.ContainingNamespace?.ToDisplayString().StartsWith("System", System.StringComparison.Ordinal) != true;
        }

        long? perIteration = source.CallsPerIteration;
        long? bound = suggestedFanOut is long all
            ? (iterations is int k && perIteration is long per ? all - ((TaskComposer.AssumedIterations - k) * per) : all)
            : perIteration * (iterations ?? TaskComposer.AssumedIterations);
        if (bound is long n && n > 0 && n <= int.MaxValue)
        {
            properties[DiagnosticPropertyKeys.SuggestedFanOut] = n.ToString(CultureInfo.InvariantCulture);
        }

        if (iterations is int suggested)
        {
            properties[DiagnosticPropertyKeys.SuggestedIterations] = suggested.ToString(CultureInfo.InvariantCulture);
        }

        if (recursive)
        {
            properties[DiagnosticPropertyKeys.Recursive] = "true";
        }

        return properties.ToImmutable();
    }
}
