// LLM003's related locations, read from the build's SARIF log by ../analyzer-consumer.sh: a task reached through three
// methods, with a loop, a retry and ten call-free branches. A line marked with two slashes, "related: LLM003 Research"
// must be one of the relatedLocations of the LLM003 reported on 'Research', and each of them must be marked; the one
// marked "largest" must come first and be the one the message names.
// A line that must carry a diagnostic ends with an expect marker (two slashes, "expect:", the IDs); every other line must carry none.
using System.Threading.Tasks;
using LlmCallAnalyzers;
using Microsoft.Extensions.AI;
using Polly;
using Polly.Retry;

namespace Consumer;

public sealed class Related
{
    private static readonly ResiliencePipeline Retry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 2 })
        .Build();

    private readonly IChatClient _client;

    public Related(IChatClient client) => _client = client;

    [TaskSlo(0.999)]
    public async Task<string> Research(string topic, int mode) // expect: LLM003
    {
        var plan = await _client.GetResponseAsync("plan " + topic); // related: LLM003 Research
        return plan.Text + await Gather(topic, mode);
    }

    private async Task<string> Gather(string topic, int mode)
    {
        string notes = string.Empty;
        for (int i = 0; i < 5; i++) // related: LLM003 Research largest
        {
            notes += await Answer(topic + " " + i, mode); // expect: LLM001
        }

        return notes;
    }

    private async Task<string> Answer(string question, int mode)
    {
        string prompt;
        switch (mode)
        {
            case 0: prompt = question; break;
            case 1: prompt = question.Trim(); break;
            case 2: prompt = question.ToUpperInvariant(); break;
            case 3: prompt = question.ToLowerInvariant(); break;
            case 4: prompt = "Briefly: " + question; break;
            case 5: prompt = "In detail: " + question; break;
            case 6: prompt = question + "?"; break;
            case 7: prompt = question.Replace(' ', '_'); break;
            case 8: prompt = question.Length > 40 ? question.Substring(0, 40) : question; break;
            default: prompt = "Answer: " + question; break;
        }

        var answer = await Retry.ExecuteAsync(async ct => await _client.GetResponseAsync(prompt, cancellationToken: ct)); // related: LLM003 Research
        var check = await _client.GetResponseAsync("check " + answer.Text); // related: LLM003 Research
        return answer.Text + check.Text;
    }
}
