using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>Loops and the bounds the code states for them.</summary>
internal sealed partial class ShapeBuilder
{
    private Shape VisitFor(IForLoopOperation forLoop, LoopContext? loop, int depth)
    {
        var before = VisitAll(forLoop.Before, loop, depth);
        var bound = ForBound(forLoop);

        // A hand-written retry loop (for attempt < N with try { ...; return/break; } catch { ... }) is a retry of its
        // body, not fan-out: its calls are not "in a loop".
        bool retry = bound.Max is int attempts && attempts >= 1 && RetryLoops.IsRetryLoop(forLoop);
        var inner = retry ? loop : Push(loop, bound);
        var parts = default(ShapeSequence);
        parts.Add(Visit(forLoop.Condition, inner, depth));
        parts.Add(Visit(forLoop.Body, inner, depth));
        parts.Add(VisitAll(forLoop.AtLoopBottom, inner, depth));
        var body = parts.ToShape();
        if (retry)
        {
            return Shape.Sequence(ImmutableArray.Create(before, body.IsEmpty ? Shape.Empty : new RetryShape(body, bound.Max!.Value - 1, hedged: false, LoopLocation(forLoop), "hand-written retry loop (for " + bound.Source + ")")));
        }

        return Shape.Sequence(ImmutableArray.Create(before, MakeLoop(forLoop, body, bound)));
    }

    private Shape VisitForEach(IForEachLoopOperation forEach, LoopContext? loop, int depth)
    {
        var source = Visit(forEach.Collection, loop, depth);
        var bound = CountOf(forEach.Collection);
        var inner = Push(loop, bound);
        var body = Visit(forEach.Body, inner, depth);
        return Shape.Sequence(ImmutableArray.Create(source, MakeLoop(forEach, body, bound)));
    }

    private Shape VisitWhile(IWhileLoopOperation whileLoop, LoopContext? loop, int depth)
    {
        var bound = whileLoop.Condition is { ConstantValue: { HasValue: true, Value: false } }
            ? (whileLoop.ConditionIsTop ? LoopBound.Exactly(0, "false") : LoopBound.Exactly(1, "do … while (false)"))
            : LoopBound.Unknown();
        var inner = Push(loop, bound);
        var body = Shape.Sequence(ImmutableArray.Create(Visit(whileLoop.Condition, inner, depth), Visit(whileLoop.Body, inner, depth)));
        return MakeLoop(whileLoop, body, bound);
    }

    private static LoopContext Push(LoopContext? loop, LoopBound bound)
        => loop is null ? new LoopContext(ImmutableArray.Create(bound)) : loop.Push(bound);

    private Shape MakeLoop(ILoopOperation loopOperation, Shape body, LoopBound bound)
    {
        if (body.IsEmpty)
        {
            return Shape.Empty;
        }

        if (body is StartedShape started)
        {
            // Each iteration only starts tasks: the iterations' work runs concurrently, and outlives the loop.
            return new StartedShape(new LoopShape(started.Body, bound.WithConcurrent(true), LoopLocation(loopOperation), LoopOrigin(loopOperation, bound)));
        }

        return new LoopShape(body, bound, LoopLocation(loopOperation), LoopOrigin(loopOperation, bound));
    }

    /// <summary>The loop and what bounds it, as a tree shows it: <c>for i &lt; 4</c>, <c>foreach over string[] (size unknown)</c>.</summary>
    private static string LoopOrigin(ILoopOperation loopOperation, LoopBound bound) => loopOperation switch
    {
        IForLoopOperation forLoop => "for " + (bound.Source ?? "(" + ConditionText(forLoop.Condition) + ": no bound the code states)"),
        IForEachLoopOperation forEach => "foreach over " + (bound.Source ?? TypeText(forEach.Collection) + " (size unknown)"),
        IWhileLoopOperation whileLoop => bound.Source is { } source ? "while " + source
            : (whileLoop.ConditionIsTop ? "while (" : "do … while (") + ConditionText(whileLoop.Condition) + ") (no bound the code states)",
        _ => bound.Source ?? "loop (no bound the code states)",
    };

