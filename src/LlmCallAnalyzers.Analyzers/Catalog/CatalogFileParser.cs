using System;
using System.Collections.Generic;
using System.Globalization;
using LlmCallAnalyzers.Model.Contracts;

namespace LlmCallAnalyzers.Analyzers.Catalog;

/// <summary>
/// Parses <c>llm-calls*.txt</c> (one <c>Namespace.Type::Method</c> a line, optionally followed by a provider key;
/// <c>#</c> starts a comment). Defensive by design: no regular expressions, bounded work per line, every malformed
/// line reported with its number and never an exception (a trailing period once hung vs-threading's equivalent).
/// </summary>
internal static class CatalogFileParser
{
    public const int MaxLineLength = 1024;

    public static bool IsCatalogFile(string path)
    {
        string name = System.IO.Path.GetFileName(path);
        return name.StartsWith("llm-calls", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".txt", StringComparison.OrdinalIgnoreCase);
    }

    public static List<EntryPoint> Parse(string path, string text, List<FileProblem> problems)
    {
        var entries = new List<EntryPoint>();
        int lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            string line = StripComment(rawLine).Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line.Length > MaxLineLength)
            {
                problems.Add(new FileProblem(path, lineNumber, $"line is longer than {MaxLineLength} characters"));
                continue;
            }

            string provider = ProviderKeys.Custom;
            int space = line.IndexOfAny(new[] { ' ', '\t' });
            string member = space > 0 ? line.Substring(0, space) : line;

            // The shape of the entry first: "not a valid line" is a line without 'Type::Method', not a bad provider key.
            int separator = member.IndexOf("::", StringComparison.Ordinal);
            if (separator < 0)
            {
                problems.Add(new FileProblem(path, lineNumber, $"expected 'Namespace.Type::Method', found '{Truncate(line)}'"));
                continue;
            }

            if (space > 0)
            {
                provider = line.Substring(space + 1).Trim().ToLowerInvariant();
                if (!IsIdentifierLike(provider, allowDash: true))
                {
                    problems.Add(new FileProblem(path, lineNumber, $"'{Truncate(provider)}' is not a provider key (letters, digits, '-' or '_')"));
                    continue;
                }
            }

            string typeName = member.Substring(0, separator);
            string methodName = member.Substring(separator + 2);
            if (!IsTypeName(typeName))
            {
                problems.Add(new FileProblem(path, lineNumber, $"'{Truncate(typeName)}' is not a type name (dotted identifiers, '+' for nested types, `N for generic arity)"));
                continue;
            }

            if (!IsIdentifierLike(methodName, allowDash: false))
            {
                problems.Add(new FileProblem(path, lineNumber, $"'{Truncate(methodName)}' is not a method name"));
                continue;
            }

            entries.Add(new EntryPoint(typeName, methodName, provider, System.IO.Path.GetFileName(path), EntryPointKind.Chat));
        }

        return entries;
    }

    private static string StripComment(string line)
    {
        int hash = line.IndexOf('#');
        return (hash >= 0 ? line.Substring(0, hash) : line).TrimEnd('\r');
    }

    private static bool IsTypeName(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        bool expectStart = true;
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (c == '.' || c == '+')
            {
                if (expectStart) return false;
                expectStart = true;
            }
            else if (c == '`')
            {
                if (expectStart || i + 1 >= name.Length || !char.IsDigit(name[i + 1])) return false;
            }
            else if (char.IsLetter(c) || c == '_' || (!expectStart && char.IsDigit(c)))
            {
                expectStart = false;
            }
            else if (char.IsDigit(c) && i > 0 && name[i - 1] == '`')
            {
                // generic arity digits
            }
            else if (char.IsDigit(c) && i > 0 && char.IsDigit(name[i - 1]))
            {
            }
            else
            {
                return false;
            }
        }

        return !expectStart;
    }

    private static bool IsIdentifierLike(string s, bool allowDash)
    {
        if (s.Length == 0 || char.IsDigit(s[0]))
        {
            return false;
        }

        foreach (char c in s)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_' || (allowDash && c == '-')))
            {
                return false;
            }
        }

        return true;
    }

    private static string Truncate(string s) => s.Length <= 80 ? s : s.Substring(0, 80).ToString(CultureInfo.InvariantCulture) + "…";
}
