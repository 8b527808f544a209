using System.Diagnostics;
using LlmCallAnalyzers.Model;

namespace LlmCallAnalyzers.Model.Tests;

/// <summary>The figures docs/model.md quotes, each one a reader can redo with a calculator.</summary>
public class TestVectorTests
{
    private const double Tolerance = 1e-12;

    private static CallTree Calls(int n, string provider = "openai")
        => CallTree.Sequence(Enumerable.Range(0, n).Select(_ => CallTree.Call(provider)));

    private static TaskEstimate Evaluate(CallTree tree, ModelParameters? parameters = null)
        => new CallTreeEvaluator(parameters).EvaluateTask(tree);

    [Theory]
    [InlineData(20, "98.02 %")]
    [InlineData(12, "98.81 %")]
    [InlineData(10, "99.00 %")]
    [InlineData(40, "96.08 %")]
    [InlineData(8, "99.20 %")]
    public void Sequential_calls_compose_to_the_documented_figures(int calls, string expected)
    {
        var tree = CallTree.Sequence(Enumerable.Range(0, calls).Select(_ => CallTree.Call("openai")));
        var estimate = new CallTreeEvaluator().EvaluateTask(tree);
        Assert.Equal(expected, Percent.Format(estimate.Availability!.Value));
        Assert.Equal(calls, estimate.MaxCalls);
    }

    [Fact]
    public void Parallel_calls_and_loops_compose_like_sequential_calls()
    {
        double expected = Math.Pow(0.999, 20);
        Assert.Equal(expected, Evaluate(CallTree.Parallel(Enumerable.Range(0, 20).Select(_ => CallTree.Call("openai")))).Availability!.Value, Tolerance);
        Assert.Equal(expected, Evaluate(CallTree.Loop(CallTree.Call("openai"), 1, 20)).Availability!.Value, Tolerance);
        Assert.Equal(expected, Evaluate(CallTree.Loop(CallTree.Call("openai"), 20, 20, concurrent: true)).Availability!.Value, Tolerance);
        Assert.Equal(expected, Evaluate(CallTree.Declared(CallTree.Call("openai"), 20)).Availability!.Value, Tolerance);
    }

    [Fact]
    public void Eight_calls_each_retried_three_times_compose_to_99_60_percent()
    {
        // Without retries: 0.999^8 = 99.20 %. With 3 extra attempts and r = 0.5 each call fails with
        // 0.001 · (0.5 + 0.5 · 0.001^3): (1 − that)^8 = 99.60 %. The naive 1 − 0.001^4 per call would claim 100.00 %.
        var tree = CallTree.Sequence(Enumerable.Range(0, 8).Select(_ => CallTree.Retry(CallTree.Call("openai"), 3)));
        var estimate = Evaluate(tree);
        double perCall = 1 - AvailabilityMath.FailureWithRetries(0.001, 3, 0.5);
        Assert.Equal(1 - (0.001 * (0.5 + (0.5 * Math.Pow(0.001, 3)))), perCall, Tolerance);
        Assert.Equal(Math.Pow(perCall, 8), estimate.Availability!.Value, Tolerance);
        Assert.Equal("99.60 %", Percent.Format(estimate.Availability.Value));
        Assert.Equal("99.20 %", Percent.Format(Math.Pow(0.999, 8)));
        Assert.Equal("100.00 %", Percent.Format(Math.Pow(1 - Math.Pow(0.001, 4), 8)));
        Assert.Equal(8, estimate.EssentialCalls);
        Assert.Equal(32, estimate.MaxCalls);
        Assert.Equal(8, estimate.MinCalls);
    }

