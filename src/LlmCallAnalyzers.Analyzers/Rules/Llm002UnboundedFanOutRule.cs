using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using LlmCallAnalyzers.Analyzers.Analysis;
using LlmCallAnalyzers.Model;
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
                var contributors = ContributorsOf(context, summary, source, out long? perIteration);
                context.Report(Diagnostic.Create(
                    Descriptors.UnboundedFanOut,
                    source.Location,
                    Contributors.Locations(contributors, source.Location),
                    properties,
                    description,
                    task.Method.Name,
                    DescribeContributors(source, contributors, perIteration),
                    summary.Method.Name));
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
            recursive = node is InvocationExpressionSyntax && source.IsRecursion;
        }

        long? bound = SuggestedBound(suggestedFanOut, iterations, source.CallsPerIteration);
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

    /// <summary>
    /// The calls (and inner loops) one iteration of the loop, or one level of the recursion, makes: read from the
    /// method's composed tree, which the unbounded sources were found in.
    /// </summary>
    /// <summary>
    /// The calls with this source stopped after <paramref name="iterations"/> (else after the assumed iterations): the
    /// method's calls with every source at the assumed iterations, less this source's iterations beyond the suggested
    /// ones. Null when unknown: a saturated count is only a lower bound, and a figure past 2^63 is no bound to declare.
    /// </summary>
    private static long? SuggestedBound(long? suggestedFanOut, int? iterations, long? perIteration)
    {
        if ((suggestedFanOut is long all && CallCounts.IsSaturated(all)) || (perIteration is long per && CallCounts.IsSaturated(per)))
        {
            return null;
        }

        try
        {
            checked
            {
                return suggestedFanOut is long total
                    ? (iterations is int k && perIteration is long each ? total - ((TaskComposer.AssumedIterations - k) * each) : total)
                    : perIteration * (iterations ?? TaskComposer.AssumedIterations);
            }
        }
        catch (System.OverflowException)
        {
            return null;
        }
    }

    private static List<Contributor> ContributorsOf(in DeclarationReport context, MethodSummary summary, UnboundedSource source, out long? perIteration)
    {
        var tree = context.Composer.TreeOf(summary.Method, context.CancellationToken);
        // A loop's body, or one level of a recursion (the recursive component's tree without its unbounded repetition).
        var scope = LoopAt(tree, source.Location) ?? (tree is LoopNode { MaxIterations: null, Place: null } recursion ? recursion.Body : tree);
        perIteration = context.Composer.Probe(scope).MaxCalls;
        return Contributors.Of(scope, ContributionMeasure.Calls, context.Composer.Probe);
    }

    /// <summary>The body of the unbounded loop at <paramref name="location"/>, searched in the method's own nodes only.</summary>
    private static CallTree? LoopAt(CallTree tree, Location location)
    {
        var stack = new Stack<CallTree>();
        stack.Push(tree);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node is LoopNode { MaxIterations: null, Place: SourcePlace place } loop && place.Location == location)
            {
                return loop.Body;
            }

            foreach (var child in node.ChildNodes)
            {
                if (child.Frames.IsEmpty)
                {
                    stack.Push(child); // a node with frames belongs to a callee
                }
            }
        }

        return null;
    }

    /// <summary>", up to 3 LLM calls per iteration, 2 of them at the call at Research.cs:42" (empty when no call is known).</summary>
    private static string DescribeContributors(UnboundedSource source, List<Contributor> contributors, long? perIteration)
    {
        if (contributors.Count == 0)
        {
            return string.Empty;
        }

        string per = source.Description == "this loop" ? "iteration" : "level";
        string calls = perIteration is long n
            ? CallCounts.UpTo(n) + " LLM call" + (n == 1 ? string.Empty : "s")
            : "an unbounded number of LLM calls";
        return ", " + calls + " per " + per + ", " + Contributors.DescribeLargest(contributors, perIteration);
    }
}