    private static string ConditionText(IOperation? condition)
    {
        if (condition is null)
        {
            return "no condition";
        }

        string text = condition.Syntax.ToString();
        return text.Length <= 40 ? text : text.Substring(0, 39) + "…";
    }

    private static string TypeText(IOperation? collection)
        => collection is not null && StripConversions(collection).Type is { } type
            ? type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)
            : "a collection";

    private static Location LoopLocation(IOperation loopOperation)
    {
        // Report at the loop keyword rather than the whole loop.
        var token = loopOperation.Syntax.GetFirstToken();
        return token.GetLocation();
    }

    /// <summary>The bound of <c>for (int i = a; i &lt; b; i++)</c> (and ≤, &gt;, ≥ with --), when a and b are known.</summary>
    private LoopBound ForBound(IForLoopOperation forLoop)
    {
        if (forLoop.Condition is not IBinaryOperation condition || forLoop.AtLoopBottom.Length != 1)
        {
            return LoopBound.Unknown();
        }

        var counter = (StripConversions(condition.LeftOperand) as ILocalReferenceOperation)?.Local;
        if (counter is null)
        {
            return LoopBound.Unknown();
        }

        int? start = null;
        foreach (var local in forLoop.Locals)
        {
            if (SymbolEqualityComparer.Default.Equals(local, counter))
            {
                start = InitialValue(forLoop, counter);
            }
        }

        var (limit, limitText) = IntValue(condition.RightOperand);
        int step = Step(forLoop.AtLoopBottom[0], counter);
        if (start is not int a || limit is not int b || step == 0)
        {
            return LoopBound.Unknown();
        }

        long? difference = (condition.OperatorKind, step) switch
        {
            (BinaryOperatorKind.LessThan, 1) => (long)b - a,
            (BinaryOperatorKind.LessThanOrEqual, 1) => (long)b - a + 1,
            (BinaryOperatorKind.GreaterThan, -1) => (long)a - b,
            (BinaryOperatorKind.GreaterThanOrEqual, -1) => (long)a - b + 1,
            _ => null,
        };

        if (difference is not long d)
        {
            return LoopBound.Unknown();
        }

        long count = System.Math.Max(0, d);
        if (count < 0 || count > int.MaxValue)
        {
            return LoopBound.Unknown();
        }

        string op = condition.OperatorKind switch
        {
            BinaryOperatorKind.LessThan => "<",
            BinaryOperatorKind.LessThanOrEqual => "<=",
            BinaryOperatorKind.GreaterThan => ">",
            _ => ">=",
        };
        return LoopBound.Exactly((int)count, counter.Name + " " + op + " " + limitText);
    }

    private int? InitialValue(IForLoopOperation forLoop, ILocalSymbol counter)
    {
        foreach (var before in forLoop.Before)
        {
            foreach (var op in before.DescendantsAndSelf())
            {
                if (op is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, counter) && declarator.Initializer is { } init)
                {
                    return IntValue(init.Value).Value;
                }
            }
        }

        return null;
    }

    private static int Step(IOperation bottom, ILocalSymbol counter)
    {
        var op = bottom is IExpressionStatementOperation statement ? statement.Operation : bottom;
        switch (op)
        {
            case IIncrementOrDecrementOperation inc when inc.Target is ILocalReferenceOperation l && SymbolEqualityComparer.Default.Equals(l.Local, counter):
                return inc.Kind == OperationKind.Increment ? 1 : -1;
            case ICompoundAssignmentOperation compound when compound.Target is ILocalReferenceOperation l2 && SymbolEqualityComparer.Default.Equals(l2.Local, counter)
                && compound.Value.ConstantValue is { HasValue: true, Value: int one } && one == 1:
                return compound.OperatorKind == BinaryOperatorKind.Add ? 1 : compound.OperatorKind == BinaryOperatorKind.Subtract ? -1 : 0;
            default:
                return 0;
        }
    }

    /// <summary>A constant int, or the length/count of a local collection of known size.</summary>
    private (int? Value, string Text) IntValue(IOperation op)
    {
        op = StripConversions(op);
        if (op.ConstantValue is { HasValue: true, Value: int value })
        {
            string text = op is IFieldReferenceOperation f ? f.Field.Name : op is ILocalReferenceOperation l ? l.Local.Name : value.ToString(CultureInfo.InvariantCulture);
            return (value, text);
        }

        if (op is IPropertyReferenceOperation { Property.Name: "Length" or "Count" } property && property.Instance is ILocalReferenceOperation collection
            && _localCounts.TryGetValue(collection.Local, out var count) && count.Max is int n && count.Min == n)
        {
            return (n, collection.Local.Name + "." + property.Property.Name);
        }

        return (null, string.Empty);
    }

    /// <summary>How many elements enumerating <paramref name="collection"/> yields, as far as the code states.</summary>
    private LoopBound CountOf(IOperation? collection)
    {
        if (collection is not null)
        {
            collection = StripConversions(collection);
            switch (collection)
            {
                case IArrayCreationOperation array:
                    if (array.Initializer is { } init)
                    {
                        return LoopBound.Exactly(init.ElementValues.Length, "an array of " + init.ElementValues.Length.ToString(CultureInfo.InvariantCulture));
                    }

                    if (array.DimensionSizes.Length == 1 && array.DimensionSizes[0].ConstantValue is { HasValue: true, Value: int size })
                    {
                        return LoopBound.Exactly(size, "an array of " + size.ToString(CultureInfo.InvariantCulture));
                    }

                    return LoopBound.Unknown();
                case IObjectCreationOperation { Initializer: IObjectOrCollectionInitializerOperation initializer } when initializer.Initializers.All(i => i is IInvocationOperation):
                    return LoopBound.Exactly(initializer.Initializers.Length, "a collection of " + initializer.Initializers.Length.ToString(CultureInfo.InvariantCulture));
                case ILocalReferenceOperation local:
                    return _localCounts.TryGetValue(local.Local, out var known) ? known : LoopBound.Unknown();
                case IInvocationOperation invocation:
                    return CountOfInvocation(invocation);
                case ICollectionExpressionOperation collectionExpression:
                    return collectionExpression.Elements.Any(e => e is ISpreadOperation)
                        ? LoopBound.Unknown()
                        : LoopBound.Exactly(collectionExpression.Elements.Length, "a collection of " + collectionExpression.Elements.Length.ToString(CultureInfo.InvariantCulture));
                default:
                    return LoopBound.Unknown();
            }
        }

        return LoopBound.Unknown();
    }

    private LoopBound CountOfInvocation(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var source = invocation.Instance ?? (method.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
        bool linq = _symbols.IsLinq(method.ContainingType);
        if (linq && method.Name is "Range" or "Repeat" && invocation.Arguments.Length == 2)
        {
            var (n, text) = IntValue(invocation.Arguments[1].Value);
            return n is int count && count >= 0 ? LoopBound.Exactly(count, $"Enumerable.{method.Name}(…, {text})") : LoopBound.Unknown();
        }

        if (linq && method.Name == "Take" && invocation.Arguments.Length == 2)
        {
            var (n, text) = IntValue(invocation.Arguments[1].Value);
            if (n is not int take || take < 0)
            {
                return LoopBound.Unknown();
            }

            var inner = CountOf(source);
            int max = inner.Max is int m ? Math.Min(m, take) : take;
            return inner.Max is int && inner.Min >= take ? LoopBound.Exactly(take, $".Take({text})") : LoopBound.AtMost(max, $".Take({text})");
        }

        if (linq && method.Name is "Select" or "ToList" or "ToArray" or "AsEnumerable" or "Cast" or "OrderBy" or "OrderByDescending" or "Reverse" or "ToListAsync" or "ToArrayAsync" or "AsParallel" or "AsOrdered" or "ThenBy")
        {
            return CountOf(source);
        }

        if (linq && method.Name is "Where" or "Distinct" or "Skip" or "OfType" or "TakeWhile" or "SkipWhile" or "DistinctBy")
        {
            var inner = CountOf(source);
            return inner.Max is int m ? LoopBound.AtMost(m, inner.Source ?? string.Empty) : LoopBound.Unknown();
        }

        return LoopBound.Unknown();
    }
}
