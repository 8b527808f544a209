using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LlmCallAnalyzers.CodeFixes;

/// <summary>
/// Finds a Polly pipeline a type already has and writes the static readonly field of a new one. The field initializer is
/// written so that the analyzer reads it: <c>AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 3, … })</c> or
/// <c>AddHedging(new HedgingStrategyOptions&lt;T&gt; { MaxHedgedAttempts = n, Delay = TimeSpan.FromMilliseconds(x) })</c>.
/// </summary>
internal static class ResiliencePipelines
{
    /// <summary>Retries of the generated retry pipeline (Polly's default too).</summary>
    public const int RetryAttempts = 3;

    /// <summary>
    /// Timeout of one attempt. LLM completions routinely take tens of seconds, so the 10 s attempt / 30 s total defaults
    /// of HTTP resilience handlers would cut off healthy answers; 100 s is the OpenAI .NET SDK's own network timeout.
    /// </summary>
    public const int AttemptTimeoutSeconds = 100;

    /// <summary>
    /// A field or property of <paramref name="type"/> (or an accessible base) holding a pipeline built with the strategy,
    /// for result type <paramref name="resultType"/> when hedging; null when there is none usable from every site.
    /// </summary>
    public static ISymbol? FindExisting(SemanticModel model, INamedTypeSymbol type, PipelineKind kind, ITypeSymbol? resultType, IReadOnlyList<LlmCallSite> sites, CancellationToken cancellationToken)
    {
        string strategy = kind == PipelineKind.Retry ? "AddRetry" : "AddHedging";
        for (var t = type; t is not null; t = t.BaseType)
        {
            foreach (var member in t.GetMembers())
            {
                var memberType = member switch
                {
                    IFieldSymbol f => f.Type,
                    IPropertySymbol p => p.Type,
                    _ => null,
                };

                if (memberType is not INamedTypeSymbol named || !LlmCallFinder.IsResiliencePipeline(named))
                {
                    continue;
                }

                bool generic = named.TypeArguments.Length == 1;
                if (kind == PipelineKind.Retry && generic)
                {
                    continue;
                }

                if (kind == PipelineKind.Hedging && (!generic || resultType is null || !SymbolEqualityComparer.Default.Equals(named.TypeArguments[0], resultType)))
                {
                    continue;
                }

                if (!member.IsStatic && sites.Any(s => s.Member.Modifiers.Any(m => m.ValueText == "static")))
                {
                    continue;
                }

                if (sites.Any(s => !model.IsAccessible(s.Invocation.SpanStart, member)))
                {
                    continue;
                }

                if (InitializerUses(member, strategy, cancellationToken))
                {
                    return member;
                }
            }
        }

        return null;
    }

