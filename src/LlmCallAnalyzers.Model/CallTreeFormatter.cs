using System.Globalization;
using System.Linq;
using System.Text;

namespace LlmCallAnalyzers.Model;

/// <summary>Writes a call tree as compact text, e.g. <c>seq(call openai, loop[5](call openai))</c>.</summary>
public static class CallTreeFormatter
{
    /// <summary>Formats <paramref name="tree"/>; depth beyond <paramref name="maxDepth"/> is elided.</summary>
    public static string Format(CallTree tree, int maxDepth = 8)
    {
        var sb = new StringBuilder();
        Write(sb, tree, maxDepth);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, CallTree node, int depth)
    {
        if (depth < 0)
        {
            sb.Append('…');
            return;
        }

        switch (node)
        {
            case CallNode c:
                sb.Append("call ").Append(c.Provider);
                if (c.Model is not null) sb.Append(':').Append(c.Model);
                break;
            case SequenceNode s:
                List(sb, "seq", s.Children.ToArray(), depth);
                break;
            case ParallelNode p:
                List(sb, "par", p.Children.ToArray(), depth);
                break;
            case BranchNode { DispatchedMember: { } member } b:
                List(sb, "dispatch[" + member + "]", b.Arms.ToArray(), depth);
                break;
            case BranchNode b:
                List(sb, "branch", b.Arms.ToArray(), depth);
                break;
            case LoopNode l:
                sb.Append(l.MaxIterations is int n
                    ? (l.MinIterations == n ? $"loop[{n}]" : $"loop[{l.MinIterations}..{n}]")
                    : "unbounded");
                sb.Append('(');
                Write(sb, l.Body, depth - 1);
                sb.Append(')');
                break;
            case RetryNode r:
                sb.Append(r.Hedged ? "hedge" : "retry").Append('[').Append(r.ExtraAttempts.ToString(CultureInfo.InvariantCulture)).Append("](");
                Write(sb, r.Body, depth - 1);
                sb.Append(')');
                break;
            case FallbackNode f:
                List(sb, "fallback", new[] { f.Primary, f.Secondary }, depth);
                break;
            case OptionalNode o:
                sb.Append("optional(");
                Write(sb, o.Body, depth - 1);
                sb.Append(')');
                break;
            case DeclaredNode d:
                sb.Append("fanout[").Append(d.MaxCalls.ToString(CultureInfo.InvariantCulture)).Append("](");
                Write(sb, d.Body, depth - 1);
                sb.Append(')');
                break;
        }
    }

    private static void List(StringBuilder sb, string name, CallTree[] children, int depth)
    {
        sb.Append(name).Append('(');
        for (int i = 0; i < children.Length; i++)
        {
            if (i > 0) sb.Append(", ");
            Write(sb, children[i], depth - 1);
        }

        sb.Append(')');
    }
}
