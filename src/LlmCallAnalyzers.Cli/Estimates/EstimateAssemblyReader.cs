using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace LlmCallAnalyzers.Cli.Estimates;

/// <summary>One <c>[assembly: LlmTaskEstimate]</c> the analyzer's source generator wrote into a build.</summary>
public sealed class EmbeddedEstimate
{
    /// <summary>Creates the record.</summary>
    public EmbeddedEstimate(string task, int minCalls, int maxCalls, double availability, double slo, int declaredFanOut, int latencyP99Ms, string assembly)
    {
        Task = task;
        MinCalls = minCalls;
        MaxCalls = maxCalls;
        Availability = availability;
        Slo = slo;
        DeclaredFanOut = declaredFanOut;
        LatencyP99Ms = latencyP99Ms;
        Assembly = assembly;
    }

    /// <summary>The task name.</summary>
    public string Task { get; }

    /// <summary>The fewest calls.</summary>
    public int MinCalls { get; }

    /// <summary>The most calls; -1 when unbounded.</summary>
    public int MaxCalls { get; }

    /// <summary>The composed worst-case availability (0 when unbounded).</summary>
    public double Availability { get; }

    /// <summary>The declared SLO; 0 when none.</summary>
    public double Slo { get; }

    /// <summary>The declared <c>[FanOut]</c>; -1 when none.</summary>
    public int DeclaredFanOut { get; }

    /// <summary>The estimated p99 latency; 0 when none.</summary>
    public int LatencyP99Ms { get; }

    /// <summary>The assembly it was read from.</summary>
    public string Assembly { get; }
}

/// <summary>
/// Reads <c>[assembly: LlmCallAnalyzers.LlmTaskEstimate(task, minCalls, maxCalls, availability, slo)]</c> from a compiled
/// assembly with System.Reflection.Metadata: the file is parsed as metadata, never loaded or run.
/// </summary>
public static class EstimateAssemblyReader
{
    private const string AttributeNamespace = "LlmCallAnalyzers";
    private const string AttributeName = "LlmTaskEstimateAttribute";

    /// <summary>Reads the estimates of <paramref name="path"/>; bad input (missing file, not an assembly, no estimates) is a <see cref="CliException"/>.</summary>
    public static IReadOnlyList<EmbeddedEstimate> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"{path}: no such assembly");
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata)
            {
                throw new CliException($"{path}: not a .NET assembly (no metadata)");
            }

            var reader = pe.GetMetadataReader();
            if (!reader.IsAssembly)
            {
                throw new CliException($"{path}: a module, not an assembly");
            }

            var result = new List<EmbeddedEstimate>();
            var provider = new ValueTypeProvider();
            foreach (var handle in reader.GetAssemblyDefinition().GetCustomAttributes())
            {
                var attribute = reader.GetCustomAttribute(handle);
                if (!IsEstimateAttribute(reader, attribute))
                {
                    continue;
                }

                var value = attribute.DecodeValue(provider);
                if (value.FixedArguments.Length != 5)
                {
                    continue;
                }

                int fanOut = -1, latency = 0;
                foreach (var named in value.NamedArguments)
                {
                    if (named.Name == "DeclaredFanOut" && named.Value is int f) fanOut = f;
                    if (named.Name == "LatencyP99Ms" && named.Value is int l) latency = l;
                }

                result.Add(new EmbeddedEstimate(
                    value.FixedArguments[0].Value as string ?? string.Empty,
                    value.FixedArguments[1].Value is int min ? min : 0,
                    value.FixedArguments[2].Value is int max ? max : -1,
                    value.FixedArguments[3].Value is double a ? a : 0,
                    value.FixedArguments[4].Value is double s ? s : 0,
                    fanOut,
                    latency,
                    path));
            }

            if (result.Count == 0)
            {
                throw new CliException($"{path}: no [assembly: LlmTaskEstimate] in it (build it with the LlmCallAnalyzers package, whose generator embeds them)");
            }

            return result;
        }
        catch (BadImageFormatException ex)
        {
            throw new CliException($"{path}: not a .NET assembly ({ex.Message})", ex);
        }
        catch (IOException ex)
        {
            throw new CliException($"{path}: cannot read ({ex.Message})", ex);
        }
    }

    private static bool IsEstimateAttribute(MetadataReader reader, CustomAttribute attribute)
    {
        StringHandle ns, name;
        switch (attribute.Constructor.Kind)
        {
            case HandleKind.MemberReference:
                var member = reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
                if (member.Parent.Kind != HandleKind.TypeReference) return false;
                var typeRef = reader.GetTypeReference((TypeReferenceHandle)member.Parent);
                ns = typeRef.Namespace;
                name = typeRef.Name;
                break;
            case HandleKind.MethodDefinition:
                var method = reader.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor);
                var typeDef = reader.GetTypeDefinition(method.GetDeclaringType());
                ns = typeDef.Namespace;
                name = typeDef.Name;
                break;
            default:
                return false;
        }

        return reader.StringComparer.Equals(ns, AttributeNamespace) && reader.StringComparer.Equals(name, AttributeName);
    }

    /// <summary>Decodes the primitive argument types of the attribute; enums and types are not used by it.</summary>
    private sealed class ValueTypeProvider : ICustomAttributeTypeProvider<string>
    {
        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();

        public string GetSystemType() => "System.Type";

        public string GetSZArrayType(string elementType) => elementType + "[]";

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => reader.GetString(reader.GetTypeDefinition(handle).Name);

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => reader.GetString(reader.GetTypeReference(handle).Name);

        public string GetTypeFromSerializedName(string name) => name;

        public PrimitiveTypeCode GetUnderlyingEnumType(string type) => PrimitiveTypeCode.Int32;

        public bool IsSystemType(string type) => type == "System.Type";
    }
}
