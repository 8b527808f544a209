using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using LlmCallAnalyzers.Analyzers.Catalog;
using LlmCallAnalyzers.Model.Contracts;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// A method declaration that carries <c>[TaskSlo]</c> or <c>[AgentStep]</c>, by where it is: its file's path and the
/// declaration's start. (Not by symbol, which must not outlive the pipeline's first step; not by documentation ID, which
/// does not find a method again when its signature has an error type.)
/// </summary>
internal sealed record TaskRoot(string Path, int Position);
