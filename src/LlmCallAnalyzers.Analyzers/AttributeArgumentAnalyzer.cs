using System.Collections.Immutable;
using System.Globalization;
using LlmCallAnalyzers.Model.Contracts;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

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
            var taskSlo = start.Compilation.GetTypeByMetadataName(AttributeNames.TaskSlo);
            var fanOut = start.Compilation.GetTypeByMetadataName(AttributeNames.FanOut);
            if (taskSlo is null && fanOut is null)
            {
                return;
            }

            // The report callbacks are static lambdas taking the context: no delegate is allocated per method.
            start.RegisterSymbolAction(context => Check(context.Symbol, context, static (c, d) => c.ReportDiagnostic(d), taskSlo, fanOut, context.CancellationToken), SymbolKind.Method);

            // Local functions and lambdas are not symbols the compiler raises symbol actions for.
            start.RegisterOperationAction(
                context =>
                {
                    var symbol = context.Operation switch
                    {
                        ILocalFunctionOperation local => local.Symbol,
                        IAnonymousFunctionOperation lambda => lambda.Symbol,
                        _ => null,
                    };
                    if (symbol is not null)
                    {
                        Check(symbol, context, static (c, d) => c.ReportDiagnostic(d), taskSlo, fanOut, context.CancellationToken);
                    }
                },
                OperationKind.LocalFunction,
                OperationKind.AnonymousFunction);
        });
    }

    /// <summary>Where the attribute is written (computed only for a diagnostic: it parses the attribute's syntax).</summary>
    private static Location LocationOf(AttributeData attribute, ISymbol symbol, System.Threading.CancellationToken cancellationToken)
        => attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? symbol.Locations[0];

    private static void Check<TContext>(ISymbol symbol, TContext context, System.Action<TContext, Diagnostic> report, INamedTypeSymbol? taskSlo, INamedTypeSymbol? fanOut, System.Threading.CancellationToken cancellationToken)
    {
        var attributes = symbol.GetAttributes();
        if (attributes.IsEmpty)
        {
            return;
        }

        foreach (var attribute in attributes)
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, taskSlo))
            {
                if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is double availability
                    && (double.IsNaN(availability) || availability <= 0 || availability > 1))
                {
                    report(context, Diagnostic.Create(Descriptors.InvalidAttributeArgument, LocationOf(attribute, symbol, cancellationToken),
                        string.Format(CultureInfo.InvariantCulture, "TaskSlo availability {0} must lie in (0, 1] — write 0.995 for 99.5 %", availability)));
                }

                foreach (var named in attribute.NamedArguments)
                {
                    if (named.Key == AttributeNames.LatencyP99Ms && named.Value.Value is int ms && ms < 0)
                    {
                        report(context, Diagnostic.Create(Descriptors.InvalidAttributeArgument, LocationOf(attribute, symbol, cancellationToken),
                            string.Format(CultureInfo.InvariantCulture, "TaskSlo LatencyP99Ms {0} must be 0 (none) or a positive number of milliseconds", ms)));
                    }
                }
            }
            else if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, fanOut)
                && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int max && max < 0)
            {
                report(context, Diagnostic.Create(Descriptors.InvalidAttributeArgument, LocationOf(attribute, symbol, cancellationToken),
                    string.Format(CultureInfo.InvariantCulture, "FanOut bound {0} must be zero or more LLM calls per invocation", max)));
            }
        }
    }
}
