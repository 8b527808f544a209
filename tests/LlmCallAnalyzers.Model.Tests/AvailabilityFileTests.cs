using CsCheck;
using LlmCallAnalyzers.Model.Contracts;

namespace LlmCallAnalyzers.Model.Tests;

/// <summary>The measured-availability file: what <see cref="AvailabilityFile.Write"/> writes, <see cref="AvailabilityFile.Parse"/> reads.</summary>
public sealed class AvailabilityFileTests
{
    private static readonly Gen<string> Key = Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-._"].Array[1, 12].Select(c => new string(c));

    private static readonly Gen<AvailabilityFileLine> Line = Gen.Select(
        Key, Key.Null(), Gen.Select(Gen.Bool, Gen.Double[1e-6, 1], (has, value) => has ? value : (double?)null), Gen.String.AlphaNumeric,
        (key, model, value, comment) => new AvailabilityFileLine(key, model, value, comment));

    [Fact]
    public void Every_written_figure_reads_back_rounded_down_to_six_decimals()
    {
        Line.List[0, 20].Sample(lines =>
        {
            string text = AvailabilityFile.Write(new[] { "a header line", "# another" }, lines);
            var problems = new List<AvailabilityFileProblem>();
            var read = AvailabilityFile.Parse(text, problems);
            Assert.Empty(problems);

            // The last figure written for a key is the one read.
            var expected = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in lines.Where(l => l.Availability is double a && AvailabilityFile.FormatValue(a) != "0"))
            {
                expected[line.Key] = double.Parse(AvailabilityFile.FormatValue(line.Availability!.Value), System.Globalization.CultureInfo.InvariantCulture);
            }

            var actual = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
            foreach (var (provider, measured) in read.Providers)
            {
                if (measured.Availability is double a) actual[provider] = a;
                foreach (var (model, m) in measured.Models) actual[provider + "/" + model] = m;
            }

            Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase), actual.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase));
            foreach (var (key, value) in expected)
            {
                Assert.True(value <= lines.Last(l => string.Equals(l.Key, key, StringComparison.OrdinalIgnoreCase) && l.Availability is not null).Availability!.Value);
            }
        });
    }

    [Fact]
    public void A_written_file_starts_with_its_version_and_the_default_key_round_trips()
    {
        string text = AvailabilityFile.Write(Array.Empty<string>(), new[]
        {
            new AvailabilityFileLine(AvailabilityFile.DefaultKey, null, 0.9991, null),
            new AvailabilityFileLine(ProviderKeys.OpenAI, "gpt-4o-mini", 0.99871234, "1000 calls"),
            new AvailabilityFileLine(ProviderKeys.Anthropic, null, null, "only 3 calls; not used"),
        });

        Assert.StartsWith(AvailabilityFile.VersionPrefix + AvailabilityFile.CurrentVersion + Environment.NewLine, text);
        Assert.Contains("openai/gpt-4o-mini = 0.998712   # 1000 calls", text);
        Assert.Contains("# anthropic: only 3 calls; not used", text);
        var read = AvailabilityFile.Parse(text, new List<AvailabilityFileProblem>());
        Assert.Equal(0.9991, read.Default);
        Assert.Equal(0.998712, read.Providers["OpenAI"].Models["GPT-4o-mini"]);
        Assert.False(read.Providers.ContainsKey(ProviderKeys.Anthropic));
    }

    [Fact]
    public void A_newer_version_is_reported_and_not_used_and_bad_lines_are_reported_by_number()
    {
        var problems = new List<AvailabilityFileProblem>();
        var newer = AvailabilityFile.Parse(AvailabilityFile.VersionPrefix + "2\nopenai = 0.9\n", problems);
        Assert.Same(MeasuredAvailability.None, newer);
        Assert.Contains("format version 2", Assert.Single(problems).Message);

        problems.Clear();
        var read = AvailabilityFile.Parse("openai = 0.999\nanthropic 0.99\nollama = 1.5\n/m = 0.9\n", problems);
        Assert.Equal(new[] { 2, 3, 4 }, problems.Select(p => p.Line));
        Assert.Equal(0.999, read.Providers["openai"].Availability);
    }

    [Fact]
    public void File_names_the_analyzer_reads()
    {
        Assert.True(AvailabilityFile.IsAvailabilityFile("/repo/LLM-Availability.prod.TXT"));
        Assert.False(AvailabilityFile.IsAvailabilityFile("/repo/availability.txt"));
        Assert.False(AvailabilityFile.IsAvailabilityFile("/repo/llm-availability.json"));
    }
}
