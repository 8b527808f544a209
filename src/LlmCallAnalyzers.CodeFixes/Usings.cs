using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LlmCallAnalyzers.CodeFixes;

/// <summary>
/// Adds a <c>using</c> directive where the file keeps its usings (top level or in its namespace), in order (System
/// first), keeping a file header above it. Used for extension methods such as <c>Take</c>, which name-based import
/// adding cannot see before the directive exists.
/// </summary>
internal static class Usings
{
    public static CompilationUnitSyntax Add(CompilationUnitSyntax unit, string ns, string endOfLine)
    {
        var directive = SyntaxFactory.ParseCompilationUnit("using " + ns + ";" + endOfLine).Usings[0];
        if (unit.Usings.Count == 0 && unit.Members.OfType<BaseNamespaceDeclarationSyntax>().FirstOrDefault(n => n.Usings.Count > 0) is { } inNamespace)
        {
            return unit.ReplaceNode(inNamespace, inNamespace.WithUsings(Insert(inNamespace.Usings, directive, ns)));
        }

        if (unit.Usings.Count > 0)
        {
            return unit.WithUsings(Insert(unit.Usings, directive, ns));
        }

        // No usings at all: the directive goes first, with the file's leading comments above it and a blank line after.
        // The blank line goes before the first member, so that later directives sort in above it.
        var leading = unit.GetLeadingTrivia();
        directive = directive.WithLeadingTrivia(leading).WithTrailingTrivia(SyntaxFactory.EndOfLine(endOfLine));
        if (unit.Members.FirstOrDefault() is { } first)
        {
            unit = unit.ReplaceNode(first, first.WithLeadingTrivia(SyntaxFactory.EndOfLine(endOfLine)));
        }
        else
        {
            unit = unit.WithLeadingTrivia(SyntaxFactory.TriviaList());
        }

        return unit.WithUsings(SyntaxFactory.SingletonList(directive));
    }

    private static SyntaxList<UsingDirectiveSyntax> Insert(SyntaxList<UsingDirectiveSyntax> usings, UsingDirectiveSyntax directive, string ns)
    {
        var plain = usings.Where(u => u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None) && u.GlobalKeyword.IsKind(SyntaxKind.None) && u.Name is not null).ToList();
        int index = usings.Count;
        foreach (var existing in plain)
        {
            if (Compare(ns, existing.Name!.ToString()) < 0)
            {
                index = usings.IndexOf(existing);
                break;
            }
        }

        if (index == usings.Count && plain.Count > 0)
        {
            index = usings.IndexOf(plain.Last()) + 1;
        }

        string indentation = usings[0].GetLeadingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).ToString();
        directive = directive.WithLeadingTrivia(SyntaxFactory.Whitespace(indentation));
        if (index == 0)
        {
            // Keep a file header (the first using's leading comments) above the new first directive.
            var first = usings[0];
            directive = directive.WithLeadingTrivia(first.GetLeadingTrivia());
            usings = usings.Replace(first, first.WithLeadingTrivia(SyntaxFactory.Whitespace(indentation)));
        }

        return usings.Insert(index, directive);
    }

    private static int Compare(string a, string b)
    {
        bool systemA = a == "System" || a.StartsWith("System.", StringComparison.Ordinal);
        bool systemB = b == "System" || b.StartsWith("System.", StringComparison.Ordinal);
        if (systemA != systemB)
        {
            return systemA ? -1 : 1;
        }

        return string.Compare(a, b, StringComparison.OrdinalIgnoreCase);
    }
}
