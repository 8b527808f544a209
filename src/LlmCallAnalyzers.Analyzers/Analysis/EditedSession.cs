using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// The analysis of a program that differs from an analyzed one by edits inside member bodies of a few files
/// (<see cref="TreeEdit"/>), derived from the analyzed one's session instead of made anew: an editor makes a new compilation at every keystroke,
/// and without this each would summarize again everything its tasks reach (seconds on a large project, where the
/// compiler needs tens of milliseconds for the edited file).
/// </summary>
/// <remarks>
/// <para>
/// The derived session stays in the analyzed program's symbols. The edited files' method, accessor and expression
/// bodies — all those whose summaries carry a place, so that every location they yield lies in the new tree — are bound again from the new text
/// through speculative semantic models of the old file (<see cref="SemanticModel"/>'s
/// <c>TryGetSpeculativeSemanticModel…</c>), the way an IDE binds the body being typed; their summaries replace the old
/// ones. Everything else is the old session's: other files' summaries and members' facts (by delegation), and the trees
/// it composed for methods that reach none of the edited file's methods (copied). Diagnostics about a method of the
/// edited file are placed at its declaration in the new tree.
/// </para>
/// <para>
/// That is the answer a new session would give only if the edit changed nothing the rest of the analysis reads from the
/// edited file. So no session is derived (a new one is made) when the edited body now stores something else in a field
/// or property of the project, stores a lambda in one, or starts or stops having anything to summarize; when the file
/// has top-level statements, a primary constructor passing arguments to its base, a partial method or a lambda in an
/// initializer; when a constructor with an initializer is edited or has calls; or when a body cannot be bound
/// speculatively.
/// </para>
/// </remarks>
internal static class EditedSession
{
    /// <summary>A session for <paramref name="program"/> derived from <paramref name="root"/>'s; null when none may be.</summary>
    /// <param name="root">The session of the program before the edits (made anew).</param>
    /// <param name="program">The edited program.</param>
    /// <param name="edits">The edited files, each from its version in <paramref name="root"/>'s program.</param>
    /// <param name="previous">The session of the keystroke before, if derived from the same root: a file it already bound at the same version is taken from it.</param>
    /// <param name="cancellationToken">Cancels.</param>
    public static TaskAnalysisSession? Derive(TaskAnalysisSession root, Compilation program, IReadOnlyList<TreeEdit> edits, TaskAnalysisSession? previous, CancellationToken cancellationToken)
    {
        var replaced = new Dictionary<ISymbol, OwnerSummary>(SymbolEqualityComparer.Default);
        var changed = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        foreach (var edit in edits)
        {
            if (previous?.Root == root && previous.EditOf(edit.NewTree) is { } seen && seen.OldTree == edit.OldTree)
            {
                foreach (var pair in previous.Store.OwnSummaries)
                {
                    if (pair.Key.DeclaringSyntaxReferences.Any(r => r.SyntaxTree == edit.OldTree))
                    {
                        replaced[pair.Key] = pair.Value;
                        if (pair.Key is IMethodSymbol method)
                        {
                            changed.Add(method);
                        }
                    }
                }
            }
            else if (!Replace(root, edit, replaced, changed, cancellationToken))
            {
                return null;
            }
        }

        var store = new SummaryStore(root.Store, replaced, ModelsFor(root, program, edits));
        var methods = new HashSet<IMethodSymbol>(replaced.Keys.OfType<IMethodSymbol>(), SymbolEqualityComparer.Default);
        return new TaskAnalysisSession(root, program, edits, store, methods, changed);
    }

