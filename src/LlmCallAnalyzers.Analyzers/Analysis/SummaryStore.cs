using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// One compilation's summaries, computed on demand and kept for the compilation's lifetime: each declaration is
/// summarized once, whether its own operation-block callback asks first or a caller in another file reaches it first
/// (then its body is read from its declaring syntax through a semantic model of the store's own, without nullable
/// analysis). Results do not depend on which path or thread comes first. Thread-safe; the
/// memory it holds is one summary per declaration the analysis reaches, released with the compilation.
/// </summary>
internal sealed class SummaryStore
{
    private readonly MethodSummarizer _summarizer;
    private readonly Func<SyntaxTree, SemanticModel> _modelOf;
    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new();
    private readonly ConcurrentDictionary<ISymbol, OwnerSummary> _owners;
    private readonly ConcurrentDictionary<IMethodSymbol, MethodSummary> _lambdas;
    private readonly ConcurrentDictionary<IMethodSymbol, ISymbol[]> _holders;
    private readonly MemberFactIndex _memberFacts;
    // An edited program's store (see EditedSession): the declarations of the edited file summarized again (_owners),
    // everything else asked of the store it was derived from, which still holds for it.
    private readonly SummaryStore? _base;

    /// <param name="compilation">The compilation.</param>
    /// <param name="summarizer">Builds summaries from operation blocks.</param>
    /// <param name="modelOf">The semantic model of a tree of <paramref name="compilation"/>, for declarations read from syntax.</param>
    public SummaryStore(Compilation compilation, MethodSummarizer summarizer, Func<SyntaxTree, SemanticModel> modelOf)
    {
        Compilation = compilation;
        _owners = DeclarationMaps.Create<ISymbol, OwnerSummary>(compilation, SymbolEqualityComparer.Default);
        _lambdas = DeclarationMaps.Create<IMethodSymbol, MethodSummary>(compilation, SymbolEqualityComparer.Default);
        _holders = DeclarationMaps.Create<IMethodSymbol, ISymbol[]>(compilation, SymbolEqualityComparer.Default);
        _summarizer = summarizer;
        _modelOf = modelOf;
        _memberFacts = new MemberFactIndex(this);
    }

    /// <summary>
    /// A store for an edited program in <paramref name="base"/>'s symbols: <paramref name="replaced"/> (the declarations
    /// of the edited file, summarized again from its new text) answer for themselves, every other declaration as in
    /// <paramref name="base"/>, and so do members' facts (the edit changed no assignment, see <see cref="EditedSession"/>).
    /// </summary>
    /// <param name="base">The store of the program before the edit (itself not derived).</param>
    /// <param name="replaced">The edited file's declarations and their new summaries, by original definition.</param>
    /// <param name="modelOf">Semantic models: of the edited file's new tree (in the edited compilation), else as <paramref name="base"/>'s.</param>
    public SummaryStore(SummaryStore @base, IReadOnlyDictionary<ISymbol, OwnerSummary> replaced, Func<SyntaxTree, SemanticModel> modelOf)
    {
        Compilation = @base.Compilation;
        _base = @base;
        _summarizer = @base._summarizer;
        _modelOf = modelOf;
        _owners = new ConcurrentDictionary<ISymbol, OwnerSummary>(SymbolEqualityComparer.Default);
        _lambdas = new ConcurrentDictionary<IMethodSymbol, MethodSummary>(SymbolEqualityComparer.Default);
        _holders = new ConcurrentDictionary<IMethodSymbol, ISymbol[]>(SymbolEqualityComparer.Default);
        _memberFacts = @base._memberFacts;
        foreach (var pair in replaced)
        {
            Keep(pair.Key, pair.Value);
        }
    }

    public Compilation Compilation { get; }

    public MethodSummarizer Summarizer => _summarizer;

    /// <summary>
    /// The semantic model through which <paramref name="tree"/>'s declarations are read when no operation-block
    /// callback hands them over: one a tree, made on first use and kept, so that a body is bound once. (A derived
    /// store's are the base store's, and its edited trees' come from its factory, which keeps them.)
    /// </summary>
    public SemanticModel ModelOf(SyntaxTree tree)
        => _base is not null ? _modelOf(tree) : _models.TryGetValue(tree, out var model) ? model : _models.GetOrAdd(tree, _modelOf(tree));