    [Fact]
    public void Twenty_calls_need_99_975_percent_each_for_a_99_5_percent_task()
    {
        double required = AvailabilityMath.RequiredPerCall(0.995, 20);
        Assert.Equal("99.975 %", Percent.FormatRequirement(required));
        Assert.Equal(Math.Pow(0.995, 1.0 / 20), required, Tolerance);

        double? solved = RequirementSolver.RequiredPerCallAvailability(Calls(20), ModelParameters.Default, 0.995);
        Assert.Equal(required, solved!.Value, 1e-9);
        Assert.Equal("99.975 %", Percent.FormatRequirement(solved.Value));

        // The default 99.9 % does not meet it: 98.02 % < 99.50 %.
        Assert.False(Evaluate(Calls(20)).Meets(0.995));
        Assert.True(Evaluate(Calls(20), new ModelParameters(callAvailability: solved.Value)).Meets(0.995));
    }

    [Fact]
    public void Treynor_five_critical_dependencies_consume_26_of_53_yearly_downtime_minutes()
    {
        // Treynor, Dahlin, Rau, Beyer, "The Calculus of Service Availability", ACM Queue 15(2), 2017: a 99.99 % service
        // with five critical dependencies at 99.999 % each.
        double budget = AvailabilityMath.YearlyDowntimeMinutes(0.9999);
        double perDependency = AvailabilityMath.YearlyDowntimeMinutes(0.99999);
        Assert.Equal(52.6, budget, 0.05);
        Assert.Equal(5.26, perDependency, 0.005);
        Assert.Equal(53, Math.Round(budget));
        Assert.Equal(26, Math.Round(5 * perDependency));

        // The same through the evaluator: five distinct dependencies, each called once.
        var tree = CallTree.Sequence(Enumerable.Range(1, 5).Select(i => CallTree.Call("dependency" + i)));
        var estimate = Evaluate(tree, new ModelParameters(callAvailability: 0.99999));
        Assert.Equal(26.3, AvailabilityMath.YearlyDowntimeMinutes(estimate.Availability!.Value), 0.05);
    }

    [Fact]
    public void A_provider_outage_is_counted_once_per_provider_not_once_per_call()
    {
        var parameters = new ModelParameters(providerOutage: 0.001);

        var oneProvider = Evaluate(Calls(10), parameters);
        Assert.Equal(Math.Pow(0.999, 10) * 0.999, oneProvider.Availability!.Value, Tolerance);
        Assert.Equal(0.999, oneProvider.OutageFactor, Tolerance);

        var twoProviders = Evaluate(CallTree.Sequence(Calls(5, "openai"), Calls(5, "anthropic")), parameters);
        Assert.Equal(Math.Pow(0.999, 10) * 0.999 * 0.999, twoProviders.Availability!.Value, Tolerance);
        Assert.Equal(0.999 * 0.999, twoProviders.OutageFactor, Tolerance);

        // The default is no outage at all.
        Assert.Equal(1.0, Evaluate(Calls(10)).OutageFactor);
    }

    [Fact]
    public void A_fallback_to_a_different_provider_multiplies_failure_probabilities()
    {
        var tree = CallTree.Fallback(CallTree.Call("openai"), CallTree.Call("anthropic"));
        Assert.Equal(1 - (0.001 * 0.001), Evaluate(tree).Availability!.Value, Tolerance);
        Assert.Equal("100.00 %", Percent.Format(Evaluate(tree).Availability!.Value));
        Assert.Equal(2, Evaluate(tree).MaxCalls);
        Assert.Equal(1, Evaluate(tree).EssentialCalls);
    }

    [Fact]
    public void A_fallback_to_the_same_provider_recovers_only_the_transient_share()
    {
        var tree = CallTree.Fallback(CallTree.Call("openai", "gpt-4o"), CallTree.Call("openai", "gpt-4o-mini"));
        Assert.Equal(1 - (0.001 * (0.5 + (0.5 * 0.001))), Evaluate(tree).Availability!.Value, Tolerance);
        Assert.Equal(Evaluate(CallTree.Retry(CallTree.Call("openai"), 1)).Availability!.Value, Evaluate(tree).Availability!.Value, Tolerance);
    }

