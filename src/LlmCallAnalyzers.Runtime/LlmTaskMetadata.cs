using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Reflection;
using System.Threading;
using LlmCallAnalyzers.Model.Contracts;

namespace LlmCallAnalyzers.Runtime;

/// <summary>
/// What the build says about one task: the <c>[TaskSlo]</c> and <c>[FanOut]</c> on the method the task name resolves
/// to, and the <c>[assembly: LlmTaskEstimate]</c> the analyzer's source generator embedded for it.
/// </summary>
/// <remarks>
/// Resolved lazily from the loaded assemblies (only those that reference <c>LlmCallAnalyzers.Attributes</c>) and
/// cached per name; a name that resolves to nothing is looked up again only after another assembly is loaded.
/// Resolution never throws: what cannot be read is left empty.
/// </remarks>
public sealed class LlmTaskMetadata
{
    private const string AttributesAssemblyName = EmbeddedEstimateAttribute.AttributesAssemblyName;
    // By name: reading attributes never loads LlmCallAnalyzers.Attributes.
    private const string TaskSloAttributeName = AttributeNames.TaskSlo;
    private const string FanOutAttributeName = AttributeNames.FanOut;

    private static readonly ConcurrentDictionary<string, LlmTaskMetadata> s_cache = new ConcurrentDictionary<string, LlmTaskMetadata>(StringComparer.Ordinal);
    private static readonly object s_scanLock = new object();
    private static readonly HashSet<Assembly> s_scanned = new HashSet<Assembly>();
    private static readonly List<Assembly> s_relevant = new List<Assembly>();
    private static Dictionary<string, EmbeddedEstimate> s_estimates = new Dictionary<string, EmbeddedEstimate>(StringComparer.Ordinal);
    private static int s_loadStamp;
    private static int s_scannedStamp = -1;
    private static int s_subscribed;

    private LlmTaskMetadata(string name, int stamp)
    {
        Name = name;
        Stamp = stamp;
    }

    /// <summary>The task name, <c>Namespace.Type.Method</c>.</summary>
    public string Name { get; }

    /// <summary>The method the name resolved to, or null.</summary>
    public MethodInfo? Method { get; private set; }

    /// <summary>The availability SLO: <c>[TaskSlo]</c> on the method, else the embedded estimate's SLO; null when none.</summary>
    public double? SloAvailability { get; private set; }

    /// <summary>The p99 latency budget in milliseconds from <c>[TaskSlo]</c>; null when none.</summary>
    public int? SloLatencyP99Ms { get; private set; }

    /// <summary>True when an <c>[assembly: LlmTaskEstimate]</c> names this task.</summary>
    public bool HasEstimate { get; private set; }

    /// <summary>The fewest calls of the embedded estimate; null when there is none.</summary>
    public int? EstimatedMinCalls { get; private set; }

    /// <summary>The most calls of the embedded estimate; -1 when it is unbounded; null when there is none.</summary>
    public int? EstimatedMaxCalls { get; private set; }

    /// <summary>The composed worst-case availability of the embedded estimate; null when there is none.</summary>
    public double? EstimatedAvailability { get; private set; }

    /// <summary>The estimated p99 latency of the task in milliseconds from the embedded estimate; null when none.</summary>
    public int? EstimatedLatencyP99Ms { get; private set; }

    /// <summary>The declared <c>[FanOut]</c> bound (on the method, or carried by the estimate); null when none.</summary>
    public int? DeclaredFanOut { get; private set; }

    /// <summary>
    /// The most calls the build allows (<see cref="TaskCallLimit"/>): the smaller of a bounded
    /// <see cref="EstimatedMaxCalls"/> and <see cref="DeclaredFanOut"/>; null when neither bounds the task.
    /// </summary>
    public int? CallLimit => (int?)TaskCallLimit.Of(EstimatedMaxCalls, DeclaredFanOut);

    internal int Stamp { get; }

