using System;
using System.Collections.Immutable;
using System.Globalization;
using LlmCallAnalyzers.Analyzers.Catalog;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// Reads the Agent Framework's workflow builders (Microsoft.Agents.AI.Workflows 1.28) into <see cref="OrchestrationPlan"/>
/// fragments, one per call of a fluent chain; <see cref="FactsExtractor"/> layers them like its other facts, so a
/// workflow (or builder) kept in a local carries its plan to where it is run.
/// </summary>
internal static class OrchestrationFacts
{
    /// <summary>The fragment one builder call contributes; null when the call is not a workflow builder's.</summary>
    public static ValueFacts? FromInvocation(IInvocationOperation invocation, Func<ILocalSymbol, ValueFacts?> locals, WellKnownSymbols symbols)
    {
        var method = invocation.TargetMethod;
        // The name test first: it settles nearly every call without touching the containing assembly.
        if (!IsBuilderMethodName(method.Name) || !IsWorkflows(method.ContainingAssembly))
        {
            return null;
        }

        var fragment = Fragment(invocation, locals, symbols);

        // A builder kept in a local may have been given participants or edges by statements this chain does not show.
        return invocation.Instance is { } receiver && Strip(receiver) is ILocalReferenceOperation && method.Name != "AsAIAgent"
            ? Plan(new OrchestrationPlan { OpenParticipants = true, OpenEdges = true }.Over(fragment.Orchestration ?? new OrchestrationPlan()))
            : fragment;
    }

    private static ValueFacts Fragment(IInvocationOperation invocation, Func<ILocalSymbol, ValueFacts?> locals, WellKnownSymbols symbols)
    {
        var method = invocation.TargetMethod;
        switch (method.Name)
        {
            case "BuildSequential" or "CreateSequentialBuilderWith":
                return Plan(new OrchestrationPlan { Kind = OrchestrationKind.Sequential }.Over(Participants(Argument(invocation, "agents"), locals, symbols)));
            case "BuildConcurrent" or "CreateConcurrentBuilderWith":
                return Plan(new OrchestrationPlan { Kind = OrchestrationKind.Concurrent }.Over(Participants(Argument(invocation, "agents"), locals, symbols)));
            case "AddParticipants":
                return Plan(Participants(Argument(invocation, "agents"), locals, symbols));
            case "CreateGroupChatBuilderWith":
                return Plan(GroupChatManager(Argument(invocation, "managerFactory"), symbols));
            case "CreateHandoffBuilderWith":
                return Plan(new OrchestrationPlan { Kind = OrchestrationKind.Handoff }.Over(One(Argument(invocation, "initialAgent"), locals, symbols)));
            case "WithHandoff" or "WithHandoffs":
                // WithHandoff(from, to), WithHandoffs(from, [to…]) and WithHandoffs([from…], to).
                return Plan(Handoffs(Argument(invocation, "from"), Argument(invocation, "to"), locals, symbols));
            case "WithAutonomousMode":
                return Plan(AutonomousMode(invocation));
            case "CreateMagenticBuilderWith":
                return Plan(new OrchestrationPlan { Kind = OrchestrationKind.Magentic, Manager = OneParticipant(Argument(invocation, "managerAgent"), locals, symbols) });
            case "WithMaxRounds":
                return Plan(new OrchestrationPlan { MaxRounds = Constant(Argument(invocation, "maxRounds")) });
            case "WithMaxResets":
                return Plan(new OrchestrationPlan { MaxResets = Constant(Argument(invocation, "maxResets")) });
            default:
                // Build(), and WorkflowHostingExtensions.AsAIAgent(workflow): the agent runs the workflow, so its facts are
                // the workflow's (the chain goes on to it), not a ChatClientAgent's tool loop.
                return ValueFacts.None;
        }
    }

    /// <summary>The fragment a builder constructor contributes; null when the type is not a workflow builder.</summary>
    public static ValueFacts? FromCreation(IObjectCreationOperation creation, Func<ILocalSymbol, ValueFacts?> locals, WellKnownSymbols symbols)
    {
        if (creation.Type is not INamedTypeSymbol type || !type.Name.EndsWith("WorkflowBuilder", StringComparison.Ordinal) || !IsWorkflows(type.ContainingAssembly))
        {
            return null;
        }

        return type.Name switch
        {
            "SequentialWorkflowBuilder" => Plan(new OrchestrationPlan { Kind = OrchestrationKind.Sequential }.Over(Participants(Argument(creation, "agents"), locals, symbols))),
            "ConcurrentWorkflowBuilder" => Plan(new OrchestrationPlan { Kind = OrchestrationKind.Concurrent }.Over(Participants(Argument(creation, "agents"), locals, symbols))),
            "HandoffWorkflowBuilder" or "HandoffsWorkflowBuilder" => Plan(new OrchestrationPlan { Kind = OrchestrationKind.Handoff }.Over(One(Argument(creation, "initialAgent"), locals, symbols))),
            "MagenticWorkflowBuilder" => Plan(new OrchestrationPlan { Kind = OrchestrationKind.Magentic, Manager = OneParticipant(Argument(creation, "managerAgent"), locals, symbols) }),
            _ => ValueFacts.None,
        };
    }

