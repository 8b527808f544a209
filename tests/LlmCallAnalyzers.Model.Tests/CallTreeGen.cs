using System.Globalization;
using CsCheck;
using LlmCallAnalyzers.Model;

namespace LlmCallAnalyzers.Model.Tests;

/// <summary>Random call trees and model parameters for the property tests.</summary>
internal static class CallTreeGen
{
    /// <summary>The small set of providers trees are drawn from (few, so that trees share providers).</summary>
    public static readonly string[] Providers = { "openai", "anthropic", "google" };

    /// <summary>A call to one of <see cref="Providers"/>.</summary>
    public static readonly Gen<CallTree> Call = Gen.Int[0, Providers.Length - 1].Select(i => CallTree.Call(Providers[i]));

    /// <summary>
    /// Random trees of depth at most <paramref name="maxDepth"/> over every node kind; <paramref name="branches"/> and
    /// <paramref name="unbounded"/> switch Branch and Unbounded nodes on.
    /// </summary>
    public static Gen<CallTree> Tree(int maxDepth = 4, bool branches = true, bool unbounded = false)
        => Gen.Recursive<CallTree>((depth, self) =>
        {
            var leaf = Gen.Frequency((12, Call), (1, Gen.Const(CallTree.Empty)));
            if (depth >= maxDepth)
            {
                return leaf;
            }

            var nodes = new List<(int, IGen<CallTree>)>
            {
                (4 + (3 * depth), leaf),
                (3, self.Array[2, 4].Select(c => CallTree.Sequence(c))),
                (2, self.Array[2, 3].Select(c => CallTree.Parallel(c))),
                (2, Gen.Select(self, Gen.Int[0, 2], Gen.Int[0, 2], Gen.Bool, (b, min, extra, concurrent) => CallTree.Loop(b, min, min + extra, concurrent))),
                (2, Gen.Select(self, Gen.Int[1, 3], (b, k) => CallTree.Retry(b, k))),
                (1, Gen.Select(self, Gen.Int[1, 2], Gen.Int[0, 400], (b, k, d) => CallTree.Hedge(b, k, d))),
                (2, Gen.Select(self, self, (p, s) => CallTree.Fallback(p, s))),
                (1, self.Select(CallTree.Optional)),
                (1, Gen.Select(self, Gen.Int[0, 4], (b, n) => CallTree.Declared(b, n))),
            };
            if (branches)
            {
                nodes.Add((2, self.Array[2, 3].Select(a => CallTree.Branch(a))));
            }

            if (unbounded)
            {
                nodes.Add((1, self.Select(b => CallTree.Unbounded(b, "generated"))));
            }

            return Gen.Frequency(nodes.ToArray());
        });

    /// <summary>
    /// Parameters with a in [0.9, 1), r in [0, 1], o in [0, 0.01], and sometimes per-provider overrides of a and o
    /// for <c>anthropic</c> and an outage override for <c>google</c>.
    /// </summary>
    public static readonly Gen<ModelParameters> Parameters =
        Gen.Select(
            Gen.Select(Gen.Double[0.9, 0.99999], Gen.Double[0, 1], Gen.Double[0, 0.01]),
            Gen.Select(Gen.Bool, Gen.Double[0.9, 0.99999], Gen.Double[0, 0.01], Gen.Bool, Gen.Double[0, 0.01]),
            (basic, over) =>
            {
                var (a, r, o) = basic;
                var (overrideAnthropic, aa, oa, overrideGoogle, og) = over;
                var providers = new Dictionary<string, ProviderParameters>();
                if (overrideAnthropic) providers["anthropic"] = new ProviderParameters(aa, oa);
                if (overrideGoogle) providers["google"] = new ProviderParameters(providerOutage: og);
                return new ModelParameters(a, r, o, providers: providers);
            });

