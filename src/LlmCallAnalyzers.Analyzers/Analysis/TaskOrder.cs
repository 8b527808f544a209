using System;
using System.Collections.Generic;
using System.Linq;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// The order in which tasks are named when several reach the same code: by task name, then (overloads) by file and
/// position. Total and independent of the order anything was analyzed in.
/// </summary>
internal sealed class TaskOrder : IComparer<MethodSummary>
{
    public static readonly TaskOrder Instance = new();

    public int Compare(MethodSummary? x, MethodSummary? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        int byName = string.CompareOrdinal(x.TaskName, y.TaskName);
        if (byName != 0)
        {
            return byName;
        }

        var xl = x.Method.Locations.FirstOrDefault();
        var yl = y.Method.Locations.FirstOrDefault();
        int byFile = string.CompareOrdinal(xl?.SourceTree?.FilePath, yl?.SourceTree?.FilePath);
        return byFile != 0 ? byFile : (xl?.SourceSpan.Start ?? 0).CompareTo(yl?.SourceSpan.Start ?? 0);
    }
}