    private static bool IsBuilderMethodName(string name) => name is "BuildSequential" or "BuildConcurrent" or "CreateSequentialBuilderWith" or "CreateConcurrentBuilderWith"
        or "AddParticipants" or "CreateGroupChatBuilderWith" or "CreateHandoffBuilderWith" or "WithHandoff" or "WithHandoffs" or "WithAutonomousMode"
        or "CreateMagenticBuilderWith" or "WithMaxRounds" or "WithMaxResets" or "Build" or "AsAIAgent";

    private static bool IsWorkflows(IAssemblySymbol? assembly) => assembly?.Name == Orchestrators.AgentFrameworkWorkflows;

    private static ValueFacts Plan(OrchestrationPlan plan) => new() { Orchestration = plan };

    private static IOperation? Argument(IInvocationOperation invocation, string parameter) => Argument(invocation.Arguments, parameter);

    private static IOperation? Argument(IObjectCreationOperation creation, string parameter) => Argument(creation.Arguments, parameter);

    private static IOperation? Argument(ImmutableArray<IArgumentOperation> arguments, string parameter)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Name == parameter && argument.ArgumentKind != ArgumentKind.DefaultValue)
            {
                return argument.Value;
            }
        }

        return null;
    }

    private static IOperation Strip(IOperation op)
    {
        while (op is IConversionOperation conversion)
        {
            op = conversion.Operand;
        }

        return op;
    }

    private static int? Constant(IOperation? value) => value is not null && Strip(value).ConstantValue is { HasValue: true, Value: int n } ? n : null;

    /// <summary>The agents of a collection argument: an array or collection expression in view, else open.</summary>
    private static OrchestrationPlan Participants(IOperation? value, Func<ILocalSymbol, ValueFacts?> locals, WellKnownSymbols symbols)
    {
        var elements = Elements(value);
        if (elements is null)
        {
            return new OrchestrationPlan { OpenParticipants = true };
        }

        var participants = ImmutableArray.CreateBuilder<Participant>(elements.Value.Length);
        foreach (var element in elements.Value)
        {
            participants.Add(OneParticipant(element, locals, symbols));
        }

        return new OrchestrationPlan { Participants = participants.MoveToImmutable() };
    }

    /// <summary>The elements of <c>new[] { a, b }</c>, <c>[a, b]</c> or a params list; null when the collection is not in view.</summary>
    private static ImmutableArray<IOperation>? Elements(IOperation? value)
    {
        switch (value is null ? null : Strip(value))
        {
            case IArrayCreationOperation { Initializer: { } initializer }:
                return initializer.ElementValues;
            case ICollectionExpressionOperation collection:
                foreach (var element in collection.Elements)
                {
                    if (element is ISpreadOperation)
                    {
                        return null; // [.. others]: not in view
                    }
                }

                return collection.Elements;
            default:
                return null;
        }
    }

    private static OrchestrationPlan One(IOperation? value, Func<ILocalSymbol, ValueFacts?> locals, WellKnownSymbols symbols)
        => value is null ? new OrchestrationPlan { OpenParticipants = true } : new OrchestrationPlan { Participants = ImmutableArray.Create(OneParticipant(value, locals, symbols)) };

    /// <summary>One agent, counted as a lone run of it would be: its own facts, else ChatClientAgent's tool loop, else one call.</summary>
    internal static Participant OneParticipant(IOperation? value, Func<ILocalSymbol, ValueFacts?> locals, WellKnownSymbols symbols)
    {
        if (value is null)
        {
            return new Participant(Participant.UnnamedAgent, null, ValueFacts.None, 1, null);
        }

        var stripped = Strip(value);
        var identity = IdentityOf(stripped);
        var facts = FactsExtractor.Extract(value, locals, symbols);
        int calls = 1;
        string? reason = null;
        if (facts.HiddenMaxCalls is int hidden)
        {
            calls = hidden;
            reason = facts.HiddenReason;
        }
        else if (facts.AliasOf is null && facts.Orchestration is null && stripped.Type is INamedTypeSymbol type && DerivesFrom(type, symbols.ChatClientAgent))
        {
            calls = HiddenFanOut.FunctionInvocationMaxCalls(HiddenFanOut.FunctionInvocationDefaultIterations);
            reason = string.Format(CultureInfo.InvariantCulture, "ChatClientAgent makes up to {0} model calls per run", calls);
        }

        return new Participant(identity?.Name ?? Participant.UnnamedAgent, identity, facts, calls, reason);
    }

    private static ISymbol? IdentityOf(IOperation value) => value switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        IFieldReferenceOperation field => field.Field.OriginalDefinition,
        IPropertyReferenceOperation property => property.Property.OriginalDefinition,
        _ => null,
    };

    private static bool DerivesFrom(INamedTypeSymbol type, INamedTypeSymbol? baseType)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (WellKnownSymbols.Is(t, baseType))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Handoff edges from each source to each target; the agents join the participants.</summary>
    private static OrchestrationPlan Handoffs(IOperation? from, IOperation? to, Func<ILocalSymbol, ValueFacts?> locals, WellKnownSymbols symbols)
    {
        var sources = AgentsOf(from, locals, symbols);
        var targets = AgentsOf(to, locals, symbols);
        var participants = sources.Participants.AddRange(targets.Participants);
        bool open = sources.OpenParticipants || targets.OpenParticipants;
        var edges = ImmutableArray.CreateBuilder<(ISymbol, ISymbol)>();
        foreach (var source in sources.Participants)
        {
            foreach (var target in targets.Participants)
            {
                if (source.Identity is null || target.Identity is null)
                {
                    open = true;
                }
                else
                {
                    edges.Add((source.Identity, target.Identity));
                }
            }
        }

        return new OrchestrationPlan { Participants = participants, OpenParticipants = open, Edges = edges.ToImmutable(), OpenEdges = open };
    }

    /// <summary>One agent, or the agents of a collection (the parameter's type, before any conversion is stripped, says which).</summary>
    private static OrchestrationPlan AgentsOf(IOperation? value, Func<ILocalSymbol, ValueFacts?> locals, WellKnownSymbols symbols)
        => value?.Type is IArrayTypeSymbol or INamedTypeSymbol { Name: "IEnumerable" }
            ? Participants(value, locals, symbols)
            : One(value, locals, symbols);

    private static OrchestrationPlan AutonomousMode(IInvocationOperation invocation)
    {
        // turnLimit: null (or left out) is the documented default; per-agent limits or a limit not in view are unknown.
        var turnLimit = Argument(invocation, "turnLimit");
        bool perAgent = Argument(invocation, "agentTurnLimits") is { } limits && Strip(limits).ConstantValue is not { HasValue: true, Value: null };
        int? limit = turnLimit is null || Strip(turnLimit).ConstantValue is { HasValue: true, Value: null } ? Orchestrators.HandoffDefaultAutonomousTurnLimit : Constant(turnLimit);
        return limit is int n && !perAgent
            ? new OrchestrationPlan { AutonomousRunsPerVisit = n + 1 }
            : new OrchestrationPlan { AutonomousRunsPerVisit = 1, UnknownAutonomousLimit = true };
    }

    /// <summary>
    /// The group chat manager the factory lambda creates: a RoundRobinGroupChatManager (or a subclass that does not
    /// override ShouldTerminateAsync) stops at MaximumIterationCount, set in its initializer or else the default.
    /// </summary>
    private static OrchestrationPlan GroupChatManager(IOperation? factory, WellKnownSymbols symbols)
    {
        var plan = new OrchestrationPlan { Kind = OrchestrationKind.GroupChat, UnknownManager = true, IterationSource = "a manager not in view" };
        if (factory is null || Strip(factory) is not IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda })
        {
            return plan;
        }

        IObjectCreationOperation? created = null;
        foreach (var op in lambda.Body.Descendants())
        {
            if (op is IReturnOperation { ReturnedValue: { } returned } && Strip(returned) is IObjectCreationOperation creation)
            {
                if (created is not null)
                {
                    return plan; // several managers: not one cap
                }

                created = creation;
            }
        }

        if (created?.Type is not INamedTypeSymbol managerType || !StopsAtMaximumIterationCount(managerType))
        {
            return plan;
        }

        if (created.Initializer is { } initializer)
        {
            foreach (var member in initializer.Initializers)
            {
                if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "MaximumIterationCount" } } assignment)
                {
                    return Constant(assignment.Value) is int n
                        ? new OrchestrationPlan { Kind = OrchestrationKind.GroupChat, Iterations = n, IterationSource = "MaximumIterationCount = " + n.ToString(CultureInfo.InvariantCulture) }
                        : plan;
                }
            }
        }

        // A subclass declared in source may set the count in its constructor: only the package's own type has a known default.
        return managerType.Name == "RoundRobinGroupChatManager" && IsWorkflows(managerType.ContainingAssembly)
            ? new OrchestrationPlan
            {
                Kind = OrchestrationKind.GroupChat,
                Iterations = Orchestrators.GroupChatDefaultIterations,
                IterationSource = "MaximumIterationCount default " + Orchestrators.GroupChatDefaultIterations.ToString(CultureInfo.InvariantCulture),
            }
            : plan;
    }

    /// <summary>True for RoundRobinGroupChatManager and subclasses that keep its ShouldTerminateAsync (which honours the cap).</summary>
    private static bool StopsAtMaximumIterationCount(INamedTypeSymbol type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (t.Name == "RoundRobinGroupChatManager" && IsWorkflows(t.ContainingAssembly))
            {
                return true;
            }

            foreach (var member in t.GetMembers("ShouldTerminateAsync"))
            {
                if (member.IsOverride)
                {
                    return false;
                }
            }
        }

        return false;
    }
}
