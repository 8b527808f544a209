using System.Collections.Generic;
using LlmCallAnalyzers.Analyzers.Analysis;
using LlmCallAnalyzers.Model;
using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Rules;

/// <summary>
/// LLM001: a loop whose body makes model requests — a direct call, a call on a field or property (counted once what the
/// member holds is known), a call of a method, delegate or interface member that reaches one. Reported at the call.
/// </summary>
internal static class Llm001CallInLoopRule
{
    public static void Report(in DeclarationReport context)
    {
        if (context.Declaration.Summary is { } method)
        {
            ReportDirectCalls(context, method);
        }

        foreach (var summary in context.Declaration.AllSummaries())
        {
            ReportCallsAcrossMethods(context, summary);
        }
    }

    /// <summary>Calls of an LLM client held in a local or parameter, inside a loop of the method itself.</summary>
    private static void ReportDirectCalls(in DeclarationReport context, MethodSummary method)
    {
        var reported = new HashSet<Location>();
        foreach (var call in ShapeWalker.Calls(method.Shape))
        {
            if (call.Loop is { } loop && call.Receiver.AliasOf is null && reported.Add(call.Location))
            {
                context.Report(Diagnostic.Create(Descriptors.CallInLoop, call.Location, call.Label, MessageText.DescribeRequests(call.HiddenMaxCalls), loop.Describe()));
            }
        }
    }

    private static void ReportCallsAcrossMethods(in DeclarationReport context, MethodSummary summary)
    {
        var composer = context.Composer;
        var cancellationToken = context.CancellationToken;
        HashSet<Location>? reported = null;

        // Calls on fields and properties first (what the member holds decides the requests), then calls of methods.
        foreach (var leaf in ShapeWalker.Leaves(summary.Shape))
        {
            if (leaf is CallShape { Loop: { } callLoop, Receiver.AliasOf: not null } call && (reported ??= new HashSet<Location>()).Add(call.Location))
            {
                context.Report(Diagnostic.Create(Descriptors.CallInLoop, call.Location, call.Label, MessageText.DescribeRequests(composer.RequestsOf(call)), callLoop.Describe()));
            }
        }

        foreach (var leaf in ShapeWalker.Leaves(summary.Shape))
        {
            if (leaf is InvokeShape { Loop: { } loop } invoke && (reported ??= new HashSet<Location>()).Add(invoke.Location))
            {
                var tree = composer.TreeOf(invoke.Target, cancellationToken);
                var probe = composer.Probe(tree);
                if (probe.MaxCalls != 0)
                {
                    context.Report(Diagnostic.Create(Descriptors.CallInLoop, invoke.Location, invoke.Target.Name, MessageText.DescribeCalls(probe) + Via(composer, invoke.Target, tree), loop.Describe()));
                }
            }
            else if (leaf is DelegateInvokeShape { Loop: { } delegateLoop } invokeDelegate && (reported ??= new HashSet<Location>()).Add(invokeDelegate.Location))
            {
                var held = composer.DelegateTargetOf(invokeDelegate.Member);
                var tree = held is null ? null : composer.TreeOf(held, cancellationToken);
                var probe = tree is null ? null : composer.Probe(tree);
                if (probe is { MaxCalls: not 0 })
                {
                    context.Report(Diagnostic.Create(Descriptors.CallInLoop, invokeDelegate.Location, invokeDelegate.Member.Name, MessageText.DescribeCalls(probe) + Via(composer, held!, tree!), delegateLoop.Describe()));
                }
            }
            else if (leaf is DispatchShape { Loop: { } dispatchLoop } dispatch && (reported ??= new HashSet<Location>()).Add(dispatch.Location))
            {
                var tree = composer.TreeOfDispatch(dispatch, cancellationToken);
                var probe = composer.Probe(tree);
                if (probe.MaxCalls != 0)
                {
                    string implementations = tree is BranchNode { Arms.Length: > 1 } node ? " (" + DispatchText.DescribeImplementations(node, composer.Probe) + ")" : string.Empty;
                    context.Report(Diagnostic.Create(Descriptors.CallInLoop, dispatch.Location, dispatch.Label, MessageText.DescribeCalls(probe) + implementations, dispatchLoop.Describe()));
                }
            }
        }
    }

    /// <summary>
    /// " (via AnswerAsync → SummarizeAsync)": the methods from the one called in the loop to the one that makes its
    /// largest call, read from the frames of its composed tree; empty when the call is in the called method itself.
    /// </summary>
    private static string Via(TaskComposer composer, IMethodSymbol target, CallTree tree)
    {
        var path = Contributors.PathToLargestCall(tree, composer.Probe);
        path.Insert(0, target.Name);
        if (path.Count > 1 && path[1] == target.Name)
        {
            path.RemoveAt(1);
        }

        return path.Count < 2 ? string.Empty : " (via " + string.Join(" → ", path) + ")";
    }
}
