using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using LlmCallAnalyzers.Analyzers.Catalog;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// Builds the <see cref="Shape"/> of one method body from its IOperation tree: LLM calls, calls of source methods,
/// loops with their bounds, Task.WhenAll, branches, swallowing try/catch, Polly pipelines and hand-written retry loops.
/// One instance per method body; not thread-safe.
/// </summary>
internal sealed partial class ShapeBuilder
{
    private const int MaxDepth = 120;

    private readonly CallSiteCatalog _catalog;
    private readonly WellKnownSymbols _symbols;
    private readonly IAssemblySymbol _assembly;
    private readonly DispatchIndex? _dispatch;
    // Per-body tables, created on first use: most bodies declare no client, count, lambda or local function.
    private LazySymbolMap<ILocalSymbol, ValueFacts> _localFacts;
    private LazySymbolMap<ILocalSymbol, LoopBound> _localCounts;
    private LazySymbolMap<ILocalSymbol, IAnonymousFunctionOperation> _localLambdas;
    private LazySymbolMap<ILocalSymbol, Shape> _deferredQueries;
    private LazySymbolMap<ILocalSymbol, bool> _autoInvokeLocals;
    private LazySymbolMap<IMethodSymbol, ILocalFunctionOperation> _localFunctions;
    private LazySymbolMap<IMethodSymbol, bool> _localFunctionsInProgress;
    private List<IOperation>? _unscannedBodies;

    /// <summary>Facts of values assigned to fields and properties in this body (e.g. a client built in a constructor); null when none.</summary>
    public List<MemberFact>? MemberAssignments { get; private set; }

    /// <param name="catalog">The LLM entry points.</param>
    /// <param name="symbols">Framework types resolved for the compilation.</param>
    /// <param name="assembly">The compilation's assembly: its methods are the ones summarized.</param>
    /// <param name="dispatch">The compilation's class hierarchy, or null when virtual calls are not followed (<c>follow_dispatch = false</c>).</param>
    public ShapeBuilder(CallSiteCatalog catalog, WellKnownSymbols symbols, IAssemblySymbol assembly, DispatchIndex? dispatch = null)
    {
        _catalog = catalog;
        _symbols = symbols;
        _assembly = assembly;
        _dispatch = dispatch;
    }

    public Shape Build(IOperation body)
    {
        (_unscannedBodies ??= new List<IOperation>(1)).Add(body);
        return Visit(body, null, 0);
    }

    /// <summary>
    /// The declaration of a local function of the bodies built so far. Local functions may be called before their
    /// declaration, so the bodies are searched for declarations the first time one is needed (most bodies have none).
    /// </summary>
    private ILocalFunctionOperation? FindLocalFunction(IMethodSymbol symbol)
    {
        if (!_localFunctions.TryGetValue(symbol, out var declaration) && _unscannedBodies is { Count: > 0 })
        {
            foreach (var body in _unscannedBodies)
            {
                foreach (var op in body.Descendants())
                {
                    if (op is ILocalFunctionOperation localFunction)
                    {
                        _localFunctions.Set(localFunction.Symbol.OriginalDefinition, localFunction);
                    }
                }
            }

            _unscannedBodies.Clear();
            _localFunctions.TryGetValue(symbol, out declaration);
        }

        return declaration;
    }

    private Shape Visit(IOperation? op, LoopContext? loop, int depth)
    {
        if (op is null)
        {
            return Shape.Empty;
        }

        if (depth > MaxDepth)
        {
            return Flat(op, loop);
        }

        depth++;

        // Dispatch on the kind first: most operations are plain containers (blocks, statements, conversions, member
        // references) whose shape is their children's, and an enum switch spares them the type tests below.
        switch (op.Kind)
        {
            case OperationKind.AnonymousFunction:
            case OperationKind.LocalFunction:
                // A lambda that is only stored, or a local function's declaration, runs nothing here.
                return Shape.Empty;
            case OperationKind.Literal:
            case OperationKind.ParameterReference:
            case OperationKind.InstanceReference:
            case OperationKind.DefaultValue:
                return Shape.Empty;
            case OperationKind.DelegateCreation:
            case OperationKind.VariableDeclarator:
            case OperationKind.LocalReference:
            case OperationKind.SimpleAssignment:
            case OperationKind.Loop:
            case OperationKind.Conditional:
            case OperationKind.Switch:
            case OperationKind.SwitchExpression:
            case OperationKind.Coalesce:
            case OperationKind.ConditionalAccess:
            case OperationKind.Binary:
            case OperationKind.Try:
            case OperationKind.Invocation:
            case OperationKind.ObjectCreation:
            case OperationKind.ExpressionStatement:
            case OperationKind.ArrayInitializer:
            case OperationKind.CollectionExpression:
                return VisitStructured(op, loop, depth);
            default:
                return VisitChildren(op, loop, depth);
        }
    }

