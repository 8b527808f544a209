using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace LlmCallAnalyzers.Model.Contracts;

/// <summary>
/// How an <see cref="EmbeddedEstimate"/> is written into an assembly and read back: the attribute
/// <c>[assembly: LlmCallAnalyzers.LlmTaskEstimate(task, minCalls, maxCalls, availability, slo, DeclaredFanOut = n,
/// LatencyP99Ms = ms)]</c>. The analyzer's generator writes it with <see cref="Render"/>; the runtime (reflection) and
/// <c>llmslo confirm</c> (System.Reflection.Metadata) decode it with <see cref="Decode"/>.
/// </summary>
public static class EmbeddedEstimateAttribute
{
    /// <summary>The attribute's namespace.</summary>
    public const string Namespace = AttributeNames.Namespace;

    /// <summary>The attribute's type name.</summary>
    public const string TypeName = "LlmTaskEstimateAttribute";

    /// <summary>The attribute's full (metadata) name.</summary>
    public const string FullName = Namespace + "." + TypeName;

    /// <summary>The named argument carrying <see cref="EmbeddedEstimate.DeclaredFanOut"/>.</summary>
    public const string DeclaredFanOutArgument = "DeclaredFanOut";

    /// <summary>The named argument carrying <see cref="EmbeddedEstimate.LatencyP99Ms"/>.</summary>
    public const string LatencyP99MsArgument = AttributeNames.LatencyP99Ms;

    /// <summary>The number of constructor arguments: task, minCalls, maxCalls, availability, slo.</summary>
    public const int ConstructorArgumentCount = 5;

    /// <summary>The assembly that defines the attribute.</summary>
    public const string AttributesAssemblyName = AttributeNames.Assembly;

    /// <summary>
    /// Decodes one attribute from its constructor argument values and named arguments (as reflection or
    /// System.Reflection.Metadata give them); null when they do not have the attribute's shape.
    /// </summary>
    public static EmbeddedEstimate? Decode(IReadOnlyList<object?> constructorArguments, IEnumerable<KeyValuePair<string, object?>> namedArguments)
    {
        if (constructorArguments is null || constructorArguments.Count != ConstructorArgumentCount
            || constructorArguments[0] is not string task
            || constructorArguments[1] is not int min
            || constructorArguments[2] is not int max
            || constructorArguments[3] is not double availability
            || constructorArguments[4] is not double slo)
        {
            return null;
        }

        int fanOut = -1, latency = 0;
        foreach (var named in namedArguments ?? Array.Empty<KeyValuePair<string, object?>>())
        {
            if (named.Key == DeclaredFanOutArgument && named.Value is int f)
            {
                fanOut = f;
            }
            else if (named.Key == LatencyP99MsArgument && named.Value is int l)
            {
                latency = l;
            }
        }

        return new EmbeddedEstimate(task, min, max, availability, slo, fanOut, latency);
    }

    /// <summary>The C# source of the attribute for <paramref name="estimate"/> (one line, no line break).</summary>
    public static string Render(EmbeddedEstimate estimate)
    {
        if (estimate is null) throw new ArgumentNullException(nameof(estimate));
        var sb = new StringBuilder();
        string name = estimate.Task.Replace("\\", "\\\\").Replace("\"", "\\\"");
        sb.Append("[assembly: global::").Append(Namespace).Append('.').Append(TypeName, 0, TypeName.Length - "Attribute".Length).Append("(\"").Append(name).Append("\", ")
            .Append(estimate.MinCalls.ToString(CultureInfo.InvariantCulture)).Append(", ")
            .Append(estimate.MaxCalls < 0 ? "-1" : estimate.MaxCalls.ToString(CultureInfo.InvariantCulture)).Append(", ")
            .Append(Number(estimate.Availability)).Append(", ")
            .Append(Number(estimate.Slo));
        if (estimate.DeclaredFanOut >= 0)
        {
            sb.Append(", ").Append(DeclaredFanOutArgument).Append(" = ").Append(estimate.DeclaredFanOut.ToString(CultureInfo.InvariantCulture));
        }

        if (estimate.LatencyP99Ms > 0)
        {
            sb.Append(", ").Append(LatencyP99MsArgument).Append(" = ").Append(estimate.LatencyP99Ms.ToString(CultureInfo.InvariantCulture));
        }

        return sb.Append(")]").ToString();
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture) + "d";
}
