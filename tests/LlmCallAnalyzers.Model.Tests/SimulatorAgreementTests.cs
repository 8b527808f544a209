using CsCheck;
using LlmCallAnalyzers.Model;
using Xunit.Abstractions;

namespace LlmCallAnalyzers.Model.Tests;

/// <summary>
/// The closed form (<see cref="CallTreeEvaluator"/>) and the Monte Carlo simulation (<see cref="MonteCarloSimulator"/>)
/// are written independently; over random trees they must agree within sampling error. Trees and simulator seeds are
/// drawn from fixed seeds so that the statistical test is reproducible (a 3σ test over random seeds would fail now and
/// then by chance alone).
/// </summary>
public class SimulatorAgreementTests
{
    private const int Runs = 20_000;
    private const double Floor = 0.002;

    private readonly ITestOutputHelper _output;

    public SimulatorAgreementTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Closed_form_lies_within_3_sigma_of_the_simulation_for_trees_without_branches()
        => Agree(CallTreeGen.Tree(maxDepth: 3, branches: false), CallTreeGen.Parameters, trees: 45, seed: 20170401);

    [Fact]
    public void Closed_form_lies_within_3_sigma_of_the_simulation_with_branches_when_there_are_no_outages()
    {
        // With outages, a branch counts the outage of every arm's providers (a safe lower bound) while the simulator
        // takes the one worst arm; without outages the two agree exactly.
        var parameters = CallTreeGen.Parameters.Select(p => new ModelParameters(p.CallAvailability, p.RetryRecoverable, 0));
        Agree(CallTreeGen.Tree(maxDepth: 3, branches: true), parameters, trees: 30, seed: 4201);
    }

    [Fact]
    public void With_branches_and_outages_the_closed_form_is_a_lower_bound_of_the_simulation()
    {
        // A branch counts the outages of every arm's providers; the simulator runs the least available arm only.
        var pcg = new PCG(5, 77);
        var gen = Gen.Select(CallTreeGen.Tree(maxDepth: 3, branches: true), CallTreeGen.Parameters);
        for (int i = 0; i < 25; i++)
        {
            var (tree, parameters) = gen.Generate(pcg, null, out _);
            var (z, message) = Compare(tree, parameters, 500 + i);
            Assert.True(double.IsNaN(z) || z <= 3, message);
        }
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.2)]
    public void Closed_form_matches_the_simulation_on_nested_retries_fallbacks_and_outages(double outage)
    {
        // The cases where the transient share of a failure matters: nested retries, a retry of a fallback, a fallback
        // to the same provider after a retry; and outages under fallbacks. Large failure and outage rates make any
        // disagreement visible.
        var p = new ModelParameters(0.8, 0.5, outage, providers: new Dictionary<string, ProviderParameters> { ["google"] = new ProviderParameters(0.9, outage / 2) });
        var a = CallTree.Call("openai");
        var b = CallTree.Call("anthropic");
        var trees = new[]
        {
            CallTree.Retry(CallTree.Retry(a, 1), 1),
            CallTree.Retry(CallTree.Retry(CallTree.Sequence(a, a), 2), 2),
            CallTree.Retry(CallTree.Fallback(a, b), 2),
            CallTree.Retry(CallTree.Fallback(a, a), 1),
            CallTree.Fallback(CallTree.Retry(a, 2), a),
            CallTree.Fallback(a, CallTree.Retry(a, 2)),
            CallTree.Hedge(CallTree.Parallel(a, a, b), 1),
            CallTree.Retry(CallTree.Loop(a, 3, 3, concurrent: true), 1),
            CallTree.Retry(CallTree.Sequence(CallTree.Optional(a), a), 1),
            CallTree.Fallback(CallTree.Sequence(a, b), CallTree.Call("google")),
            CallTree.Sequence(a, CallTree.Fallback(b, a)),
            CallTree.Retry(CallTree.Declared(CallTree.Sequence(a, b), 3), 1),
            CallTree.Declared(CallTree.Fallback(a, b), 2),
            CallTree.Retry(CallTree.Fallback(CallTree.Call("google"), a), 2),
            CallTree.Retry(CallTree.Retry(CallTree.Fallback(CallTree.Call("google"), a), 2), 2),
            CallTree.Sequence(CallTree.Fallback(a, b), CallTree.Fallback(b, CallTree.Call("google")), CallTree.Optional(a)),
            CallTree.Fallback(CallTree.Fallback(a, b), CallTree.Retry(CallTree.Call("google"), 1)),
            CallTree.Fallback(CallTree.Declared(CallTree.Empty, 2), b),
        };
        int seed = 1;
        foreach (var tree in trees)
        {
            var (z, message) = Compare(tree, p, seed++);
            Assert.True(Math.Abs(z) <= 3, message);
        }
    }

    private void Agree(Gen<CallTree> treeGen, Gen<ModelParameters> parametersGen, int trees, ulong seed)
    {
        var pcg = new PCG(17, seed);
        var gen = Gen.Select(treeGen, parametersGen);
        double sumZ = 0;
        int compared = 0;
        var failures = new List<string>();
        for (int i = 0; i < trees; i++)
        {
            var (tree, parameters) = gen.Generate(pcg, null, out _);
            var (z, message) = Compare(tree, parameters, 1000 + i);
            if (double.IsNaN(z))
            {
                continue;
            }

            compared++;
            sumZ += z;
            if (Math.Abs(z) > 3)
            {
                failures.Add(message);
            }
        }

        double meanZ = sumZ / Math.Sqrt(compared);
        _output.WriteLine($"{compared} trees compared; Σz/√n = {meanZ:F2}");
        Assert.True(failures.Count == 0, string.Join("\n", failures));

        // A systematic bias smaller than 3σ per tree still shows in the sum: Σz/√n is standard normal when unbiased.
        Assert.InRange(meanZ, -4.0, 4.0);
    }

    /// <summary>
    /// The closed form's deviation from the simulation in units of the tolerance's σ: |z| ≤ 3 means within
    /// max(3σ, <see cref="Floor"/>). NaN when the tree is unbounded.
    /// </summary>
    private static (double Z, string Message) Compare(CallTree tree, ModelParameters parameters, int seed)
    {
        var estimate = new CallTreeEvaluator(parameters).EvaluateTask(tree);
        if (estimate.Availability is not double p)
        {
            return (double.NaN, "");
        }

        var simulation = new MonteCarloSimulator(parameters, seed).Run(tree, Runs);
        double sigma = Math.Max(Math.Sqrt(p * (1 - p) / Runs), Floor / 3);
        double z = (p - simulation.SuccessRate) / sigma;
        string message = $"closed form {p:F5} vs simulated {simulation.SuccessRate:F5} (z = {z:F1}) for {tree} | {CallTreeGen.Print(parameters)}";

        // The simulator's request counts never exceed the closed form's maximum.
        Assert.True(simulation.CallQuantile(1.0) <= estimate.MaxCalls, "simulated requests exceed MaxCalls: " + message);
        return (z, message);
    }
}
