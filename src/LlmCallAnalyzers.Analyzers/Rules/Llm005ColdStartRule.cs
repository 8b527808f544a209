using System;
using System.Collections.Generic;
using System.Globalization;
using LlmCallAnalyzers.Analyzers.Analysis;
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
                    context.Report(Diagnostic.Create(Descriptors.FineTunedColdStart, call.Location, call.Label, model, task.Method.Name, Math.Round(parameters.ColdStartP99Ms).ToString(CultureInfo.InvariantCulture)));
                }
            }
        }
    }
}