    [Fact]
    public void A_fallback_covers_an_outage_only_while_its_other_provider_is_up()
    {
        // o = 0.01 for both providers. The task fails when both are out (0.0001), and otherwise when every provider
        // still up fails: Σ over outage states of P(state) · availability in that state.
        var parameters = new ModelParameters(providerOutage: 0.01);
        var tree = CallTree.Fallback(CallTree.Call("openai"), CallTree.Call("anthropic"));
        double expected = (0.99 * 0.99 * (1 - (0.001 * 0.001))) + (2 * 0.01 * 0.99 * 0.999);
        Assert.Equal(expected, Evaluate(tree, parameters).Availability!.Value, Tolerance);

        // A provider that is always out leaves only the other one (and its retries).
        var alwaysOut = new ModelParameters(providers: new Dictionary<string, ProviderParameters> { ["google"] = new ProviderParameters(providerOutage: 1) });
        var retried = CallTree.Retry(CallTree.Fallback(CallTree.Call("google"), CallTree.Call("openai")), 2);
        Assert.Equal(Evaluate(CallTree.Retry(CallTree.Call("openai"), 2)).Availability!.Value, Evaluate(retried, alwaysOut).Availability!.Value, Tolerance);
    }

    [Fact]
    public void Nested_retries_do_not_compound_against_correlated_failure()
    {
        // Half of the failures (r = 0.5) are correlated: no number of retries, however nested, gets below
        // 0.001 · 0.5 = 0.0005 per call. (Applying r again at each level would claim 0.00025, then 0.000125, ...)
        var once = Evaluate(CallTree.Retry(CallTree.Call("openai"), 3)).Availability!.Value;
        var nested = Evaluate(CallTree.Retry(CallTree.Retry(CallTree.Retry(CallTree.Call("openai"), 3), 3), 3)).Availability!.Value;
        Assert.True(nested >= once);
        Assert.True(nested <= 1 - 0.0005 + Tolerance);
        Assert.Equal("99.95 %", Percent.Format(nested));
    }

    [Fact]
    public void Retry_recoverable_zero_makes_retries_useless_and_one_makes_them_independent()
    {
        var tree = CallTree.Retry(CallTree.Call("openai"), 2);
        Assert.Equal(0.999, Evaluate(tree, new ModelParameters(retryRecoverable: 0)).Availability!.Value, Tolerance);
        Assert.Equal(1 - Math.Pow(0.001, 3), Evaluate(tree, new ModelParameters(retryRecoverable: 1)).Availability!.Value, Tolerance);
        Assert.Equal(Evaluate(tree).Availability!.Value, Evaluate(CallTree.Hedge(CallTree.Call("openai"), 2, 300)).Availability!.Value, Tolerance);
    }

    [Fact]
    public void Optional_calls_are_made_but_do_not_count()
    {
        var tree = CallTree.Sequence(Calls(3), CallTree.Optional(Calls(5)));
        var estimate = Evaluate(tree);
        Assert.Equal(Math.Pow(0.999, 3), estimate.Availability!.Value, Tolerance);
        Assert.Equal(8, estimate.MaxCalls);
        Assert.Equal(3, estimate.EssentialCalls);
    }

    [Fact]
    public void Branches_take_the_worst_arm_and_show_the_range()
    {
        var tree = CallTree.Branch(Calls(2), Calls(7), CallTree.Empty);
        var estimate = Evaluate(tree);
        Assert.Equal(0, estimate.MinCalls);
        Assert.Equal(7, estimate.MaxCalls);
        Assert.Equal(Math.Pow(0.999, 7), estimate.Availability!.Value, Tolerance);
    }

    [Fact]
    public void Unbounded_fan_out_has_no_availability_until_it_is_declared()
    {
        var unbounded = CallTree.Unbounded(CallTree.Call("openai"), "recursion");
        Assert.Null(Evaluate(unbounded).Availability);
        Assert.Null(Evaluate(unbounded).MaxCalls);
        Assert.False(Evaluate(unbounded).Meets(0.5));
        Assert.Null(RequirementSolver.RequiredPerCallAvailability(unbounded, ModelParameters.Default, 0.99));

        var declared = CallTree.Declared(unbounded, 12);
        Assert.Equal("98.81 %", Percent.Format(Evaluate(declared).Availability!.Value));
        Assert.Equal(12, Evaluate(declared).MaxCalls);
    }

