namespace LlmCallAnalyzers.Model.Contracts;

/// <summary>A line of a measured-availability file that <see cref="AvailabilityFile.Parse"/> could not use.</summary>
public readonly struct AvailabilityFileProblem
{
    /// <summary>Creates the problem.</summary>
    public AvailabilityFileProblem(int line, string message)
    {
        Line = line;
        Message = message;
    }

    /// <summary>The 1-based line.</summary>
    public int Line { get; }

    /// <summary>What is wrong.</summary>
    public string Message { get; }
}
