namespace LlmCallAnalyzers.Analyzers.Catalog;

/// <summary>What kind of model request an entry point makes.</summary>
internal enum EntryPointKind
{
    /// <summary>A chat / completion / response generation.</summary>
    Chat,

    /// <summary>A streaming generation (counts once per stream).</summary>
    Streaming,

    /// <summary>An embedding generation.</summary>
    Embedding,

    /// <summary>An agent run (may hide several model calls).</summary>
    Agent,

    /// <summary>A kernel function or prompt invocation.</summary>
    KernelInvocation,

    /// <summary>A multi-agent workflow or group chat run (runs several agents; see Catalog/Orchestrators).</summary>
    Workflow,
}