    /// <summary>
    /// Lets the semantic models go (a session kept between builds, see <see cref="RebuildSessions"/>): they hold every
    /// bound body. A tree read again afterwards gets a new one; the summaries stay.
    /// </summary>
    public void ReleaseModels() => _models.Clear();

    /// <summary>
    /// The summary of <paramref name="owner"/> (a method, field or property), from <paramref name="blocks"/> when
    /// given (an operation-block callback) or else from its declaring syntax.
    /// </summary>
    public OwnerSummary Owner(ISymbol owner, IReadOnlyList<IOperation>? blocks = null, CancellationToken cancellationToken = default)
    {
        var key = KeyOf(owner);
        if (_owners.TryGetValue(key, out var cached))
        {
            return cached;
        }

        if (_base is not null)
        {
            return _base.Owner(key, null, cancellationToken);
        }

        return Keep(key, _summarizer.Summarize(key, blocks ?? DeclarationBlocks.Of(key, ModelOf, cancellationToken)));
    }

    /// <summary>
    /// Summarizes <paramref name="owner"/>'s operation blocks without keeping the summary: a build summarizes the
    /// blocks its callbacks queued on every core at compilation end, then <see cref="Keep"/>s the summaries in the order
    /// the declarations came. Nothing may ask for <paramref name="owner"/> in between (it would be read again from syntax).
    /// </summary>
    public OwnerSummary Summarize(ISymbol owner, IReadOnlyList<IOperation> blocks) => _summarizer.Summarize(KeyOf(owner), blocks);

    /// <summary>Keeps a summary of <paramref name="owner"/> (the first one kept wins) and returns the kept one.</summary>
    public OwnerSummary Keep(ISymbol owner, OwnerSummary computed)
    {
        var kept = _owners.GetOrAdd(KeyOf(owner), computed);
        foreach (var body in kept.DelegateBodies)
        {
            _lambdas.TryAdd(body.Method, body);
            var holders = new List<ISymbol>(1);
            foreach (var assignment in kept.Assignments)
            {
                if (SymbolEqualityComparer.Default.Equals(assignment.Facts.Delegate, body.Method))
                {
                    holders.Add(assignment.Member);
                }
            }

            _holders.TryAdd(body.Method, holders.ToArray());
        }

        return kept;
    }

    /// <summary>The summary of a method (source method or stored lambda); null when it has no code or nothing to summarize.</summary>
    public MethodSummary? SummaryOf(IMethodSymbol method, CancellationToken cancellationToken = default)
    {
        if (method.MethodKind is MethodKind.AnonymousFunction or MethodKind.LocalFunction)
        {
            return _lambdas.TryGetValue(method, out var lambda) ? lambda
                : _base?.SummaryOf(method, cancellationToken);
        }

        return Owner(method, null, cancellationToken).Summary;
    }

    /// <summary>The fields and properties a stored lambda was assigned to (it runs where they are invoked).</summary>
    public IReadOnlyList<ISymbol> HoldersOf(IMethodSymbol lambda)
        => _holders.TryGetValue(lambda, out var holders) ? holders
            : _base?.HoldersOf(lambda) ?? System.Array.Empty<ISymbol>();

    /// <summary>The summaries this store holds itself: in a derived store, the edited files' declarations summarized again.</summary>
    public IEnumerable<KeyValuePair<ISymbol, OwnerSummary>> OwnSummaries => _owners;


    /// <summary>
    /// Tells the store that every declaration of the compilation outside <paramref name="generatedCode"/> has been
    /// summarized and kept (a build, at compilation end): what a member holds is then found from the kept summaries
    /// instead of by reading files (<see cref="MemberFactIndex.Complete"/>). Call before any member's facts are asked for.
    /// </summary>
    public void CompleteMemberFacts(GeneratedCodeRegions generatedCode) => _memberFacts.Complete(_owners, generatedCode);

    /// <summary>What a field or property holds, as far as its initializer and assignments say.</summary>
    public ValueFacts? FactsOf(ISymbol member, CancellationToken cancellationToken = default) => _memberFacts.FactsOf(member, cancellationToken);

    /// <summary>Every summary computed so far (for the CLI, after it has summarized every declaration).</summary>
    public IEnumerable<MethodSummary> Summaries()
    {
        foreach (var owner in _owners.Values)
        {
            foreach (var summary in owner.AllSummaries())
            {
                yield return summary;
            }
        }
    }

    /// <summary>The symbol summaries are kept under: the original definition.</summary>
    private static ISymbol KeyOf(ISymbol owner) => owner.OriginalDefinition;
}