    /// <summary>The operations that shape a method (calls, loops, branches, assignments that carry facts).</summary>
    private Shape VisitStructured(IOperation op, LoopContext? loop, int depth)
    {
        switch (op)
        {
            case IAnonymousFunctionOperation:
            case ILocalFunctionOperation:
                // A lambda that is only stored, or a local function's declaration, runs nothing here.
                return Shape.Empty;
            case IDelegateCreationOperation delegateCreation when delegateCreation.Target is IAnonymousFunctionOperation:
                return Shape.Empty;
            case IVariableDeclaratorOperation declarator:
                return VisitDeclarator(declarator, loop, depth);
            case ILocalReferenceOperation localReference when _deferredQueries.TryGetValue(localReference.Local, out var deferred):
                // A deferred LINQ query runs its lambdas where it is first enumerated, not where it is declared.
                _deferredQueries.Remove(localReference.Local);
                return deferred;
            case ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } assignment:
                _localCounts.Remove(local.Local);
                _localLambdas.Remove(local.Local);
                var valueShape = Started(Visit(assignment.Value, loop, depth), assignment.Value);
                SetLocalFacts(local.Local, FactsExtractor.Extract(assignment.Value, LocalFacts, _symbols));
                return valueShape;
            case ISimpleAssignmentOperation { Target: IFieldReferenceOperation or IPropertyReferenceOperation } memberAssignment:
            {
                var assigned = Started(Visit(memberAssignment.Value, loop, depth), memberAssignment.Value);
                var member = memberAssignment.Target is IFieldReferenceOperation f ? (ISymbol)f.Field : ((IPropertyReferenceOperation)memberAssignment.Target).Property;
                var facts = FactsExtractor.Extract(memberAssignment.Value, LocalFacts, _symbols);
                if (DelegateHeldBy(memberAssignment.Value, depth) is { } held)
                {
                    facts = new ValueFacts { Delegate = held }.Over(facts);
                }
                if (!facts.IsEmpty)
                {
                    (MemberAssignments ??= new List<MemberFact>()).Add(new MemberFact(member.OriginalDefinition, facts, memberAssignment.Syntax));
                }

                return assigned;
            }

            case IForLoopOperation forLoop:
                return VisitFor(forLoop, loop, depth);
            case IForEachLoopOperation forEach:
                return VisitForEach(forEach, loop, depth);
            case IWhileLoopOperation whileLoop:
                return VisitWhile(whileLoop, loop, depth);
            case IConditionalOperation conditional:
                return Shape.Sequence(
                    Visit(conditional.Condition, loop, depth),
                    Shape.Branch(Visit(conditional.WhenTrue, loop, depth), Visit(conditional.WhenFalse, loop, depth)));
            case ISwitchOperation switchStatement:
                return VisitSwitch(switchStatement, loop, depth);
            case ISwitchExpressionOperation switchExpression:
                return Shape.Sequence(ImmutableArray.Create(
                    Visit(switchExpression.Value, loop, depth),
                    Shape.Branch(switchExpression.Arms.Select(a => Shape.Sequence(ImmutableArray.Create(Visit(a.Guard, loop, depth), Visit(a.Value, loop, depth)))).ToImmutableArray())));
            case ICoalesceOperation coalesce:
                return Shape.Sequence(
                    Visit(coalesce.Value, loop, depth),
                    Shape.Branch(Shape.Empty, Visit(coalesce.WhenNull, loop, depth)));
            case IConditionalAccessOperation conditionalAccess:
                return Shape.Sequence(
                    Visit(conditionalAccess.Operation, loop, depth),
                    Shape.Branch(Shape.Empty, Visit(conditionalAccess.WhenNotNull, loop, depth)));
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } logical:
                return Shape.Sequence(
                    Visit(logical.LeftOperand, loop, depth),
                    Shape.Branch(Shape.Empty, Visit(logical.RightOperand, loop, depth)));
            case ITryOperation tryOperation:
                return VisitTry(tryOperation, loop, depth);
            case IInvocationOperation invocation:
                return VisitInvocation(invocation, loop, depth);
            case IExpressionStatementOperation statement:
                // A statement that starts a task and drops it (fire and forget).
                return Started(Visit(statement.Operation, loop, depth), statement.Operation);
            case ISimpleAssignmentOperation { Target: IDiscardOperation } discard:
                return Started(Visit(discard.Value, loop, depth), discard.Value);
            case IArrayInitializerOperation arrayInitializer:
                return VisitElements(arrayInitializer.ElementValues, loop, depth);
            case ICollectionExpressionOperation collection:
                return VisitElements(collection.Elements, loop, depth);
            case IObjectCreationOperation creation:
                return VisitCreation(creation, loop, depth);
            default:
                return VisitChildren(op, loop, depth);
        }
    }

    /// <summary>Lambdas stored in fields or properties, summarized as methods of their own (their calls run where the delegate is invoked).</summary>
    public List<MethodSummary>? DelegateBodies { get; private set; }

    /// <summary>The lambda (summarized now) or source method a delegate value runs; null for anything else.</summary>
    public IMethodSymbol? DelegateHeldBy(IOperation value, int depth = 0)
    {
        switch (StripConversions(value))
        {
            case IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda }:
                return SummarizeLambda(lambda, depth);
            case IAnonymousFunctionOperation lambda:
                return SummarizeLambda(lambda, depth);
            case IDelegateCreationOperation { Target: IMethodReferenceOperation reference } when IsSourceMethod(reference.Method.OriginalDefinition):
                return reference.Method.OriginalDefinition;
            default:
                return null;
        }
    }

    private IMethodSymbol SummarizeLambda(IAnonymousFunctionOperation lambda, int depth)
    {
        var shape = Visit(lambda.Body, null, depth);
        (DelegateBodies ??= new List<MethodSummary>()).Add(new MethodSummary(lambda.Symbol, shape, TaskAttributes.None));
        return lambda.Symbol;
    }

    /// <summary>Elements of an array or collection: tasks among them are started, not awaited, so they run concurrently.</summary>
    private Shape VisitElements(ImmutableArray<IOperation> elements, LoopContext? loop, int depth)
    {
        var sequence = default(ShapeSequence);
        foreach (var element in elements)
        {
            sequence.Add(Started(Visit(element, loop, depth), element));
        }

        return sequence.ToShape();
    }

    /// <summary>
    /// <paramref name="shape"/> as a started task when <paramref name="value"/> is a task that is not awaited here (it
    /// is stored, passed on or dropped): it runs concurrently with the tasks started next to it.
    /// </summary>
    private static Shape Started(Shape shape, IOperation? value)
        => shape.IsEmpty || shape is StartedShape || value is null || StripConversions(value) is IAwaitOperation || !IsTaskLike(value.Type) ? shape : new StartedShape(shape);

    private static bool IsTaskLike(ITypeSymbol? type)
        => type is INamedTypeSymbol { Name: "Task" or "ValueTask", ContainingNamespace: { Name: "Tasks", ContainingNamespace: { Name: "Threading", ContainingNamespace.Name: "System" } } };

    /// <summary>The operations one after another (a for loop's initializers and increments, a switch section).</summary>
    private Shape VisitAll(ImmutableArray<IOperation> operations, LoopContext? loop, int depth)
    {
        var sequence = default(ShapeSequence);
        foreach (var operation in operations)
        {
            sequence.Add(Visit(operation, loop, depth));
        }

        return sequence.ToShape();
    }

    private Shape VisitChildren(IOperation op, LoopContext? loop, int depth)
    {
        var sequence = default(ShapeSequence);
        foreach (var child in op.ChildOperations)
        {
            sequence.Add(Visit(child, loop, depth));
        }

        return sequence.ToShape();
    }

    /// <summary>Past the depth limit: every recognized call below, in order, without structure (no recursion).</summary>
    private Shape Flat(IOperation op, LoopContext? loop)
    {
        var sequence = default(ShapeSequence);
        foreach (var descendant in op.DescendantsAndSelf())
        {
            if (descendant is IInvocationOperation invocation && Classify(invocation.TargetMethod, invocation, loop) is Shape shape)
            {
                sequence.Add(shape);
            }
        }

        return sequence.ToShape();
    }

    private ValueFacts? LocalFacts(ILocalSymbol local) => _localFacts.TryGetValue(local, out var facts) ? facts : null;

    /// <summary>Records what a local holds; most locals hold nothing of interest and are not stored.</summary>
    private void SetLocalFacts(ILocalSymbol local, ValueFacts facts)
    {
        if (facts.IsEmpty)
        {
            _localFacts.Remove(local);
        }
        else
        {
            _localFacts.Set(local, facts);
        }
    }

    private Shape VisitDeclarator(IVariableDeclaratorOperation declarator, LoopContext? loop, int depth)
    {
        var initializer = declarator.Initializer?.Value;
        if (initializer is null)
        {
            return Shape.Empty;
        }

        var local = declarator.Symbol;
        var stripped = StripConversions(initializer);
        if (stripped is IAnonymousFunctionOperation lambda || (stripped is IDelegateCreationOperation { Target: IAnonymousFunctionOperation created } && (lambda = created) is not null))
        {
            _localLambdas.Set(local, lambda);
            return Shape.Empty;
        }

        var shape = Started(Visit(initializer, loop, depth), initializer);
        if (IsDeferredQuery(stripped) && !shape.IsEmpty)
        {
            _deferredQueries.Set(local, shape);
            shape = Shape.Empty;
        }

        if (_symbols.HasSemanticKernel && MentionsAutoInvoke(initializer))
        {
            _autoInvokeLocals.Set(local, true);
        }

        SetLocalFacts(local, FactsExtractor.Extract(initializer, LocalFacts, _symbols));
        var count = CountOf(initializer);
        if (count.IsBounded)
        {
            _localCounts.Set(local, count);
        }

        return shape;
    }

    private bool IsDeferredQuery(IOperation value)
        => value is IInvocationOperation invocation && _symbols.IsLinq(invocation.TargetMethod.ContainingType)
            && invocation.TargetMethod.ReturnType.Name is "IEnumerable" or "IOrderedEnumerable" or "IAsyncEnumerable" or "IOrderedAsyncEnumerable" or "ParallelQuery" or "OrderedParallelQuery";

    private Shape VisitSwitch(ISwitchOperation switchStatement, LoopContext? loop, int depth)
    {
        var arms = ImmutableArray.CreateBuilder<Shape>();
        bool hasDefault = false;
        foreach (var section in switchStatement.Cases)
        {
            hasDefault |= section.Clauses.Any(c => c.CaseKind == CaseKind.Default);
            arms.Add(VisitAll(section.Body, loop, depth));
        }

        if (!hasDefault)
        {
            arms.Add(Shape.Empty);
        }

        return Shape.Sequence(ImmutableArray.Create(Visit(switchStatement.Value, loop, depth), Shape.Branch(arms.ToImmutable())));
    }

    private Shape VisitTry(ITryOperation tryOperation, LoopContext? loop, int depth)
    {
        var body = Visit(tryOperation.Body, loop, depth);
        var finallyShape = Visit(tryOperation.Finally, loop, depth);
        Shape? degraded = null;
        var handlers = ImmutableArray.CreateBuilder<Shape>();
        foreach (var clause in tryOperation.Catches)
        {
            var handlerShape = Visit(clause.Handler, loop, depth);
            handlers.Add(handlerShape);
            bool swallows = CatchClauses.Swallows(clause, _symbols);
            if (swallows && degraded is null)
            {
                degraded = handlerShape;
            }
        }

        Shape protectedBody;
        if (degraded is null)
        {
            // Every handler rethrows (or only handles cancellation): the calls stay essential; a handler's own calls
            // may run too.
            protectedBody = handlers.Count == 0 || handlers.All(h => h.IsEmpty)
                ? body
                : Shape.Sequence(ImmutableArray.Create(body, Shape.Branch(handlers.ToImmutable().Add(Shape.Empty))));
        }
        else if (degraded.IsEmpty || body.IsEmpty)
        {
            protectedBody = body.IsEmpty ? Shape.Branch(ImmutableArray.Create(Shape.Empty, degraded)) : new OptionalShape(body);
        }
        else
        {
            // The handler makes calls of its own: a fallback.
            protectedBody = new FallbackShape(body, degraded);
        }

        return finallyShape.IsEmpty ? protectedBody : Shape.Sequence(ImmutableArray.Create(protectedBody, finallyShape));
    }

    private Shape VisitCreation(IObjectCreationOperation creation, LoopContext? loop, int depth)
    {
        var sequence = default(ShapeSequence);
        foreach (var argument in creation.Arguments)
        {
            sequence.Add(VisitArgument(argument.Value, loop, depth));
        }

        sequence.Add(Visit(creation.Initializer, loop, depth));
        if (creation.Constructor is { } constructor && IsSourceMethod(constructor))
        {
            sequence.Add(new InvokeShape(constructor.OriginalDefinition, creation.Syntax, loop));
        }

        return sequence.ToShape();
    }

    private bool IsSourceMethod(IMethodSymbol method)
        => SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, _assembly) && !method.IsAbstract && !method.IsExtern;

    private static IOperation StripConversions(IOperation op)
    {
        while (true)
        {
            switch (op)
            {
                case IConversionOperation conversion:
                    op = conversion.Operand;
                    continue;
                case IParenthesizedOperation parenthesized:
                    op = parenthesized.Operand;
                    continue;
                default:
                    return op;
            }
        }
    }
}