    /// <summary>
    /// Summarizes again the declarations of one edited file that need it, into <paramref name="replaced"/>, and adds to
    /// <paramref name="changed"/> those whose code the edit is in, unless it had and has nothing to summarize (the
    /// others are the same code bound in the same place: their summaries differ only in where they point); false when
    /// the edit cannot be carried over.
    /// </summary>
    private static bool Replace(TaskAnalysisSession root, TreeEdit edit, Dictionary<ISymbol, OwnerSummary> replaced, HashSet<IMethodSymbol> changed, CancellationToken cancellationToken)
    {
        var newRoot = edit.NewTree.GetRoot(cancellationToken);
        if (!Derivable(newRoot))
        {
            return false;
        }

        var oldModel = root.Store.ModelOf(edit.OldTree);
        foreach (var declaration in CodeDeclarations(newRoot))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (edit.OldNodeFor(declaration, cancellationToken) is not { } old || OldSymbol(oldModel, old, cancellationToken) is not { } method)
            {
                return false;
            }

            // A declaration the edit is not in keeps its summary when nothing in it points into the file (most have no
            // LLM call): then binding it again would change nothing. (The old summary is usually at hand: the edited
            // file was analyzed before the edit.)
            bool edited = edit.Touches(declaration.Span);
            var before = edited ? null : root.Store.Owner(method, null, cancellationToken);
            if (before is not null && PointsIntoNoFile(before))
            {
                continue;
            }

            // A speculative body leaves a constructor's initializer out.
            if (declaration is ConstructorDeclarationSyntax { Initializer: not null }
                || Summarize(root, oldModel, edit, method, old, declaration, cancellationToken) is not { } summary)
            {
                return false;
            }

            // A lambda stored in a member of this compilation is a new symbol now, and what the member holds is read
            // from the old program. (What a member declared in metadata holds — a dictionary's indexer — is never read.)
            if (summary.Assignments.Any(a => IsRead(a) && a.Facts.Delegate is { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction }))
            {
                return false;
            }

            if (edited)
            {
                var was = root.Store.Owner(method, null, cancellationToken);
                if (!Equivalent(was, summary))
                {
                    return false;
                }

                if (!PointsIntoNoFile(was) || !PointsIntoNoFile(summary))
                {
                    changed.Add(method.OriginalDefinition);
                }
            }

            replaced[method.OriginalDefinition] = summary;
        }

