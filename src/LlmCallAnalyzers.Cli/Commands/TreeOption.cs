using System.CommandLine;
using LlmCallAnalyzers.Cli.Output;

namespace LlmCallAnalyzers.Cli.Commands;

/// <summary>
/// <c>--tree</c> (only the paths to model calls) or <c>--tree full</c> (every node). A following token that is neither
/// <c>full</c> nor <c>pruned</c> is left to the command's arguments, so <c>report --tree MyApp.csproj</c> works.
/// </summary>
internal static class TreeOption
{
    public static Option<TreeMode?> Create(string description) => new("--tree")
    {
        Description = description,
        Arity = ArgumentArity.ZeroOrOne,
        CustomParser = result =>
        {
            if (result.Tokens.Count == 0)
            {
                return TreeMode.Pruned;
            }

            switch (result.Tokens[0].Value)
            {
                case "full":
                    return TreeMode.Full;
                case "pruned":
                    return TreeMode.Pruned;
                default:
                    result.OnlyTake(0);
                    return TreeMode.Pruned;
            }
        },
    };
}