    /// <summary>Returns what the loaded assemblies declare about <paramref name="taskName"/> (cached).</summary>
    /// <param name="taskName">The task name, <c>Namespace.Type.Method</c>.</param>
    /// <returns>The metadata; empty (all null) when nothing names the task.</returns>
    public static LlmTaskMetadata Resolve(string taskName)
    {
        if (taskName is null)
        {
            throw new ArgumentNullException(nameof(taskName));
        }

        EnsureSubscribed();
        int stamp = Volatile.Read(ref s_loadStamp);
        if (s_cache.TryGetValue(taskName, out LlmTaskMetadata? cached) && (cached.Method is not null || cached.Stamp == stamp))
        {
            return cached;
        }

        LlmTaskMetadata resolved;
        try
        {
            resolved = ResolveCore(taskName, stamp);
        }
        catch (Exception)
        {
            resolved = new LlmTaskMetadata(taskName, stamp);
        }

        s_cache[taskName] = resolved;
        return resolved;
    }

    private static void EnsureSubscribed()
    {
        if (Volatile.Read(ref s_subscribed) != 0 || Interlocked.Exchange(ref s_subscribed, 1) != 0)
        {
            return;
        }

        try
        {
            AppDomain.CurrentDomain.AssemblyLoad += (_, _) => Interlocked.Increment(ref s_loadStamp);
        }
        catch (Exception)
        {
            // No load notifications: names that resolve to nothing are simply not retried.
        }
    }

    private static LlmTaskMetadata ResolveCore(string taskName, int stamp)
    {
        List<Assembly> relevant;
        Dictionary<string, EmbeddedEstimate> estimates;
        lock (s_scanLock)
        {
            if (s_scannedStamp != stamp)
            {
                ScanNewAssemblies();
                s_scannedStamp = stamp;
            }

            relevant = new List<Assembly>(s_relevant);
            estimates = s_estimates;
        }

        var metadata = new LlmTaskMetadata(taskName, stamp);
        if (estimates.TryGetValue(taskName, out EmbeddedEstimate? estimate))
        {
            metadata.HasEstimate = true;
            metadata.EstimatedMinCalls = estimate.MinCalls;
            metadata.EstimatedMaxCalls = estimate.MaxCalls;
            metadata.EstimatedAvailability = estimate.Availability;
            if (estimate.Slo > 0)
            {
                metadata.SloAvailability = estimate.Slo;
            }

            if (estimate.DeclaredFanOut >= 0)
            {
                metadata.DeclaredFanOut = estimate.DeclaredFanOut;
            }

            if (estimate.LatencyP99Ms > 0)
            {
                metadata.EstimatedLatencyP99Ms = estimate.LatencyP99Ms;
            }
        }

        MethodInfo? method = FindMethod(relevant, taskName);
        if (method is not null)
        {
            metadata.Method = method;
            foreach (CustomAttributeData data in SafeAttributes(method))
            {
                string? attributeName = data.AttributeType.FullName;
                if (attributeName == TaskSloAttributeName && data.ConstructorArguments.Count == 1 && data.ConstructorArguments[0].Value is double availability)
                {
                    metadata.SloAvailability = availability;
                    foreach (CustomAttributeNamedArgument named in data.NamedArguments)
                    {
                        if (named.MemberName == AttributeNames.LatencyP99Ms && named.TypedValue.Value is int latency && latency > 0)
                        {
                            metadata.SloLatencyP99Ms = latency;
                        }
                    }
                }
                else if (attributeName == FanOutAttributeName && data.ConstructorArguments.Count == 1 && data.ConstructorArguments[0].Value is int max)
                {
                    metadata.DeclaredFanOut = max;
                }
            }
        }

        return metadata;
    }