        return true;
    }

    /// <summary>Files whose code this class can bind again: no top-level statements, no code outside member bodies that could hold a lambda.</summary>
    private static bool Derivable(SyntaxNode root)
    {
        foreach (var node in root.DescendantNodes(n => n is not (BlockSyntax or ArrowExpressionClauseSyntax)))
        {
            switch (node)
            {
                case GlobalStatementSyntax:
                case PrimaryConstructorBaseTypeSyntax:
                case MethodDeclarationSyntax method when method.Modifiers.Any(SyntaxKind.PartialKeyword):
                case EqualsValueClauseSyntax initializer when initializer.Value.DescendantNodesAndSelf().Any(n => n is AnonymousFunctionExpressionSyntax):
                    return false;
            }
        }

        return true;
    }

    /// <summary>The declarations of the new tree whose code is summarized as a method: methods, constructors, operators, accessors, expression-bodied properties.</summary>
    private static IEnumerable<SyntaxNode> CodeDeclarations(SyntaxNode root)
    {
        foreach (var node in root.DescendantNodes(n => n is not (BlockSyntax or ArrowExpressionClauseSyntax)))
        {
            switch (node)
            {
                case BaseMethodDeclarationSyntax method when method.Body is not null || method.ExpressionBody is not null || method is ConstructorDeclarationSyntax { Initializer: not null }:
                case AccessorDeclarationSyntax accessor when accessor.Body is not null || accessor.ExpressionBody is not null:
                case BasePropertyDeclarationSyntax property when ExpressionBodyOf(property) is not null:
                    yield return node;
                    break;
            }
        }
    }

    private static ArrowExpressionClauseSyntax? ExpressionBodyOf(SyntaxNode node) => node switch
    {
        BaseMethodDeclarationSyntax method => method.ExpressionBody,
        AccessorDeclarationSyntax accessor => accessor.ExpressionBody,
        PropertyDeclarationSyntax property => property.ExpressionBody,
        IndexerDeclarationSyntax indexer => indexer.ExpressionBody,
        _ => null,
    };

    /// <summary>The old program's symbol for a declaration of the old tree (the getter of an expression-bodied property).</summary>
    private static IMethodSymbol? OldSymbol(SemanticModel oldModel, SyntaxNode old, CancellationToken cancellationToken)
        => oldModel.GetDeclaredSymbol(old, cancellationToken) switch
        {
            IPropertySymbol property => property.GetMethod,
            IMethodSymbol method => method,
            _ => null,
        };

    /// <summary>Whether nothing of a summary carries a place: no method summary (its name is where diagnostics go), no stored lambda with calls.</summary>
    private static bool PointsIntoNoFile(OwnerSummary summary) => summary.Summary is null && summary.DelegateBodies.All(body => body.Shape.IsEmpty);

    /// <summary>One declaration of the new tree summarized in the old program's symbols; null when it cannot be bound.</summary>
    private static OwnerSummary? Summarize(TaskAnalysisSession root, SemanticModel oldModel, TreeEdit edit, IMethodSymbol method, SyntaxNode old, SyntaxNode declaration, CancellationToken cancellationToken)
    {
        if (SpeculativeBlock(oldModel, old, declaration, cancellationToken) is not { } block)
        {
            return null;
        }

        var location = method.Locations.FirstOrDefault(l => l.SourceTree == edit.OldTree) is { } declaredAt ? edit.ToNew(declaredAt) : null;
        return root.Store.Summarizer.Summarize(method, new[] { block }, edit.OldTree, location);
    }

    /// <summary>
    /// The new code of a declaration bound in the old file's place; null when the compiler cannot bind it so. (A
    /// speculative model answers for the body, not for the declaration: the body's block is what is summarized.)
    /// </summary>
    private static IOperation? SpeculativeBlock(SemanticModel oldModel, SyntaxNode old, SyntaxNode declaration, CancellationToken cancellationToken)
    {
        SemanticModel? speculative;
        SyntaxNode code;
        if (ExpressionBodyOf(declaration) is { } arrow && ExpressionBodyOf(old) is { } oldArrow)
        {
            code = arrow;
            if (!oldModel.TryGetSpeculativeSemanticModel(oldArrow.Expression.SpanStart, arrow, out speculative))
            {
                return null;
            }
        }
        else if (declaration is BaseMethodDeclarationSyntax { Body: { } body } method && old is BaseMethodDeclarationSyntax { Body: { } oldBody })
        {
            code = body;
            if (!oldModel.TryGetSpeculativeSemanticModelForMethodBody(oldBody.SpanStart, method, out speculative))
            {
                return null;
            }
        }
        else if (declaration is AccessorDeclarationSyntax { Body: { } accessorBody } accessor && old is AccessorDeclarationSyntax { Body: { } oldAccessorBody })
        {
            code = accessorBody;
            if (!oldModel.TryGetSpeculativeSemanticModelForMethodBody(oldAccessorBody.SpanStart, accessor, out speculative))
            {
                return null;
            }
        }
        else
        {
            return null;
        }

        return speculative?.GetOperation(code, cancellationToken);
    }

    /// <summary>Whether two summaries of one declaration say the same to the rest of the analysis: whether it has a summary, and what it stores in members.</summary>
    private static bool Equivalent(OwnerSummary before, OwnerSummary after)
    {
        var read = before.Assignments.Where(IsRead).ToList();
        var readAfter = after.Assignments.Where(IsRead).ToList();
        if ((before.Summary is null) != (after.Summary is null) || read.Count != readAfter.Count)
        {
            return false;
        }

        for (int i = 0; i < read.Count; i++)
        {
            if (!SymbolEqualityComparer.Default.Equals(read[i].Member, readAfter[i].Member) || !SameFacts(read[i].Facts, readAfter[i].Facts))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the analysis reads what an assignment stores: only for members declared in source (see <see cref="MemberFactIndex"/>).</summary>
    private static bool IsRead(MemberFact assignment) => !assignment.Member.DeclaringSyntaxReferences.IsEmpty;

    private static bool SameFacts(ValueFacts x, ValueFacts y)
        => x.HiddenMaxCalls == y.HiddenMaxCalls
            && x.HiddenReason == y.HiddenReason
            && x.RetryAttempts == y.RetryAttempts
            && x.HedgedAttempts == y.HedgedAttempts
            && x.HedgingDelayMs.Equals(y.HedgingDelayMs)
            && x.StringConstant == y.StringConstant
            && x.ModelId == y.ModelId
            && SymbolEqualityComparer.Default.Equals(x.AliasOf, y.AliasOf)
            && SymbolEqualityComparer.Default.Equals(x.Delegate, y.Delegate)
            && x.Orchestration is null && y.Orchestration is null;

    /// <summary>Semantic models for the derived store: the edited files' new trees in the edited compilation (for code fixes' hints), else the old session's.</summary>
    private static Func<SyntaxTree, SemanticModel> ModelsFor(TaskAnalysisSession root, Compilation program, IReadOnlyList<TreeEdit> edits)
    {
        var models = SemanticModelSummaries.ModelsOf(program);
        var kept = new Dictionary<SyntaxTree, SemanticModel>(); // written here, only read afterwards
        foreach (var edit in edits)
        {
            kept[edit.NewTree] = models(edit.NewTree); // made now, bound only where asked
        }

        return tree => kept.TryGetValue(tree, out var model) ? model : root.Store.ModelOf(tree);
    }
}
