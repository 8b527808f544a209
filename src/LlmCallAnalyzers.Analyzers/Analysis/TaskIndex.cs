using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// The compilation's tasks (methods with a body that declare <c>[TaskSlo]</c> or <c>[AgentStep]</c>), found from
/// declarations without binding, and which task first reaches each method — what the rules that name "the task whose
/// path" a finding lies on need (reverse edges). Built once per compilation, when first needed: it reads what every
/// task reaches, so a file with nothing to report never pays for it.
/// </summary>
internal sealed class TaskIndex
{
    private readonly Dictionary<IMethodSymbol, MethodSummary> _firstBounding;
    private readonly Dictionary<IMethodSymbol, MethodSummary> _firstReaching;

    private TaskIndex(List<MethodSummary> tasks, Dictionary<IMethodSymbol, MethodSummary> firstBounding, Dictionary<IMethodSymbol, MethodSummary> firstReaching)
    {
        Tasks = tasks;
        _firstBounding = firstBounding;
        _firstReaching = firstReaching;
    }

    /// <summary>The tasks, in <see cref="TaskOrder"/>.</summary>
    public IReadOnlyList<MethodSummary> Tasks { get; }

    /// <summary>
    /// The first task (by name) whose fan-out <paramref name="method"/> is part of: reached without passing through a
    /// method that declares <c>[FanOut]</c> (which bounds everything below it).
    /// </summary>
    public MethodSummary? FirstTaskCounting(IMethodSymbol method) => _firstBounding.TryGetValue(method, out var task) ? task : null;

    /// <summary>The first task (by name) that reaches <paramref name="method"/> at all.</summary>
    public MethodSummary? FirstTaskReaching(IMethodSymbol method) => _firstReaching.TryGetValue(method, out var task) ? task : null;

    /// <summary>
    /// Builds the index from <paramref name="candidates"/> (<see cref="Candidates"/>); fastest once a
    /// <see cref="CooperativeReach"/> from them has read their callees.
    /// </summary>
    public static TaskIndex Build(SummaryStore store, CallGraph graph, IReadOnlyList<IMethodSymbol> candidates, CancellationToken cancellationToken)
    {
        var tasks = new List<MethodSummary>(candidates.Count);
        foreach (var candidate in candidates)
        {
            if (store.SummaryOf(candidate, cancellationToken) is { Attributes.IsTask: true } summary)
            {
                tasks.Add(summary);
            }
        }

        tasks.Sort(TaskOrder.Instance);
        return new TaskIndex(tasks, FirstTasks(tasks, store, graph, enterFanOut: false, cancellationToken), FirstTasks(tasks, store, graph, enterFanOut: true, cancellationToken));
    }

    /// <summary>
    /// Methods that declare a task attribute and are not abstract, in declaration order: found from symbols, without
    /// binding a body (whether each has one, and a valid attribute, its summary says).
    /// </summary>
    public static List<IMethodSymbol> Candidates(SummaryStore store, CancellationToken cancellationToken)
    {
        var candidates = new List<IMethodSymbol>();
        var attributes = store.Summarizer.Attributes;
        if (attributes.TaskSlo is null && attributes.AgentStep is null)
        {
            return candidates;
        }

        var types = new Stack<INamespaceOrTypeSymbol>();
        types.Push(store.Compilation.Assembly.GlobalNamespace);
        while (types.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var container = types.Pop();
            foreach (var member in container.GetMembers())
            {
                switch (member)
                {
                    case INamespaceOrTypeSymbol nested:
                        types.Push(nested);
                        break;
                    case IMethodSymbol method when !method.IsAbstract && HasTaskAttribute(method, attributes):
                        candidates.Add(method);
                        break;
                }
            }
        }

        return candidates;
    }

    /// <summary>Whether <paramref name="method"/> declares <c>[TaskSlo]</c> or <c>[AgentStep]</c> (this compilation's attribute types).</summary>
    public static bool HasTaskAttribute(IMethodSymbol method, AttributeSymbols attributes)
    {
        foreach (var attribute in method.GetAttributes())
        {
            var type = attribute.AttributeClass;
            if (SymbolEqualityComparer.Default.Equals(type, attributes.TaskSlo) || SymbolEqualityComparer.Default.Equals(type, attributes.AgentStep))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// One breadth-first pass from all tasks in order: each method maps to the first task that reaches it. With
    /// <paramref name="enterFanOut"/> false, methods that declare <c>[FanOut]</c> are not entered.
    /// </summary>
    private static Dictionary<IMethodSymbol, MethodSummary> FirstTasks(List<MethodSummary> tasks, SummaryStore store, CallGraph graph, bool enterFanOut, CancellationToken cancellationToken)
    {
        var first = new Dictionary<IMethodSymbol, MethodSummary>(SymbolEqualityComparer.Default);
        var queue = new Queue<IMethodSymbol>();
        foreach (var task in tasks)
        {
            if (first.ContainsKey(task.Method))
            {
                continue;
            }

            first[task.Method] = task;
            queue.Enqueue(task.Method);
            while (queue.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var callee in graph.Callees(queue.Dequeue(), cancellationToken))
                {
                    if (!first.ContainsKey(callee) && (enterFanOut || store.SummaryOf(callee, cancellationToken)?.Attributes.FanOut is null))
                    {
                        first[callee] = task;
                        queue.Enqueue(callee);
                    }
                }
            }
        }

        return first;
    }
}
