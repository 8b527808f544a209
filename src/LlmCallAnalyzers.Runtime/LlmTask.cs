using System;
using System.Threading.Tasks;

namespace LlmCallAnalyzers.Runtime;

/// <summary>
/// Entry points of the task scope: wrap each user task so that the LLM calls it makes are counted, traced and
/// checked against the build's estimate.
/// </summary>
/// <example>
/// <code>
/// string answer = await LlmTask.RunAsync("Shop.Support.AnswerAsync", async () =>
/// {
///     ChatResponse response = await chatClient.GetResponseAsync(question);
///     return response.Text;
/// });
/// </code>
/// </example>
public static class LlmTask
{
    /// <summary>The innermost task running on this asynchronous flow, or null outside any task.</summary>
    public static LlmTaskScope? Current => LlmTaskScope.CurrentScope;

    /// <summary>
    /// How often <see cref="EstimateExceeded"/> and the <c>llm.task.estimate_exceeded</c> span event are raised at most,
    /// per task name and limit kind (default one minute). The <c>llm.task.estimate_exceeded</c> counter counts every
    /// exceeding task regardless.
    /// </summary>
    public static TimeSpan EstimateExceededInterval
    {
        get => EstimateExceededRateLimiter.Interval;
        set => EstimateExceededRateLimiter.Interval = value < TimeSpan.Zero ? TimeSpan.Zero : value;
    }

    /// <summary>
    /// Raised (rate-limited per task name, see <see cref="EstimateExceededInterval"/>) when a task makes more calls
    /// than its embedded estimate or its declared <c>[FanOut]</c>. Exceptions thrown by handlers are swallowed.
    /// </summary>
    public static event EventHandler<LlmTaskEstimateExceededEventArgs>? EstimateExceeded
    {
        add => EstimateExceededRateLimiter.AddHandler(value);
        remove => EstimateExceededRateLimiter.RemoveHandler(value);
    }

    /// <summary>
    /// Starts a task and makes it <see cref="Current"/> until the returned scope is disposed. For code that cannot
    /// wrap a lambda; call <see cref="LlmTaskScope.MarkFailed"/> before disposing when the task failed.
    /// </summary>
    /// <param name="name">The task name, <c>Namespace.Type.Method</c> (the analyzer's convention).</param>
    /// <returns>The scope; dispose it where the task ends.</returns>
    /// <example>
    /// <code>
    /// using LlmTaskScope task = LlmTask.Start("Shop.Support.Answer");
    /// try { ... } catch (Exception ex) { task.MarkFailed(ex); throw; }
    /// </code>
    /// </example>
    public static LlmTaskScope Start(string name)
    {
        if (name is null)
        {
            throw new ArgumentNullException(nameof(name));
        }

        return new LlmTaskScope(name);
    }

    /// <summary>Runs <paramref name="body"/> as the task <paramref name="name"/>.</summary>
    /// <param name="name">The task name, <c>Namespace.Type.Method</c>.</param>
    /// <param name="body">The task. An exception that escapes it fails the task and is rethrown unchanged.</param>
    /// <returns>The task's completion.</returns>
    public static async Task RunAsync(string name, Func<Task> body)
    {
        if (body is null)
        {
            throw new ArgumentNullException(nameof(body));
        }

        using LlmTaskScope scope = Start(name);
        try
        {
            await body().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            scope.MarkFailed(ex);
            throw;
        }
    }

    /// <summary>Runs <paramref name="body"/> as the task <paramref name="name"/> and returns its result.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="name">The task name, <c>Namespace.Type.Method</c>.</param>
    /// <param name="body">The task. An exception that escapes it fails the task and is rethrown unchanged.</param>
    /// <returns>The body's result.</returns>
    public static async Task<T> RunAsync<T>(string name, Func<Task<T>> body)
    {
        if (body is null)
        {
            throw new ArgumentNullException(nameof(body));
        }

        using LlmTaskScope scope = Start(name);
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            scope.MarkFailed(ex);
            throw;
        }
    }
}
