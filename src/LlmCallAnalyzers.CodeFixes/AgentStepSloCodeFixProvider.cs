using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LlmCallAnalyzers.Analyzers;
using LlmCallAnalyzers.Model;
using LlmCallAnalyzers.Model.Contracts;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace LlmCallAnalyzers.CodeFixes;

/// <summary>
/// LLM006 (an agent step makes LLM calls with no SLO on it or any caller): declare <c>[TaskSlo(x)]</c> with x the
/// step's currently composed availability rounded down to the next 0.001, so that the SLO holds today and any change
/// that lowers the availability (one more call, a lost retry) shows up as LLM003.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AgentStepSloCodeFixProvider)), Shared]
public sealed class AgentStepSloCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.AgentStepWithoutSlo);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => LlmFixAllProvider.Create(FixAsync, FixKeys.AddTaskSlo);

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model?.Compilation.GetTypeByMetadataName(AttributeNames.TaskSlo) is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (MethodOf(root, diagnostic) is not MethodDeclarationSyntax method || SloFor(diagnostic) is not double slo)
            {
                continue;
            }

            string title = $"Declare [TaskSlo({Literal(slo)})] on '{method.Identifier.ValueText}' (its composed availability {Percent.Format(FixSupport.DoubleProperty(diagnostic, DiagnosticPropertyKeys.Availability)!.Value)}, rounded down)";
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => FixAsync(context.Document, ImmutableArray.Create(diagnostic), FixKeys.AddTaskSlo, ct), FixKeys.AddTaskSlo),
                diagnostic);
        }
    }

    /// <summary>The composed availability rounded down to the next 0.001; null when unknown or below 0.001.</summary>
    internal static double? SloFor(Diagnostic diagnostic)
    {
        if (FixSupport.DoubleProperty(diagnostic, DiagnosticPropertyKeys.Availability) is not double availability || availability <= 0 || availability > 1)
        {
            return null;
        }

        // Rounded in decimal so that 0.998 stays 0.998 (0.998 * 1000 is 997.9999… in binary).
        decimal rounded = Math.Floor((decimal)availability * 1000m) / 1000m;
        return rounded > 0 ? (double)rounded : null;
    }

    internal static string Literal(double slo)
    {
        string text = slo.ToString("0.0##", CultureInfo.InvariantCulture);
        return text;
    }

    private static BaseMethodDeclarationSyntax? MethodOf(SyntaxNode root, Diagnostic diagnostic)
        => diagnostic.Location.SourceTree == root.SyntaxTree ? FixSupport.EnclosingMethod(root.FindToken(diagnostic.Location.SourceSpan.Start).Parent!) : null;

    internal static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string key, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var targets = new Dictionary<SyntaxNode, double>();
        foreach (var diagnostic in diagnostics)
        {
            if (MethodOf(root, diagnostic) is MethodDeclarationSyntax method && SloFor(diagnostic) is double slo && !targets.ContainsKey(method))
            {
                targets[method] = slo;
            }
        }

        if (targets.Count == 0)
        {
            return document;
        }

        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (model is null)
        {
            return document;
        }

        string endOfLine = FixSupport.EndOfLine(root);
        var names = new ImportPlan(model);
        var attributes = targets.Keys.ToDictionary(m => m, m => names.Attribute(m.SpanStart, AttributeNames.Namespace, AttributeNames.TaskSloTypeName) + "(" + Literal(targets[m]) + ")");
        var newRoot = root.ReplaceNodes(
            targets.Keys,
            (original, current) => FixSupport.AddAttributeList((MethodDeclarationSyntax)current, attributes[original], endOfLine));
        return document.WithSyntaxRoot(names.Apply(newRoot, endOfLine));
    }
}
