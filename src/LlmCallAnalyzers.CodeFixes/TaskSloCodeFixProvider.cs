using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LlmCallAnalyzers.Analyzers;
using LlmCallAnalyzers.Model.Contracts;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace LlmCallAnalyzers.CodeFixes;

/// <summary>
/// LLM003 (a task's composed availability is below its <c>[TaskSlo]</c>): run each essential LLM call of the task
/// through a Polly retry pipeline (first, so that <c>dotnet format analyzers --diagnostics LLM003</c> applies it), hedge
/// each call, or fall back to a second LLM client of the type. The calls are those of the task method and of the methods
/// of the same type declaration it calls; calls elsewhere are left as they are. Retry and hedging are offered only when
/// Polly.Core is referenced; an existing pipeline of the type with the same strategy is reused.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TaskSloCodeFixProvider)), Shared]
public sealed class TaskSloCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.SloNotMet);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => LlmFixAllProvider.Create(FixAsync, FixKeys.AddRetry);

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var document = context.Document;
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (TaskOf(root, diagnostic) is not { } task)
            {
                continue;
            }

            string name = Name(task);
            var diagnostics = ImmutableArray.Create(diagnostic);
            var retry = PlanPipelines(document, model, new[] { (task, diagnostic) }, PipelineKind.Retry, context.CancellationToken);
            if (retry.Sites.Count > 0)
            {
                string title = retry.Reused is string reused
                    ? $"Run the {Calls(retry.Sites.Count)} of '{name}' through the retry pipeline '{reused}'"
                    : $"Retry the {Calls(retry.Sites.Count)} of '{name}' up to {ResiliencePipelines.RetryAttempts} times with backoff (Polly)";
                context.RegisterCodeFix(CodeAction.Create(title, ct => FixAsync(document, diagnostics, FixKeys.AddRetry, ct), FixKeys.AddRetry), diagnostic);
            }

            var hedging = PlanPipelines(document, model, new[] { (task, diagnostic) }, PipelineKind.Hedging, context.CancellationToken);
            if (hedging.Sites.Count > 0)
            {
                string title = hedging.Reused is string reused
                    ? $"Run the {Calls(hedging.Sites.Count)} of '{name}' through the hedging pipeline '{reused}'"
                    : $"Hedge the {Calls(hedging.Sites.Count)} of '{name}' (Polly, {hedging.Settings!.Reason})";
                context.RegisterCodeFix(CodeAction.Create(title, ct => FixAsync(document, diagnostics, FixKeys.AddHedging, ct), FixKeys.AddHedging), diagnostic);
            }

            var fallback = PlanFallbacks(document, model, new[] { task }, context.CancellationToken);
            if (fallback.Count > 0)
            {
                string title = $"Fall back to '{fallback[0].Alternative}' when an LLM call of '{name}' on '{fallback[0].Primary}' fails";
                context.RegisterCodeFix(CodeAction.Create(title, ct => FixAsync(document, diagnostics, FixKeys.AddFallback, ct), FixKeys.AddFallback), diagnostic);
            }
        }
    }

    private static string Calls(int n) => n == 1 ? "LLM call" : n.ToString(CultureInfo.InvariantCulture) + " LLM calls";

    private static string Name(BaseMethodDeclarationSyntax method) => method is MethodDeclarationSyntax m ? m.Identifier.ValueText : ".ctor";

    private static BaseMethodDeclarationSyntax? TaskOf(SyntaxNode root, Diagnostic diagnostic)
    {
        if (diagnostic.Location.SourceTree != root.SyntaxTree)
        {
            return null;
        }

        var token = root.FindToken(diagnostic.Location.SourceSpan.Start);
        return FixSupport.EnclosingMethod(token.Parent!);
    }

    /// <summary>Applies the fix <paramref name="key"/> for every diagnostic of <paramref name="document"/> at once.</summary>
    internal static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string key, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        var tasks = new List<(BaseMethodDeclarationSyntax, Diagnostic)>();
        foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
        {
            if (TaskOf(root, diagnostic) is { } task && !tasks.Any(t => t.Item1 == task))
            {
                tasks.Add((task, diagnostic));
            }
        }

        string endOfLine = FixSupport.EndOfLine(root);
        var names = new ImportPlan(model);
        SyntaxNode newRoot;
        switch (key)
        {
            case FixKeys.AddHedging:
                newRoot = ApplyPipelines(root, model, names, PlanPipelines(document, model, tasks, PipelineKind.Hedging, cancellationToken, names), endOfLine, cancellationToken);
                break;
            case FixKeys.AddFallback:
                newRoot = ApplyFallbacks(root, PlanFallbacks(document, model, tasks.Select(t => t.Item1), cancellationToken, names), endOfLine);
                break;
            default:
                newRoot = ApplyPipelines(root, model, names, PlanPipelines(document, model, tasks, PipelineKind.Retry, cancellationToken, names), endOfLine, cancellationToken);
                break;
        }

        return newRoot == root ? document : document.WithSyntaxRoot(names.Apply(newRoot, endOfLine));
    }

    /// <summary>The calls to wrap and the pipeline (existing or new) each goes through.</summary>
    private sealed class PipelinePlan
    {
        public List<LlmCallSite> Sites { get; } = new();

        public Dictionary<LlmCallSite, string> PipelineOf { get; } = new();

        /// <summary>New fields per type declaration, in creation order.</summary>
        public Dictionary<TypeDeclarationSyntax, List<string>> NewFields { get; } = new();

        public string? Reused { get; set; }

        public HedgingSettings? Settings { get; set; }
    }

    private static PipelinePlan PlanPipelines(Document document, SemanticModel model, IEnumerable<(BaseMethodDeclarationSyntax Task, Diagnostic Diagnostic)> tasks, PipelineKind kind, CancellationToken cancellationToken, ImportPlan? names = null)
    {
        names ??= new ImportPlan(model);
        var plan = new PipelinePlan();
        var compilation = model.Compilation;
        if (compilation.GetTypeByMetadataName("Polly.ResiliencePipelineBuilder") is null
            || (kind == PipelineKind.Hedging && compilation.GetTypeByMetadataName("Polly.Hedging.HedgingStrategyOptions`1") is null))
        {
            return plan;
        }

        var catalog = FixSupport.CatalogFor(document.Project, compilation, cancellationToken);
        var seen = new HashSet<InvocationExpressionSyntax>();
        var newNames = new HashSet<string>();
        var pipelines = new Dictionary<(TypeDeclarationSyntax, ITypeSymbol?), string>();
        string endOfLine = FixSupport.EndOfLine(model.SyntaxTree.GetRoot(cancellationToken));
        foreach (var (task, diagnostic) in tasks)
        {
            var sites = LlmCallFinder.FindUnprotected(model, catalog, task, cancellationToken)
                .Where(s => s.Member.Parent is TypeDeclarationSyntax && seen.Add(s.Invocation))
                .Where(s => kind == PipelineKind.Retry || PipelineCallRewriter.ResultType(s.Method) is not null)
                .ToList();
            foreach (var group in sites.GroupBy(s => (Type: (TypeDeclarationSyntax)s.Member.Parent!, Result: kind == PipelineKind.Hedging ? PipelineCallRewriter.ResultType(s.Method) : null)))
            {
                var (typeSyntax, resultType) = group.Key;
                if (model.GetDeclaredSymbol(typeSyntax, cancellationToken) is not INamedTypeSymbol type)
                {
                    continue;
                }

                if (!pipelines.TryGetValue((typeSyntax, resultType), out var pipeline))
                {
                    var groupSites = group.ToList();
                    var existing = ResiliencePipelines.FindExisting(model, type, kind, resultType, groupSites, cancellationToken);
                    if (existing is not null)
                    {
                        pipeline = existing.Name;
                        plan.Reused ??= pipeline;
                    }
                    else
                    {
                        string[] candidates = kind == PipelineKind.Retry
                            ? new[] { "RetryPipeline", "LlmRetryPipeline" }
                            : new[] { "HedgingPipeline", resultType!.Name + "HedgingPipeline", "LlmHedgingPipeline" };
                        pipeline = FixSupport.UniqueMemberName(type, candidates, newNames);
                        newNames.Add(pipeline);
                        string indentation = FixSupport.MemberIndentation(typeSyntax);
                        string field;
                        if (kind == PipelineKind.Retry)
                        {
                            field = ResiliencePipelines.RetryFieldText(compilation, names, typeSyntax.OpenBraceToken.Span.End, pipeline, indentation, endOfLine);
                        }
                        else
                        {
                            plan.Settings ??= HedgingSettingsFor(document, model, task, diagnostic, groupSites, cancellationToken);
                            int position = typeSyntax.OpenBraceToken.Span.End;
                            string result = names.Type(position, resultType!);
                            field = ResiliencePipelines.HedgingFieldText(compilation, names, position, pipeline, result, plan.Settings, indentation, endOfLine);
                        }

                        if (!plan.NewFields.TryGetValue(typeSyntax, out var fields))
                        {
                            fields = new List<string>();
                            plan.NewFields[typeSyntax] = fields;
                        }

                        fields.Add(field);
                    }

                    pipelines[(typeSyntax, resultType)] = pipeline;
                }

                foreach (var site in group)
                {
                    plan.Sites.Add(site);
                    plan.PipelineOf[site] = pipeline;
                }
            }
        }

        if (kind == PipelineKind.Hedging && plan.Settings is null && plan.Sites.Count > 0)
        {
            var (task, diagnostic) = tasks.First();
            plan.Settings = HedgingSettingsFor(document, model, task, diagnostic, plan.Sites, cancellationToken);
        }

        return plan;
    }

    private static HedgingSettings HedgingSettingsFor(Document document, SemanticModel model, BaseMethodDeclarationSyntax task, Diagnostic diagnostic, IReadOnlyList<LlmCallSite> sites, CancellationToken cancellationToken)
    {
        var parameters = FixSupport.ParametersFor(document.Project, model.SyntaxTree, cancellationToken);
        double latency = sites.Count == 0 ? parameters.CallLatencyP99Ms : sites.Max(s => parameters.LatencyOf(s.Call.Provider));
        int budget = 0;
        if (model.GetDeclaredSymbol(task, cancellationToken) is IMethodSymbol method)
        {
            foreach (var attribute in method.GetAttributes())
            {
                if (attribute.AttributeClass?.ToDisplayString() == AttributeNames.TaskSlo)
                {
                    foreach (var named in attribute.NamedArguments)
                    {
                        if (named.Key == AttributeNames.LatencyP99Ms && named.Value.Value is int ms)
                        {
                            budget = ms;
                        }
                    }
                }
            }
        }

        long calls = FixSupport.LongProperty(diagnostic, DiagnosticPropertyKeys.EssentialCalls) ?? sites.Count;
        return ResiliencePipelines.HedgingFor(latency, budget, calls);
    }

    private static SyntaxNode ApplyPipelines(SyntaxNode root, SemanticModel model, ImportPlan names, PipelinePlan plan, string endOfLine, CancellationToken cancellationToken)
    {
        if (plan.Sites.Count == 0)
        {
            return root;
        }

        var rewriters = plan.Sites.ToDictionary(s => (SyntaxNode)s.Invocation, s => PipelineCallRewriter.Create(model, names, s, plan.PipelineOf[s], cancellationToken));
        var types = plan.NewFields.Keys.ToList();
        var newRoot = root.ReplaceNodes(
            rewriters.Keys.Concat(types),
            (original, current) =>
            {
                if (rewriters.TryGetValue(original, out var rewriter))
                {
                    return rewriter.Rewrite((InvocationExpressionSyntax)current);
                }

                return AddFields((TypeDeclarationSyntax)current, plan.NewFields[(TypeDeclarationSyntax)original], endOfLine);
            });
        return newRoot;
    }

    /// <summary>Adds the fields after the last field of the type, or before its first member, a blank line apart.</summary>
    private static TypeDeclarationSyntax AddFields(TypeDeclarationSyntax type, List<string> fieldTexts, string endOfLine)
    {
        var fields = fieldTexts
            .Select(text => SyntaxFactory.ParseMemberDeclaration(text)!)
            .ToList();
        var members = type.Members;
        int lastField = -1;
        for (int i = 0; i < members.Count; i++)
        {
            if (members[i] is FieldDeclarationSyntax)
            {
                lastField = i;
            }
        }

        if (lastField >= 0)
        {
            // A blank line between the existing fields and each new one.
            var spaced = fields.Select(f => f.WithLeadingTrivia(f.GetLeadingTrivia().Insert(0, SyntaxFactory.EndOfLine(endOfLine)))).ToList();
            return type.WithMembers(members.InsertRange(lastField + 1, spaced));
        }

        var blankAfter = fields.Select(f => f.WithTrailingTrivia(f.GetTrailingTrivia().Add(SyntaxFactory.EndOfLine(endOfLine)))).ToList();
        return type.WithMembers(members.InsertRange(0, blankAfter));
    }

    private static List<FallbackSite> PlanFallbacks(Document document, SemanticModel model, IEnumerable<BaseMethodDeclarationSyntax> tasks, CancellationToken cancellationToken, ImportPlan? names = null)
    {
        names ??= new ImportPlan(model);
        var result = new List<FallbackSite>();
        var catalog = FixSupport.CatalogFor(document.Project, model.Compilation, cancellationToken);
        var statements = new HashSet<StatementSyntax>();
        foreach (var task in tasks)
        {
            foreach (var site in LlmCallFinder.FindUnprotected(model, catalog, task, cancellationToken))
            {
                if (FallbackRewriter.Plan(model, names, site, cancellationToken) is { } fallback && statements.Add(fallback.Statement))
                {
                    result.Add(fallback);
                }
            }
        }

        // A statement inside another rewritten statement (a lambda body) is left for a later fix.
        return result.Where(f => !result.Any(o => o != f && o.Statement.Span.Contains(f.Statement.Span))).ToList();
    }

    private static SyntaxNode ApplyFallbacks(SyntaxNode root, List<FallbackSite> sites, string endOfLine)
    {
        if (sites.Count == 0)
        {
            return root;
        }

        var byStatement = sites.ToDictionary(s => (SyntaxNode)s.Statement);
        var blocks = sites.Where(s => s.Statement.Parent is BlockSyntax).Select(s => (SyntaxNode)s.Statement.Parent!).Distinct().ToList();
        var embedded = sites.Where(s => s.Statement.Parent is not BlockSyntax).Select(s => (SyntaxNode)s.Statement).ToList();
        return root.ReplaceNodes(
            blocks.Concat(embedded),
            (original, current) =>
            {
                if (original is BlockSyntax originalBlock && blocks.Contains(original))
                {
                    var currentBlock = (BlockSyntax)current;
                    var statements = new List<StatementSyntax>();
                    for (int i = 0; i < originalBlock.Statements.Count; i++)
                    {
                        if (byStatement.TryGetValue(originalBlock.Statements[i], out var site))
                        {
                            statements.AddRange(FallbackRewriter.Rewrite(site, endOfLine));
                        }
                        else
                        {
                            statements.Add(currentBlock.Statements[i]);
                        }
                    }

                    return currentBlock.WithStatements(SyntaxFactory.List(statements));
                }

                return FallbackRewriter.Rewrite(byStatement[original], endOfLine).Single();
            });
    }
}
