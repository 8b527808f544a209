using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using LlmCallAnalyzers.Analyzers.Catalog;
using LlmCallAnalyzers.Model.Contracts;
using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// Turns an <see cref="OrchestrationPlan"/> into the shape of one workflow run: each agent turn is a call at the run
/// site that counts the agent's own hidden tool loop; sequential turns add up, concurrent ones run in parallel, a group
/// chat repeats one participant's turn per iteration. What is not in view widens the shape (an unbounded loop, a turn
/// counted as a ChatClientAgent run), never narrows it.
/// </summary>
internal static class OrchestrationShapes
{
    /// <summary>Nested workflows (a workflow hosted as an agent inside another) are expanded this deep.</summary>
    private const int MaxNesting = 4;

    public static Shape Build(OrchestrationPlan plan, string runLabel, Location location, LoopContext? loop)
        => new Builder(runLabel, location, loop).Build(plan, 0);

    private sealed class Builder
    {
        private readonly string _runLabel;
        private readonly Location _location;
        private readonly LoopContext? _loop;

        public Builder(string runLabel, Location location, LoopContext? loop)
        {
            _runLabel = runLabel;
            _location = location;
            _loop = loop;
        }

        public Shape Build(OrchestrationPlan plan, int depth)
        {
            switch (plan.Kind)
            {
                case OrchestrationKind.Sequential:
                {
                    var turns = Turns(plan, "sequential workflow", depth);
                    if (plan.OpenParticipants)
                    {
                        turns.Add(Unbounded(UnknownTurn("sequential workflow"), concurrent: false));
                    }

                    return Shape.Sequence(turns.ToImmutable());
                }

                case OrchestrationKind.Concurrent:
                {
                    var turns = Turns(plan, "concurrent workflow", depth);
                    if (plan.OpenParticipants)
                    {
                        turns.Add(Unbounded(UnknownTurn("concurrent workflow"), concurrent: true));
                    }

                    return Shape.Parallel(turns.ToImmutable());
                }

                case OrchestrationKind.GroupChat:
                {
                    // One participant speaks per iteration: the worst participant's turn, up to the cap.
                    var body = AnyTurn(plan, "group chat", depth);
                    return plan.UnknownManager || plan.Iterations is not int iterations
                        ? Unbounded(body, concurrent: false)
                        : new LoopShape(body, new LoopBound(System.Math.Min(1, iterations), iterations, false, plan.IterationSource), _location);
                }

                case OrchestrationKind.Handoff:
                    return Handoff(plan, depth);
                case OrchestrationKind.Magentic:
                    return Magentic(plan, depth);
                default:
                    return Shape.Empty;
            }
        }

        /// <summary>
        /// A handoff run visits agents along handoff edges and stops at an agent that does not hand off. The framework
        /// has no cap on the chain (1.28.0: two agents handing off to each other ran until the test client stopped), so
        /// only an acyclic graph in view is bounded: each agent at most once, times its autonomous turns.
        /// </summary>
        private Shape Handoff(OrchestrationPlan plan, int depth)
        {
            var distinct = Distinct(plan.Participants);
            int runsPerVisit = plan.AutonomousRunsPerVisit ?? 1;
            var arms = ImmutableArray.CreateBuilder<Shape>();
            foreach (var participant in distinct)
            {
                var turn = Turn(participant, "handoff workflow", depth);
                arms.Add(runsPerVisit > 1
                    ? new LoopShape(turn, new LoopBound(1, runsPerVisit, false, "autonomous turn limit " + (runsPerVisit - 1).ToString(CultureInfo.InvariantCulture) + " + 1"), _location)
                    : turn);
            }

            var body = Shape.Branch(arms.ToImmutable());
            if (plan.OpenParticipants || plan.OpenEdges || plan.UnknownAutonomousLimit || HasCycle(plan.Edges))
            {
                return Unbounded(plan.OpenParticipants ? Shape.Branch(body, UnknownTurn("handoff workflow")) : body, concurrent: false);
            }

            return new LoopShape(body, new LoopBound(1, distinct.Count, false, "an acyclic handoff graph of " + distinct.Count.ToString(CultureInfo.InvariantCulture) + " agents"), _location);
        }

