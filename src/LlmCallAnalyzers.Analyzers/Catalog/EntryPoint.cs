namespace LlmCallAnalyzers.Analyzers.Catalog;

/// <summary>
/// One known SDK method that makes a model request: the containing type's metadata name (as
/// <c>Compilation.GetTypeByMetadataName</c> takes it, e.g. <c>OpenAI.Chat.ChatClient</c> or
/// <c>Microsoft.Extensions.AI.IEmbeddingGenerator`2</c>) and the method name. Every overload with that name on that type
/// (and the same-named members of types that implement or derive from it) is an LLM call.
/// </summary>
/// <param name="TypeMetadataName">Metadata name of the declaring type, interface or static extension class.</param>
/// <param name="MethodName">Method name (all overloads).</param>
/// <param name="Provider">Provider key used for per-provider parameters (lower case).</param>
/// <param name="Package">The NuGet package that defines the type.</param>
/// <param name="Kind">What the method does.</param>
internal sealed record EntryPoint(string TypeMetadataName, string MethodName, string Provider, string Package, EntryPointKind Kind);