    private static void ScanNewAssemblies()
    {
        Assembly[] loaded;
        try
        {
            loaded = AppDomain.CurrentDomain.GetAssemblies();
        }
        catch (Exception)
        {
            return;
        }

        Dictionary<string, EmbeddedEstimate>? updated = null;
        foreach (Assembly assembly in loaded)
        {
            if (!s_scanned.Add(assembly) || !ReferencesAttributes(assembly))
            {
                continue;
            }

            s_relevant.Add(assembly);
            IList<CustomAttributeData> attributes;
            try
            {
                attributes = assembly.GetCustomAttributesData();
            }
            catch (Exception)
            {
                continue;
            }

            foreach (CustomAttributeData data in attributes)
            {
                if (data.AttributeType.FullName != EmbeddedEstimateAttribute.FullName
                    || EmbeddedEstimateAttribute.Decode(ConstructorValues(data), NamedValues(data)) is not { } estimate)
                {
                    continue;
                }

                updated ??= new Dictionary<string, EmbeddedEstimate>(s_estimates, StringComparer.Ordinal);
                updated[estimate.Task] = estimate;
            }
        }

        if (updated is not null)
        {
            s_estimates = updated;
        }
    }

    private static bool ReferencesAttributes(Assembly assembly)
    {
        try
        {
            if (assembly.IsDynamic)
            {
                return false;
            }

            string? name = assembly.GetName().Name;
            if (name == AttributesAssemblyName)
            {
                return false;
            }

            foreach (AssemblyName reference in assembly.GetReferencedAssemblies())
            {
                if (reference.Name == AttributesAssemblyName)
                {
                    return true;
                }
            }
        }
        catch (Exception)
        {
            // Unreadable assembly: skip.
        }

        return false;
    }

    private static MethodInfo? FindMethod(List<Assembly> assemblies, string taskName)
    {
        int lastDot = taskName.LastIndexOf('.');
        if (lastDot <= 0 || lastDot == taskName.Length - 1)
        {
            return null;
        }

        string methodName = taskName.Substring(lastDot + 1);
        string typeName = taskName.Substring(0, lastDot);
        foreach (Assembly assembly in assemblies)
        {
            foreach (string candidate in TypeNameCandidates(typeName))
            {
                Type? type;
                try
                {
                    type = assembly.GetType(candidate, throwOnError: false, ignoreCase: false);
                }
                catch (Exception)
                {
                    continue;
                }

                if (type is null)
                {
                    continue;
                }

                MethodInfo? found = null;
                foreach (MethodInfo method in SafeMethods(type))
                {
                    if (method.Name != methodName)
                    {
                        continue;
                    }

                    found ??= method;
                    if (HasTaskAttributes(method))
                    {
                        return method;
                    }
                }

                if (found is not null)
                {
                    return found;
                }
            }
        }

        return null;
    }

    /// <summary>"A.B.C" as a top-level type, then as nested types from the right: "A.B+C", "A+B+C".</summary>
    private static IEnumerable<string> TypeNameCandidates(string typeName)
    {
        yield return typeName;
        char[] chars = typeName.ToCharArray();
        for (int i = chars.Length - 1; i > 0; i--)
        {
            if (chars[i] == '.')
            {
                chars[i] = '+';
                yield return new string(chars);
            }
        }
    }

    private static bool HasTaskAttributes(MethodInfo method)
    {
        foreach (CustomAttributeData data in SafeAttributes(method))
        {
            string? name = data.AttributeType.FullName;
            if (name == TaskSloAttributeName || name == FanOutAttributeName)
            {
                return true;
            }
        }

        return false;
    }

    private static IList<CustomAttributeData> SafeAttributes(MethodInfo method)
    {
        try
        {
            return method.GetCustomAttributesData();
        }
        catch (Exception)
        {
            return Array.Empty<CustomAttributeData>();
        }
    }

    private static MethodInfo[] SafeMethods(Type type)
    {
        try
        {
            return type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly);
        }
        catch (Exception)
        {
            return Array.Empty<MethodInfo>();
        }
    }

    private static object?[] ConstructorValues(CustomAttributeData data)
    {
        var values = new object?[data.ConstructorArguments.Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = data.ConstructorArguments[i].Value;
        }

        return values;
    }

    private static IEnumerable<KeyValuePair<string, object?>> NamedValues(CustomAttributeData data)
    {
        foreach (CustomAttributeNamedArgument named in data.NamedArguments)
        {
            yield return new KeyValuePair<string, object?>(named.MemberName, named.TypedValue.Value);
        }
    }
}
