using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace LlmCallAnalyzers.Cli.Loading;

/// <summary>Runs <c>dotnet restore</c> on the input before MSBuildWorkspace opens it (unless <c>--no-restore</c>).</summary>
internal static class DotnetRestore
{
    public static async Task RunAsync(string path, IReadOnlyDictionary<string, string> properties, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(MsBuildRegistration.DotnetExecutable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(path) ?? Environment.CurrentDirectory,
        };
        start.ArgumentList.Add("restore");
        start.ArgumentList.Add(path);
        start.ArgumentList.Add("-nologo");
        start.ArgumentList.Add("-v:q");
        foreach (var pair in properties)
        {
            start.ArgumentList.Add($"-p:{pair.Key}={pair.Value}");
        }

        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new CliException($"cannot run '{start.FileName} restore' ({ex.Message}); pass --no-restore after restoring yourself", ex);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }

            throw;
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            string text;
            lock (output)
            {
                text = output.ToString();
            }

            throw new CliException($"restore failed for {path}: {FirstError(text)}");
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null) return;
        lock (output)
        {
            output.AppendLine(line);
        }
    }

    /// <summary>The first MSBuild error line, without the project suffix, or the first non-empty line.</summary>
    internal static string FirstError(string text)
    {
        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        string? line = lines.FirstOrDefault(l => l.Contains(": error ", StringComparison.Ordinal))
            ?? lines.FirstOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase))
            ?? lines.FirstOrDefault();
        if (line is null)
        {
            return "dotnet restore exited with an error";
        }

        int bracket = line.LastIndexOf(" [", StringComparison.Ordinal);
        return bracket > 0 && line.EndsWith(']') ? line.Substring(0, bracket) : line;
    }
}
