using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmCallAnalyzers.Analyzers;

/// <summary>
/// LLM007: an impossible argument to [TaskSlo] (availability outside (0, 1], a negative latency budget) or
/// [FanOut] (a negative bound) is a compile-time error rather than a silent clamp.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AttributeArgumentAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.InvalidAttributeArgument);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var taskSlo = start.Compilation.GetTypeByMetadataName("LlmCallAnalyzers.TaskSloAttribute");
            var fanOut = start.Compilation.GetTypeByMetadataName("LlmCallAnalyzers.FanOutAttribute");
            if (taskSlo is null && fanOut is null)
            {
                return;
            }

            start.RegisterSymbolAction(context => Check(context, taskSlo, fanOut), SymbolKind.Method);
        });
    }

    private static void Check(SymbolAnalysisContext context, INamedTypeSymbol? taskSlo, INamedTypeSymbol? fanOut)
    {
        foreach (var attribute in context.Symbol.GetAttributes())
        {
            var location = attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? context.Symbol.Locations[0];
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, taskSlo))
            {
                if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is double availability
                    && (double.IsNaN(availability) || availability <= 0 || availability > 1))
                {
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.InvalidAttributeArgument, location,
                        string.Format(CultureInfo.InvariantCulture, "TaskSlo availability {0} must lie in (0, 1] — write 0.995 for 99.5 %", availability)));
                }

                foreach (var named in attribute.NamedArguments)
                {
                    if (named.Key == "LatencyP99Ms" && named.Value.Value is int ms && ms < 0)
                    {
                        context.ReportDiagnostic(Diagnostic.Create(Descriptors.InvalidAttributeArgument, location,
                            string.Format(CultureInfo.InvariantCulture, "TaskSlo LatencyP99Ms {0} must be 0 (none) or a positive number of milliseconds", ms)));
                    }
                }
            }
            else if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, fanOut)
                && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int max && max < 0)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.InvalidAttributeArgument, location,
                    string.Format(CultureInfo.InvariantCulture, "FanOut bound {0} must be zero or more LLM calls per invocation", max)));
            }
        }
    }
}