    private static bool InitializerUses(ISymbol member, string strategy, CancellationToken cancellationToken)
    {
        foreach (var reference in member.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax(cancellationToken);
            SyntaxNode? initializer = syntax switch
            {
                VariableDeclaratorSyntax v => v.Initializer,
                PropertyDeclarationSyntax p => (SyntaxNode?)p.Initializer ?? p.ExpressionBody,
                _ => null,
            };

            if (initializer is not null && initializer.DescendantNodes().OfType<SimpleNameSyntax>().Any(n => n.Identifier.ValueText == strategy))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The exception types that count as transient, as far as the compilation references them.</summary>
    public static List<string> TransientHandlers(Compilation compilation, ImportPlan names, int position)
    {
        var handlers = new List<string>();
        if (compilation.GetTypeByMetadataName("System.Net.Http.HttpRequestException") is not null)
        {
            handlers.Add(".Handle<" + names.Name(position, "System.Net.Http", "HttpRequestException") + ">()");
        }

        handlers.Add(".Handle<" + names.Name(position, "Polly.Timeout", "TimeoutRejectedException") + ">()");
        if (compilation.GetTypeByMetadataName("System.ClientModel.ClientResultException") is not null)
        {
            // OpenAI, Azure OpenAI and other System.ClientModel SDKs: throttling and server errors only.
            handlers.Add(".Handle<" + names.Name(position, "System.ClientModel", "ClientResultException") + ">(e => e.Status == 408 || e.Status == 429 || e.Status >= 500)");
        }

        if (compilation.GetTypeByMetadataName("Azure.RequestFailedException") is not null)
        {
            handlers.Add(".Handle<" + names.Name(position, "Azure", "RequestFailedException") + ">(e => e.Status == 408 || e.Status == 429 || e.Status >= 500)");
        }

        return handlers;
    }

    /// <summary>The text of a <c>private static readonly ResiliencePipeline</c> field with a retry strategy.</summary>
    public static string RetryFieldText(Compilation compilation, ImportPlan names, int position, string name, string indentation, string endOfLine)
    {
        names.Import(position, "Polly"); // AddRetry, AddTimeout
        string timeSpan = names.Name(position, "System", "TimeSpan");
        string unit = FixSupport.IndentUnit(indentation);
        string i1 = indentation + unit, i2 = i1 + unit, i3 = i2 + unit;
        var text = new StringBuilder();
        text.Append(indentation).Append("// Retries transient failures of LLM calls (LLM003): ").Append(RetryAttempts.ToString(CultureInfo.InvariantCulture))
            .Append(" retries, exponential backoff with jitter, ").Append(AttemptTimeoutSeconds.ToString(CultureInfo.InvariantCulture)).Append(" s per attempt.").Append(endOfLine);
        text.Append(indentation).Append("private static readonly ").Append(names.Name(position, "Polly", "ResiliencePipeline")).Append(' ').Append(name).Append(" = new ").Append(names.Name(position, "Polly", "ResiliencePipelineBuilder")).Append("()").Append(endOfLine);
        text.Append(i1).Append(".AddRetry(new ").Append(names.Name(position, "Polly.Retry", "RetryStrategyOptions")).Append(endOfLine);
        text.Append(i1).Append('{').Append(endOfLine);
        text.Append(i2).Append("ShouldHandle = new ").Append(names.Name(position, "Polly", "PredicateBuilder")).Append("()").Append(endOfLine);
        AppendHandlers(text, TransientHandlers(compilation, names, position), i3, endOfLine);
        text.Append(i2).Append("MaxRetryAttempts = ").Append(RetryAttempts.ToString(CultureInfo.InvariantCulture)).Append(',').Append(endOfLine);
        text.Append(i2).Append("BackoffType = ").Append(names.Name(position, "Polly", "DelayBackoffType")).Append(".Exponential,").Append(endOfLine);
        text.Append(i2).Append("UseJitter = true,").Append(endOfLine);
        text.Append(i2).Append("Delay = ").Append(timeSpan).Append(".FromSeconds(1),").Append(endOfLine);
        text.Append(i1).Append("})").Append(endOfLine);
        text.Append(i1).Append(".AddTimeout(").Append(timeSpan).Append(".FromSeconds(").Append(AttemptTimeoutSeconds.ToString(CultureInfo.InvariantCulture)).Append("))").Append(endOfLine);
        text.Append(i1).Append(".Build();").Append(endOfLine);
        return text.ToString();
    }

    /// <summary>The text of a <c>private static readonly ResiliencePipeline&lt;T&gt;</c> field with a hedging strategy.</summary>
    public static string HedgingFieldText(Compilation compilation, ImportPlan names, int position, string name, string resultType, HedgingSettings settings, string indentation, string endOfLine)
    {
        names.Import(position, "Polly"); // AddHedging, AddTimeout
        string timeSpan = names.Name(position, "System", "TimeSpan");
        string unit = FixSupport.IndentUnit(indentation);
        string i1 = indentation + unit, i2 = i1 + unit, i3 = i2 + unit;
        var text = new StringBuilder();
        text.Append(indentation).Append("// Hedges LLM calls (LLM003): ").Append(settings.Reason).Append("; ")
            .Append(AttemptTimeoutSeconds.ToString(CultureInfo.InvariantCulture)).Append(" s per attempt.").Append(endOfLine);
        text.Append(indentation).Append("private static readonly ").Append(names.Name(position, "Polly", "ResiliencePipeline", 1)).Append('<').Append(resultType).Append("> ").Append(name)
            .Append(" = new ").Append(names.Name(position, "Polly", "ResiliencePipelineBuilder", 1)).Append('<').Append(resultType).Append(">()").Append(endOfLine);
        text.Append(i1).Append(".AddHedging(new ").Append(names.Name(position, "Polly.Hedging", "HedgingStrategyOptions", 1)).Append('<').Append(resultType).Append('>').Append(endOfLine);
        text.Append(i1).Append('{').Append(endOfLine);
        text.Append(i2).Append("ShouldHandle = new ").Append(names.Name(position, "Polly", "PredicateBuilder", 1)).Append('<').Append(resultType).Append(">()").Append(endOfLine);
        AppendHandlers(text, TransientHandlers(compilation, names, position), i3, endOfLine);
        text.Append(i2).Append("MaxHedgedAttempts = ").Append(settings.MaxHedgedAttempts.ToString(CultureInfo.InvariantCulture)).Append(',').Append(endOfLine);
        text.Append(i2).Append("Delay = ").Append(timeSpan).Append(".FromMilliseconds(").Append(settings.DelayMs.ToString(CultureInfo.InvariantCulture)).Append("),").Append(endOfLine);
        text.Append(i1).Append("})").Append(endOfLine);
        text.Append(i1).Append(".AddTimeout(").Append(timeSpan).Append(".FromSeconds(").Append(AttemptTimeoutSeconds.ToString(CultureInfo.InvariantCulture)).Append("))").Append(endOfLine);
        text.Append(i1).Append(".Build();").Append(endOfLine);
        return text.ToString();
    }

    private static void AppendHandlers(StringBuilder text, List<string> handlers, string indentation, string endOfLine)
    {
        for (int i = 0; i < handlers.Count; i++)
        {
            text.Append(indentation).Append(handlers[i]).Append(i == handlers.Count - 1 ? "," : string.Empty).Append(endOfLine);
        }
    }

    /// <summary>
    /// Hedging tuned from the latency budget: with no <c>LatencyP99Ms</c>, one hedged attempt after the p99 latency of
    /// one call (only the slowest ~1 % of calls are duplicated). With a budget, each of the task's calls gets an equal
    /// share b; when b leaves room for a second call after the delay (b &gt; p99) the hedge starts at b − p99 (at most
    /// p99); otherwise two hedged attempts start at b / 2 and b. Delays are rounded down to 100 ms, at least 100 ms.
    /// </summary>
    public static HedgingSettings HedgingFor(double callLatencyP99Ms, int latencyBudgetMs, long essentialCalls)
    {
        int p99 = RoundDown(callLatencyP99Ms);
        if (latencyBudgetMs <= 0 || essentialCalls <= 0)
        {
            return new HedgingSettings(1, p99, "1 hedged attempt after " + Ms(p99) + " (the p99 of one call)");
        }

        double share = (double)latencyBudgetMs / essentialCalls;
        if (share > callLatencyP99Ms)
        {
            int delay = RoundDown(System.Math.Min(callLatencyP99Ms, share - callLatencyP99Ms));
            return new HedgingSettings(1, delay, "1 hedged attempt after " + Ms(delay) + " so that it can finish within the " + Ms(RoundDown(share)) + " share of LatencyP99Ms per call");
        }

        int half = RoundDown(share / 2);
        return new HedgingSettings(2, half, "2 hedged attempts " + Ms(half) + " apart, as one call's p99 exceeds its " + Ms(RoundDown(share)) + " share of LatencyP99Ms");
    }

    private static int RoundDown(double ms) => System.Math.Max(100, (int)(System.Math.Floor(ms / 100) * 100));

    private static string Ms(int ms) => ms.ToString(CultureInfo.InvariantCulture) + " ms";
}
