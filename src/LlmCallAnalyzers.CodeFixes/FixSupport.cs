using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using LlmCallAnalyzers.Analyzers.Analysis;
using LlmCallAnalyzers.Analyzers.Catalog;
using LlmCallAnalyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LlmCallAnalyzers.CodeFixes;

/// <summary>What every fix needs: the analyzer's call-site catalog, its model parameters, clean-up and trivia helpers.</summary>
internal static class FixSupport
{
    private static readonly ConditionalWeakTable<Compilation, CallSiteCatalog> Catalogs = new();

    /// <summary>
    /// The analyzer's own catalog for the document's compilation (SDK entry points, <c>[LlmCall]</c> wrappers and the
    /// project's <c>llm-calls*.txt</c> additional files, read by the analyzer's own <see cref="CompilationInputs"/>), so
    /// that a fix recognizes exactly the calls the analyzer counts.
    /// </summary>
    public static CallSiteCatalog CatalogFor(Project project, Compilation compilation, CancellationToken cancellationToken)
    {
        if (Catalogs.TryGetValue(compilation, out var cached))
        {
            return cached;
        }

        var inputs = CompilationInputs.Read(project.AnalyzerOptions, cancellationToken);
        var catalog = CallSiteCatalog.Create(compilation, inputs.ExtraEntries);
        return Catalogs.GetValue(compilation, _ => catalog);
    }

    /// <summary>
    /// The model parameters the analyzer uses for <paramref name="tree"/>: its .editorconfig / .globalconfig values and
    /// the project's measured-availability file.
    /// </summary>
    public static ModelParameters ParametersFor(Project project, SyntaxTree tree, CancellationToken cancellationToken)
    {
        var options = project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(tree);
        var measured = CompilationInputs.Read(project.AnalyzerOptions, cancellationToken).Measured;
        return ModelOptions.Read(options, measured, new List<ConfigurationProblem>());
    }

    /// <summary>The end-of-line sequence the document already uses.</summary>
    public static string EndOfLine(SyntaxNode root)
    {
        foreach (var trivia in root.DescendantTrivia())
        {
            if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
            {
                return trivia.ToString();
            }
        }

        return "\n";
    }

    /// <summary>The whitespace before the first token of <paramref name="node"/> on its line.</summary>
    public static string IndentationOf(SyntaxNode node)
    {
        var token = node.GetFirstToken();
        var text = token.SyntaxTree?.GetText();
        if (text is null)
        {
            return string.Empty;
        }

        var line = text.Lines.GetLineFromPosition(token.SpanStart);
        var prefix = text.ToString(Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(line.Start, token.SpanStart));
        return prefix.All(char.IsWhiteSpace) ? prefix : new string(prefix.TakeWhile(char.IsWhiteSpace).ToArray());
    }

    /// <summary>One indentation step as the document uses it (four spaces unless tabs are in use).</summary>
    public static string IndentUnit(string indentation) => indentation.StartsWith("\t", StringComparison.Ordinal) ? "\t" : "    ";

    /// <summary>The indentation of the members of <paramref name="type"/>.</summary>
    public static string MemberIndentation(TypeDeclarationSyntax type)
    {
        var first = type.Members.FirstOrDefault();
        if (first is not null)
        {
            return IndentationOf(first);
        }

        string typeIndentation = IndentationOf(type);
        return typeIndentation + IndentUnit(typeIndentation);
    }

    /// <summary>
    /// Adds <paramref name="attributeText"/> as an attribute list of its own on the line above the declaration, after
    /// any existing attribute lists, keeping the declaration's comments and indentation.
    /// </summary>
    public static T AddAttributeList<T>(T declaration, string attributeText, string endOfLine)
        where T : MemberDeclarationSyntax
    {
        string indentation = IndentationOf(declaration);
        var parsed = SyntaxFactory.ParseCompilationUnit("[" + attributeText + "]" + endOfLine + "class C { }");
        var list = parsed.Members.OfType<ClassDeclarationSyntax>().FirstOrDefault()?.AttributeLists.FirstOrDefault()
            ?? throw new InvalidOperationException("Attribute text does not parse: " + attributeText);
        list = list.WithLeadingTrivia(SyntaxFactory.Whitespace(indentation)).WithTrailingTrivia(SyntaxFactory.EndOfLine(endOfLine));
        if (declaration.AttributeLists.Count > 0)
        {
            return (T)declaration.WithAttributeLists(declaration.AttributeLists.Add(list));
        }

        // No attributes yet: the declaration's leading trivia (doc comments) moves above the new list.
        var leading = declaration.GetLeadingTrivia();
        var withoutLeading = declaration.WithLeadingTrivia(SyntaxFactory.Whitespace(indentation));
        list = list.WithLeadingTrivia(leading);
        return (T)withoutLeading.WithAttributeLists(SyntaxFactory.SingletonList(list));
    }

    /// <summary>A name not yet used by any member of <paramref name="type"/> (or its bases) nor in <paramref name="taken"/>.</summary>
    public static string UniqueMemberName(INamedTypeSymbol type, IEnumerable<string> candidates, ISet<string> taken)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var t = type; t is not null; t = t.BaseType)
        {
            used.UnionWith(t.MemberNames);
        }

        used.UnionWith(taken);
        string? last = null;
        foreach (var candidate in candidates)
        {
            last = candidate;
            if (!used.Contains(candidate))
            {
                return candidate;
            }
        }

        for (int i = 2; ; i++)
        {
            string numbered = (last ?? "Member") + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!used.Contains(numbered))
            {
                return numbered;
            }
        }
    }

    /// <summary>The method or constructor declaration that contains <paramref name="node"/>.</summary>
    public static BaseMethodDeclarationSyntax? EnclosingMethod(SyntaxNode node) => SuggestedIterations.EnclosingMethod(node);

    /// <summary>Reads an invariant-culture double property of a diagnostic.</summary>
    public static double? DoubleProperty(Diagnostic diagnostic, string key)
        => diagnostic.Properties.TryGetValue(key, out var text) && text is not null
            && double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>Reads an invariant-culture integer property of a diagnostic.</summary>
    public static long? LongProperty(Diagnostic diagnostic, string key)
        => diagnostic.Properties.TryGetValue(key, out var text) && text is not null
            && long.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;
}
