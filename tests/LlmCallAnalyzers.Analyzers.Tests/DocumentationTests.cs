using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmCallAnalyzers.Analyzers.Tests;

/// <summary>
/// Keeps the documentation honest: every diagnostic any analyzer of the package can report has a help link that
/// resolves to a page in docs/rules, that page names the rule's title and documents its configuration, the README's
/// rule table has a row for it, and the release-tracking files list it with its real category and severity.
/// </summary>
public class DocumentationTests
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    public static TheoryData<string> RuleIds()
    {
        var data = new TheoryData<string>();
        foreach (var id in AllDescriptors().Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal))
        {
            data.Add(id);
        }

        return data;
    }

    [Fact]
    public void Every_analyzer_of_the_package_is_found()
    {
        var analyzers = Analyzers().Select(a => a.GetType().Name).ToList();
        Assert.Contains(nameof(LlmTaskAnalyzer), analyzers);
        Assert.Contains(nameof(AttributeArgumentAnalyzer), analyzers);
        Assert.True(AllDescriptors().Select(d => d.Id).Distinct().Count() >= 9, "expected LLM001 to LLM009");
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Help_link_points_at_the_rule_page_and_the_page_exists(string id)
    {
        foreach (var descriptor in DescriptorsOf(id))
        {
            Assert.EndsWith($"docs/rules/{id}.md", descriptor.HelpLinkUri, StringComparison.Ordinal);
        }

        Assert.True(File.Exists(RulePage(id)), $"missing {RulePage(id)}");
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_page_names_the_title_and_has_a_configuration_section(string id)
    {
        string page = File.ReadAllText(RulePage(id));
        foreach (var descriptor in DescriptorsOf(id))
        {
            string title = descriptor.Title.ToString(CultureInfo.InvariantCulture);
            Assert.True(page.Contains(title, StringComparison.Ordinal), $"docs/rules/{id}.md does not contain the title '{title}'");
        }

        Assert.Matches(new Regex(@"^## Configuration\s*$", RegexOptions.Multiline), page);
        Assert.Contains($"dotnet_diagnostic.{id}.severity", page, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Readme_rule_table_has_a_row_with_the_category_and_severity(string id)
    {
        var rows = File.ReadAllLines(Path.Combine(Root.Value, "README.md"))
            .Where(line => line.StartsWith($"| [{id}]", StringComparison.Ordinal) || line.StartsWith($"| {id} ", StringComparison.Ordinal))
            .ToList();
        string row = Assert.Single(rows);
        var cells = row.Split('|').Select(c => c.Trim()).ToList();
        foreach (var descriptor in DescriptorsOf(id))
        {
            Assert.Contains(descriptor.Title.ToString(CultureInfo.InvariantCulture), cells);
            Assert.Contains(descriptor.Category, cells);
            Assert.Contains(ReleaseSeverity(descriptor), cells);
        }
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Release_tracking_lists_the_rule_with_its_category_and_severity(string id)
    {
        var released = ReleasedRules();
        Assert.True(released.TryGetValue(id, out var entry), $"{id} is in neither AnalyzerReleases.Shipped.md nor AnalyzerReleases.Unshipped.md");
        foreach (var descriptor in DescriptorsOf(id))
        {
            Assert.Equal(descriptor.Category, entry.Category);
            Assert.Equal(ReleaseSeverity(descriptor), entry.Severity);
        }
    }

    [Fact]
    public void Every_rule_page_belongs_to_a_rule()
    {
        var ids = AllDescriptors().Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var pages = Directory.GetFiles(Path.Combine(Root.Value, "docs", "rules"), "*.md").Select(Path.GetFileNameWithoutExtension);
        Assert.All(pages, page => Assert.Contains(page!, ids));
    }

    private static string RulePage(string id) => Path.Combine(Root.Value, "docs", "rules", id + ".md");

    private static IEnumerable<DiagnosticAnalyzer> Analyzers()
        => typeof(LlmTaskAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!);

    private static IEnumerable<DiagnosticDescriptor> AllDescriptors() => Analyzers().SelectMany(a => a.SupportedDiagnostics);

    private static List<DiagnosticDescriptor> DescriptorsOf(string id)
    {
        var descriptors = AllDescriptors().Where(d => d.Id == id).ToList();
        Assert.NotEmpty(descriptors);
        return descriptors;
    }

    /// <summary>The severity as release tracking writes it: Hidden, Info, Warning, Error, or Disabled when off by default.</summary>
    private static string ReleaseSeverity(DiagnosticDescriptor descriptor)
        => descriptor.IsEnabledByDefault ? descriptor.DefaultSeverity.ToString() : "Disabled";

    /// <summary>
    /// The current category and severity of each rule per the release-tracking files: Shipped releases in order, then
    /// Unshipped; "New Rules" and "Changed Rules" set them (for a change, the new values come first), "Removed Rules"
    /// removes the rule.
    /// </summary>
    private static Dictionary<string, (string Category, string Severity)> ReleasedRules()
    {
        var rules = new Dictionary<string, (string Category, string Severity)>(StringComparer.Ordinal);
        string folder = Path.Combine(Root.Value, "src", "LlmCallAnalyzers.Analyzers");
        foreach (var file in new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" })
        {
            string path = Path.Combine(folder, file);
            if (!File.Exists(path))
            {
                continue;
            }

            string section = string.Empty;
            foreach (var raw in File.ReadAllLines(path))
            {
                string line = raw.Trim();
                if (line.StartsWith("###", StringComparison.Ordinal))
                {
                    section = line.TrimStart('#').Trim();
                    continue;
                }

                var cells = line.Split('|').Select(c => c.Trim()).ToArray();
                if (line.StartsWith(';') || cells.Length < 3 || cells[0] == "Rule ID" || cells[0].StartsWith('-'))
                {
                    continue;
                }

                if (section.StartsWith("Removed", StringComparison.OrdinalIgnoreCase))
                {
                    rules.Remove(cells[0]);
                }
                else
                {
                    rules[cells[0]] = (cells[1], cells[2]);
                }
            }
        }

        return rules;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LlmCallAnalyzers.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("LlmCallAnalyzers.sln not found above " + AppContext.BaseDirectory);
    }
}