        /// <summary>
        /// Magentic: the manager plans (facts + plan: 2 runs), then each round writes a progress ledger (1 run, counted
        /// with its retries) and one participant takes a turn; a stall resets and replans (2 runs); the final answer is
        /// 1 run. Observed on 1.28.0: <c>WithMaxRounds(r)</c> caps the rounds of the whole run (a reset does not clear
        /// the count) and every reset happens in a round, so r alone bounds it; resets are then at most
        /// min(r, <c>WithMaxResets</c>). Rounds are unlimited by default (<c>_maxRounds</c> null).
        /// </summary>
        private Shape Magentic(OrchestrationPlan plan, int depth)
        {
            var manager = plan.Manager is { } m ? Turn(m, "Magentic manager", depth) : UnknownTurn("Magentic manager");
            var participant = AnyTurn(plan, "Magentic workflow", depth);
            var ledger = new LoopShape(manager, new LoopBound(1, 1 + Orchestrators.MagenticProgressLedgerRetries, false, "progress ledger + retries"), _location);
            var round = Shape.Sequence(ledger, participant);
            var replan = Shape.Sequence(manager, manager);
            if (plan.MaxRounds is not int rounds)
            {
                return Shape.Sequence(ImmutableArray.Create(replan, Unbounded(Shape.Sequence(round, replan), concurrent: false), manager));
            }

            int resets = plan.MaxResets is int maxResets ? System.Math.Min(rounds, maxResets) : rounds;
            var planning = new LoopShape(replan, new LoopBound(1, 1 + resets, false, "1 plan + up to " + resets.ToString(CultureInfo.InvariantCulture) + " replans"), _location);
            var coordination = new LoopShape(round, new LoopBound(System.Math.Min(1, rounds), rounds, false, "WithMaxRounds(" + rounds.ToString(CultureInfo.InvariantCulture) + ")"), _location);
            return Shape.Sequence(ImmutableArray.Create<Shape>(planning, coordination, manager));
        }

        private ImmutableArray<Shape>.Builder Turns(OrchestrationPlan plan, string role, int depth)
        {
            var turns = ImmutableArray.CreateBuilder<Shape>(plan.Participants.Length + 1);
            foreach (var participant in plan.Participants)
            {
                turns.Add(Turn(participant, role, depth));
            }

            return turns;
        }

        /// <summary>One turn of any one participant (a branch over them); unknown participants add an unknown agent's turn.</summary>
        private Shape AnyTurn(OrchestrationPlan plan, string role, int depth)
        {
            var arms = ImmutableArray.CreateBuilder<Shape>();
            foreach (var participant in Distinct(plan.Participants))
            {
                arms.Add(Turn(participant, role, depth));
            }

            if (plan.OpenParticipants || arms.Count == 0)
            {
                arms.Add(UnknownTurn(role));
            }

            return Shape.Branch(arms.ToImmutable());
        }

        /// <summary>One run of a participant: a nested workflow's shape, else a call counting the agent's own tool loop.</summary>
        private Shape Turn(Participant participant, string role, int depth)
        {
            if (participant.Facts.Orchestration is { Kind: not null } nested && depth < MaxNesting)
            {
                return Build(nested, depth + 1);
            }

            string label = participant.Name + " (" + role + " turn in " + _runLabel + ")";
            return new CallShape(ProviderKeys.Agent, null, label, _location, _loop, participant.CallsPerRun, participant.Reason, participant.Facts);
        }

        /// <summary>A participant not in view counts as a ChatClientAgent run, the most a lone agent run counts for.</summary>
        private Shape UnknownTurn(string role)
        {
            int calls = HiddenFanOut.FunctionInvocationMaxCalls(HiddenFanOut.FunctionInvocationDefaultIterations);
            string reason = string.Format(CultureInfo.InvariantCulture, "an agent not in view counts as a ChatClientAgent run (up to {0} model calls)", calls);
            return new CallShape(ProviderKeys.Agent, null, Participant.UnnamedAgent + " (" + role + " turn in " + _runLabel + ")", _location, _loop, calls, reason, ValueFacts.None);
        }

        private Shape Unbounded(Shape body, bool concurrent) => new LoopShape(body, LoopBound.Unknown(concurrent), _location);

        private static List<Participant> Distinct(ImmutableArray<Participant> participants)
        {
            var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            var distinct = new List<Participant>(participants.Length);
            foreach (var participant in participants)
            {
                if (participant.Identity is null || seen.Add(participant.Identity))
                {
                    distinct.Add(participant);
                }
            }

            return distinct;
        }

        /// <summary>Whether the handoff edges contain a cycle (iterative depth-first search with colours).</summary>
        private static bool HasCycle(ImmutableArray<(ISymbol From, ISymbol To)> edges)
        {
            var next = new Dictionary<ISymbol, List<ISymbol>>(SymbolEqualityComparer.Default);
            foreach (var (from, to) in edges)
            {
                if (SymbolEqualityComparer.Default.Equals(from, to))
                {
                    return true;
                }

                if (!next.TryGetValue(from, out var targets))
                {
                    next.Add(from, targets = new List<ISymbol>());
                }

                targets.Add(to);
            }

            var state = new Dictionary<ISymbol, int>(SymbolEqualityComparer.Default); // 1 = on the stack, 2 = done
            foreach (var start in next.Keys)
            {
                if (state.ContainsKey(start))
                {
                    continue;
                }

                var stack = new Stack<(ISymbol Node, int Index)>();
                stack.Push((start, 0));
                state[start] = 1;
                while (stack.Count > 0)
                {
                    var (node, index) = stack.Pop();
                    if (next.TryGetValue(node, out var targets) && index < targets.Count)
                    {
                        stack.Push((node, index + 1));
                        var target = targets[index];
                        if (state.TryGetValue(target, out int s))
                        {
                            if (s == 1)
                            {
                                return true;
                            }
                        }
                        else
                        {
                            state[target] = 1;
                            stack.Push((target, 0));
                        }
                    }
                    else
                    {
                        state[node] = 2;
                    }
                }
            }

            return false;
        }
    }
}