    [Fact]
    public void Latency_sums_in_sequence_takes_the_max_in_parallel_and_counts_retries_but_not_hedges()
    {
        var call = CallTree.Call("openai");
        Assert.Equal(2400, Evaluate(Calls(3)).LatencyP99Ms);
        Assert.Equal(800, Evaluate(CallTree.Parallel(call, call, call)).LatencyP99Ms);
        Assert.Equal(4000, Evaluate(CallTree.Loop(call, 0, 5)).LatencyP99Ms);
        Assert.Equal(800, Evaluate(CallTree.Loop(call, 0, 5, concurrent: true)).LatencyP99Ms);
        Assert.Equal((800 * 3) + (1000 * 2), Evaluate(CallTree.Retry(call, 2)).LatencyP99Ms);
        Assert.Equal(800, Evaluate(CallTree.Hedge(call, 2, 300)).LatencyP99Ms);
        Assert.Equal(1600, Evaluate(CallTree.Fallback(call, CallTree.Call("anthropic"))).LatencyP99Ms);
        Assert.Equal(2400, Evaluate(CallTree.Branch(call, Calls(3))).LatencyP99Ms);

        // A fine-tuned model's cold start is added once per task, however often the model is called.
        var tuned = CallTree.Call("openai", "ft:gpt-4o-mini:acme", fineTuned: true);
        Assert.Equal(800 + 4600, Evaluate(tuned).LatencyP99Ms);
        Assert.Equal((3 * 800) + 4600, Evaluate(CallTree.Sequence(tuned, tuned, tuned)).LatencyP99Ms);

        var perProvider = new ModelParameters(providers: new Dictionary<string, ProviderParameters> { ["anthropic"] = new ProviderParameters(callLatencyP99Ms: 1200) });
        Assert.Equal(2000, Evaluate(CallTree.Sequence(call, CallTree.Call("anthropic")), perProvider).LatencyP99Ms);
    }