    /// <summary>A readable form of parameters for failure messages.</summary>
    public static string Print(ModelParameters p)
    {
        var s = string.Format(CultureInfo.InvariantCulture, "a={0:R} r={1:R} o={2:R}", p.CallAvailability, p.RetryRecoverable, p.ProviderOutage);
        foreach (var pair in p.Providers.OrderBy(x => x.Key, StringComparer.Ordinal))
        {
            s += string.Format(CultureInfo.InvariantCulture, " {0}:(a={1} o={2})", pair.Key, pair.Value.CallAvailability?.ToString("R", CultureInfo.InvariantCulture) ?? "-", pair.Value.ProviderOutage?.ToString("R", CultureInfo.InvariantCulture) ?? "-");
        }

        return s;
    }

    /// <summary>The number of nodes of <paramref name="tree"/> (pre-order, as <see cref="CallTree.DescendantsAndSelf"/>).</summary>
    public static int Count(CallTree tree) => tree.DescendantsAndSelf().Count();

    /// <summary>
    /// True when an unbounded loop whose body may make a call — it holds a call, or a declared bound above zero
    /// (<c>[FanOut(n)]</c> stands for its body's calls) — stands outside every declared bound.
    /// </summary>
    public static bool HasUnboundedLoopOfCalls(CallTree tree) => tree switch
    {
        DeclaredNode => false,
        LoopNode { UnboundedReason: not null } loop when loop.ChildNodes.Any(MayCall) => true,
        _ => tree.ChildNodes.Any(HasUnboundedLoopOfCalls),
    };

    private static bool MayCall(CallTree tree) => tree switch
    {
        CallNode => true,
        DeclaredNode declared => declared.MaxCalls > 0,
        _ => tree.ChildNodes.Any(MayCall),
    };

    /// <summary>True when the <paramref name="index"/>-th node (pre-order) lies inside the body of a declared bound.</summary>
    public static bool IsUnderDeclared(CallTree tree, int index)
    {
        int counter = 0;
        return Find(tree, ref counter, index, underDeclared: false) ?? false;
    }

    private static bool? Find(CallTree node, ref int counter, int target, bool underDeclared)
    {
        if (counter++ == target)
        {
            return underDeclared;
        }

        foreach (var child in node.ChildNodes)
        {
            if (Find(child, ref counter, target, underDeclared || node is DeclaredNode) is bool found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>Rebuilds <paramref name="tree"/> with its <paramref name="index"/>-th node (pre-order) replaced by <paramref name="replace"/>(node).</summary>
    public static CallTree ReplaceAt(CallTree tree, int index, Func<CallTree, CallTree> replace)
    {
        int counter = 0;
        return Rebuild(tree, ref counter, index, replace);
    }

    private static CallTree Rebuild(CallTree node, ref int counter, int target, Func<CallTree, CallTree> replace)
    {
        if (counter++ == target)
        {
            return replace(node);
        }

        if (counter > target)
        {
            return node;
        }

        var children = new CallTree[node.ChildNodes.Length];
        for (int i = 0; i < children.Length; i++)
        {
            children[i] = Rebuild(node.ChildNodes[i], ref counter, target, replace);
        }

        return node switch
        {
            CallNode => node,
            SequenceNode => CallTree.Sequence(children),
            ParallelNode => CallTree.Parallel(children),
            BranchNode => CallTree.Branch(children),
            LoopNode { UnboundedReason: string reason } => CallTree.Unbounded(children[0], reason),
            LoopNode l => CallTree.Loop(children[0], l.MinIterations, l.MaxIterations, l.Concurrent),
            RetryNode { Hedged: true } h => CallTree.Hedge(children[0], h.ExtraAttempts, h.HedgeDelayMs),
            RetryNode r => CallTree.Retry(children[0], r.ExtraAttempts),
            FallbackNode => CallTree.Fallback(children[0], children[1]),
            OptionalNode => CallTree.Optional(children[0]),
            DeclaredNode d => CallTree.Declared(children[0], d.MaxCalls),
            _ => throw new NotSupportedException(node.GetType().Name),
        };
    }
}
