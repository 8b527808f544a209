using System;
using System.Collections.Generic;
using System.Globalization;
using LlmCallAnalyzers.Analyzers.Analysis;
using LlmCallAnalyzers.Model;
using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Rules;

/// <summary>
/// LLM005: a call to a fine-tuned model (an OpenAI <c>ft:</c> id or a configured name) on the path of a task: after
/// idling the model may be unloaded and the next request pays the reload. Reported at the call, naming the first task
/// (by name) that reaches it, with that task's file's cold-start figure.
/// </summary>
internal static class Llm005ColdStartRule
{
    public static void Report(in DeclarationReport context)
    {
        foreach (var summary in context.Declaration.AllSummaries())
        {
            HashSet<Location>? reported = null;
            MethodSummary? task = null;
            foreach (var call in ShapeWalker.Calls(summary.Shape))
            {
                if (context.Composer.ModelOf(call) is not { } model || !context.Composer.IsFineTuned(model))
                {
                    continue;
                }

                task ??= context.Session.Tasks(context.CancellationToken).FirstTaskReaching(summary.Method);
                if (task is null)
                {
                    break;
                }

                if ((reported ??= new HashSet<Location>()).Add(call.Location))
                {
                    var parameters = context.Session.ParametersFor(task.Method);
                    var contributors = ExposedCalls(context, summary, model, out long? calls);
                    context.Report(Diagnostic.Create(
                        Descriptors.FineTunedColdStart,
                        call.Location,
                        Contributors.Locations(contributors, call.Location),
                        call.Label,
                        model,
                        task.Method.Name,
                        Math.Round(parameters.ColdStartP99Ms).ToString(CultureInfo.InvariantCulture),
                        DescribeExposed(summary, contributors, calls)));
                }
            }
        }
    }

    /// <summary>
    /// The calls to <paramref name="model"/> the method makes, itself or through what it calls, and the loops around
    /// them: its composed tree with every other call removed, largest first by worst-case calls.
    /// </summary>
    private static List<Contributor> ExposedCalls(in DeclarationReport context, MethodSummary summary, string model, out long? calls)
    {
        var tree = context.Composer.TreeOf(summary.Method, context.CancellationToken);
        var exposed = CallTreeRewriter.Rewrite(tree, node => node is CallNode other && !(other.FineTuned && other.Model == model) ? CallTree.Empty : null);
        var evaluator = new CallTreeEvaluator();
        calls = evaluator.Evaluate(exposed).MaxCalls;
        return Contributors.Of(exposed, ContributionMeasure.Calls, evaluator.Evaluate);
    }

    /// <summary>"; 'Summarize' makes up to 5 calls to it, 4 of them in the loop at Research.cs:57" (empty when none is known).</summary>
    private static string DescribeExposed(MethodSummary summary, List<Contributor> contributors, long? calls)
    {
        if (contributors.Count == 0)
        {
            return string.Empty;
        }

        string count = calls is long n
            ? (n == 1 ? "1 call" : CallCounts.UpTo(n) + " calls")
            : "an unbounded number of calls";
        return "; '" + summary.Method.Name + "' makes " + count + " to it, " + Contributors.DescribeLargest(contributors, calls);
    }
}