    [Fact]
    public void A_10000_deep_chain_of_sequences_and_loops_evaluates_iteratively()
    {
        const int depth = 10_000;
        var tree = CallTree.Call("openai");
        for (int i = 0; i < depth; i++)
        {
            tree = i % 2 == 0 ? CallTree.Loop(tree, 1, 1) : CallTree.Sequence(CallTree.Call("openai"), tree);
        }

        TaskEstimate? estimate = null;
        var watch = Stopwatch.StartNew();
        RunOnSmallStack(() => estimate = Evaluate(tree));
        watch.Stop();

        long calls = 1 + (depth / 2);
        Assert.Equal(calls, estimate!.MaxCalls);
        Assert.Equal(calls, estimate.MinCalls);
        Assert.Equal(Math.Pow(0.999, calls), estimate.Availability!.Value, 1e-9);
        Assert.Equal(depth + (depth / 2) + 1, tree.DescendantsAndSelf().Count());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), watch.Elapsed.ToString());
    }

    [Fact]
    public void A_10000_deep_chain_of_every_node_kind_evaluates_iteratively()
    {
        var parameters = new ModelParameters(providerOutage: 0.001);
        var tree = CallTree.Call("openai");
        for (int i = 0; i < 10_000; i++)
        {
            tree = (i % 9) switch
            {
                0 => CallTree.Sequence(CallTree.Call("openai"), tree),
                1 => CallTree.Parallel(tree, CallTree.Call("anthropic")),
                2 => CallTree.Loop(tree, 0, 1),
                3 => CallTree.Retry(tree, 1),
                4 => CallTree.Hedge(tree, 1),
                5 => CallTree.Fallback(tree, CallTree.Call("google")),
                6 => CallTree.Branch(tree, CallTree.Call("openai")),
                7 => CallTree.Declared(tree, 3),
                _ => CallTree.Sequence(tree, CallTree.Optional(CallTree.Call("anthropic"))),
            };
        }

        TaskEstimate? estimate = null;
        RunOnSmallStack(() => estimate = Evaluate(tree, parameters));
        Assert.InRange(estimate!.Availability!.Value, 0.0, 1.0);
        Assert.True(estimate.MinCalls <= estimate.MaxCalls);
    }

    [Fact]
    public void A_subtree_shared_by_5000_parents_is_evaluated_once()
    {
        var shared = CallTree.Sequence(CallTree.Call("openai"), CallTree.Retry(CallTree.Call("anthropic"), 2));
        var tree = CallTree.Parallel(Enumerable.Range(0, 5000).Select(_ => CallTree.Loop(shared, 1, 2)));

        var watch = Stopwatch.StartNew();
        var estimate = Evaluate(tree);
        watch.Stop();

        Assert.Equal(5000 * 2 * 4, estimate.MaxCalls);
        Assert.Equal(5000 * 2, estimate.MinCalls);
        double perShared = 0.999 * (1 - AvailabilityMath.FailureWithRetries(0.001, 2, 0.5));
        Assert.Equal(Math.Pow(perShared, 2 * 5000), estimate.Availability!.Value, 1e-9);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), watch.Elapsed.ToString());
    }

    [Fact]
    public void A_dag_of_50_doublings_evaluates_in_linear_time()
    {
        // Each level runs the previous level twice: 2^50 calls in 101 distinct nodes.
        var tree = CallTree.Call("openai");
        for (int i = 0; i < 50; i++)
        {
            var loop = CallTree.Loop(tree, 1, 1);
            tree = CallTree.Sequence(loop, loop);
        }

        var estimate = Evaluate(tree);
        Assert.Equal(1L << 50, estimate.MaxCalls);
        Assert.Equal(0.0, estimate.Availability!.Value);
    }

    [Fact]
    public void A_call_graph_of_60_doublings_keeps_each_callee_sequence_once()
    {
        // As the analyzer composes M0 { M1(); M1(); } … M59 { M60(); M60(); } M60 { call }: each caller holds its callee's
        // tree entered through a frame. Splicing copies of the callee's parts into each caller would make 2^60 nodes;
        // the callee's sequence stays one shared child, so there are two nodes per level.
        var tree = CallTree.Call("openai");
        for (int i = 59; i >= 0; i--)
        {
            tree = CallTree.Sequence(
                tree.WithFrame(new MethodFrame("Doubling.M" + (i + 1), new NodePlace("/src/Doubling.cs", i + 1, null))),
                tree.WithFrame(new MethodFrame("Doubling.M" + (i + 1), new NodePlace("/src/Doubling.cs", i + 1, null))));
        }

        Assert.Equal(1 + (2 * 60), tree.DescendantsAndSelf().Count());
        TaskEstimate? estimate = null;
        RunOnSmallStack(() => estimate = Evaluate(tree));
        Assert.Equal(1L << 60, estimate!.MaxCalls);
        Assert.Equal(1L << 60, estimate.EssentialCalls);
        Assert.Equal(0.0, estimate.Availability!.Value);

        var explanation = AvailabilityExplainer.Explain(tree, ModelParameters.Default);
        Assert.Equal(1 + (2 * 60), explanation.Steps.Count);
        var retried = CallTreeRewriter.Rewrite(tree, n => n is CallNode ? CallTree.Retry(n, 1) : null);
        Assert.Equal(1L << 61, Evaluate(retried).MaxCalls);
        Assert.Equal(1 + (2 * 60) + 2, retried.DescendantsAndSelf().Count()); // a retry around each of the two calls
    }

    /// <summary>Runs <paramref name="action"/> on a 256 KB stack: a recursive evaluator would overflow it at 10,000 levels.</summary>
    private static void RunOnSmallStack(Action action)
    {
        Exception? error = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    action();
                }
                catch (Exception e)
                {
                    error = e;
                }
            },
            256 * 1024);
        thread.Start();
        thread.Join();
        if (error is not null)
        {
            throw new InvalidOperationException("Failed on a small stack", error);
        }
    }
}
