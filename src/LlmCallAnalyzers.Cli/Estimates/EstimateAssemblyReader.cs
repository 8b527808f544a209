using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using LlmCallAnalyzers.Model.Contracts;

namespace LlmCallAnalyzers.Cli.Estimates;

/// <summary>
/// Reads <c>[assembly: LlmCallAnalyzers.LlmTaskEstimate(task, minCalls, maxCalls, availability, slo)]</c> from a compiled
/// assembly with System.Reflection.Metadata (the file is parsed as metadata, never loaded or run) and decodes each with
/// <see cref="EmbeddedEstimateAttribute.Decode"/>, as the runtime does.
/// </summary>
public static class EstimateAssemblyReader
{
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
                var estimate = EmbeddedEstimateAttribute.Decode(
                    value.FixedArguments.Select(a => a.Value).ToList(),
                    value.NamedArguments.Select(n => new KeyValuePair<string, object?>(n.Name ?? string.Empty, n.Value)));
                if (estimate is not null)
                {
                    result.Add(estimate);
                }
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

        return reader.StringComparer.Equals(ns, EmbeddedEstimateAttribute.Namespace) && reader.StringComparer.Equals(name, EmbeddedEstimateAttribute.TypeName);
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
