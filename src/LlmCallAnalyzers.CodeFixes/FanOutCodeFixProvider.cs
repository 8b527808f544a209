using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LlmCallAnalyzers.Analyzers;
using LlmCallAnalyzers.Analyzers.Analysis;
using LlmCallAnalyzers.Model.Contracts;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace LlmCallAnalyzers.CodeFixes;

/// <summary>
/// LLM002 (unbounded fan-out on a task path): declare the method's bound with <c>[FanOut(n)]</c> ("Declare at most n
/// calls"), or, for a <c>foreach</c> over an <c>IEnumerable&lt;T&gt;</c>, enumerate at most ten items with
/// <c>.Take(10)</c>. n is the method's calls with the loop (or recursion) stopped where the code suggests — a
/// <c>counter &lt; limit</c> condition, an <c>if (counter &gt;= limit) break;</c>, a <c>depth</c> parameter compared
/// with a constant or a parameter's default — or else after ten iterations (ten levels), which the title says.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(FanOutCodeFixProvider)), Shared]
public sealed class FanOutCodeFixProvider : CodeFixProvider
{
    /// <summary>The items a <c>.Take(n)</c> fix keeps and the iterations assumed when the code suggests none.</summary>
    public const int DefaultBound = 10;

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UnboundedFanOut);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => LlmFixAllProvider.Create(FixAsync, FixKeys.DeclareFanOut);

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
            var diagnostics = ImmutableArray.Create(diagnostic);
            if (PlanFanOut(root, model, diagnostic, context.CancellationToken) is { } fanOut)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(fanOut.Title, ct => FixAsync(document, diagnostics, FixKeys.DeclareFanOut, ct), FixKeys.DeclareFanOut),
                    diagnostic);
            }

            if (PlanTake(root, model, diagnostic, context.CancellationToken) is { } forEach)
            {
                string source = forEach.Expression.ToString();
                string title = $"Take at most {DefaultBound} items from '{(source.Length > 40 ? source.Substring(0, 37) + "…" : source)}'";
                context.RegisterCodeFix(
                    CodeAction.Create(title, ct => FixAsync(document, diagnostics, FixKeys.TakeAtMost, ct), FixKeys.TakeAtMost),
                    diagnostic);
            }
        }
    }

    private sealed class FanOutPlan
    {
        public FanOutPlan(BaseMethodDeclarationSyntax method, long bound, string title)
        {
            Method = method;
            Bound = bound;
            Title = title;
        }

        public BaseMethodDeclarationSyntax Method { get; }

        public long Bound { get; }

        public string Title { get; }
    }

    /// <summary>The loop statement or recursive invocation the diagnostic is on.</summary>
    private static SyntaxNode? SourceOf(SyntaxNode root, Diagnostic diagnostic)
        => diagnostic.Location.SourceTree == root.SyntaxTree ? SuggestedIterations.SourceAt(root, diagnostic.Location.SourceSpan) : null;

    private static FanOutPlan? PlanFanOut(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (model.Compilation.GetTypeByMetadataName(AttributeNames.FanOut) is null
            || SourceOf(root, diagnostic) is not { } source
            || SuggestedIterations.EnclosingMethod(source) is not { } method
            || HasFanOut(model, method, cancellationToken))
        {
            return null;
        }

        // The bound and what the title says about it are the analyzer's (LLM002 reads them from the code when it reports).
        if (FixSupport.LongProperty(diagnostic, DiagnosticPropertyKeys.SuggestedFanOut) is not long bound || bound <= 0 || bound > int.MaxValue)
        {
            return null;
        }

        long? iterations = FixSupport.LongProperty(diagnostic, DiagnosticPropertyKeys.SuggestedIterations);
        long assumed = FixSupport.LongProperty(diagnostic, DiagnosticPropertyKeys.AssumedIterations) ?? DefaultBound;
        string unit = diagnostic.Properties.ContainsKey(DiagnosticPropertyKeys.Recursive) ? "levels of recursion" : "iterations";
        string why = iterations is long n
            ? $"{n.ToString(CultureInfo.InvariantCulture)} {unit}, as the code suggests"
            : $"assumes at most {assumed.ToString(CultureInfo.InvariantCulture)} {unit}";
        string name = method is MethodDeclarationSyntax m ? m.Identifier.ValueText : ".ctor";
        string title = $"Declare at most {Calls(bound)}: [FanOut({bound.ToString(CultureInfo.InvariantCulture)})] on '{name}' ({why})";
        return new FanOutPlan(method, bound, title);
    }

    private static string Calls(long n) => n == 1 ? "1 call" : n.ToString(CultureInfo.InvariantCulture) + " calls";

    private static bool HasFanOut(SemanticModel model, BaseMethodDeclarationSyntax method, CancellationToken cancellationToken)
        => model.GetDeclaredSymbol(method, cancellationToken) is IMethodSymbol symbol
            && symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == AttributeNames.FanOut);

    private static ForEachStatementSyntax? PlanTake(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (SourceOf(root, diagnostic) is not ForEachStatementSyntax forEach || forEach.AwaitKeyword != default
            || model.Compilation.GetTypeByMetadataName("System.Linq.Enumerable") is null
            || model.Compilation.GetSpecialType(SpecialType.System_Collections_Generic_IEnumerable_T) is not { } enumerable)
        {
            return null;
        }

        var type = model.GetTypeInfo(forEach.Expression, cancellationToken).Type;
        bool isEnumerable = type is not null && (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, enumerable)
            || type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, enumerable)));
        return isEnumerable && type is not IErrorTypeSymbol ? forEach : null;
    }

    internal static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string key, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        string endOfLine = FixSupport.EndOfLine(root);
        var names = new ImportPlan(model);
        SyntaxNode newRoot;
        if (key == FixKeys.TakeAtMost)
        {
            var loops = diagnostics.Select(d => PlanTake(root, model, d, cancellationToken)).OfType<ForEachStatementSyntax>().Distinct().ToList();
            if (loops.Count == 0)
            {
                return document;
            }

            names.Import(loops[0].SpanStart, "System.Linq");
            newRoot = root.ReplaceNodes(loops.Select(l => l.Expression), (original, current) => Take((ExpressionSyntax)current));
        }
        else
        {
            var plans = new Dictionary<SyntaxNode, FanOutPlan>();
            var byMethod = diagnostics.Select(d => PlanFanOut(root, model, d, cancellationToken)).OfType<FanOutPlan>().GroupBy(p => p.Method);
            foreach (var group in byMethod)
            {
                // Several unbounded sources in one method: the figure that assumes the default everywhere covers them all.
                plans[group.Key] = group.Count() == 1 ? group.First() : group.OrderByDescending(p => p.Bound).First();
            }

            if (plans.Count == 0)
            {
                return document;
            }

            var attributes = plans.Keys.ToDictionary(
                m => m,
                m => names.Attribute(m.SpanStart, AttributeNames.Namespace, AttributeNames.FanOutTypeName) + "(" + plans[m].Bound.ToString(CultureInfo.InvariantCulture) + ")");
            newRoot = root.ReplaceNodes(
                plans.Keys,
                (original, current) => FixSupport.AddAttributeList((BaseMethodDeclarationSyntax)current, attributes[original], endOfLine));
        }

        return document.WithSyntaxRoot(names.Apply(newRoot, endOfLine));
    }

    private static ExpressionSyntax Take(ExpressionSyntax source)
    {
        var receiver = LlmCallFinder.IsPrimary(source) ? source.WithoutTrivia() : SyntaxFactory.ParenthesizedExpression(source.WithoutTrivia());
        var take = SyntaxFactory.ParseExpression(receiver.ToFullString() + ".Take(" + DefaultBound.ToString(CultureInfo.InvariantCulture) + ")");
        return take.WithTriviaFrom(source);
    }
}
