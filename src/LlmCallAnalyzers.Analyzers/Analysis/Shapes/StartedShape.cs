namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// Work whose task is started and not awaited where it starts (stored in a local, a field or a list, discarded, or
/// polled later). Consecutive started tasks run concurrently (<see cref="ShapeSequence"/> joins them into one
/// parallel group), and a loop whose body only starts tasks runs its iterations concurrently. Every call counts.
/// </summary>
internal sealed class StartedShape : Shape
{
    public StartedShape(Shape body) => Body = body;

    public Shape Body { get; }
}
