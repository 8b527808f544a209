using System;
using System.IO;
using Microsoft.Build.Locator;

namespace LlmCallAnalyzers.Cli.Loading;

/// <summary>
/// Registers the .NET SDK's MSBuild with Microsoft.Build.Locator once per process. It must run before any method that
/// touches an MSBuild or MSBuildWorkspace type is compiled, so callers keep those in separate methods.
/// </summary>
internal static class MsBuildRegistration
{
    private static readonly object s_lock = new();
    private static string? s_dotnetPath;

    /// <summary>Registers the SDK (idempotent).</summary>
    public static void Ensure()
    {
        lock (s_lock)
        {
            if (MSBuildLocator.IsRegistered)
            {
                return;
            }

            try
            {
                var instance = MSBuildLocator.RegisterDefaults();
                s_dotnetPath = DotnetNextTo(instance.MSBuildPath);
            }
            catch (InvalidOperationException ex)
            {
                throw new CliException("no .NET SDK found to load projects with (" + ex.Message + ")", ex);
            }
        }
    }

    /// <summary>The <c>dotnet</c> executable of the registered SDK, or of this process, or <c>dotnet</c> on PATH.</summary>
    public static string DotnetExecutable
    {
        get
        {
            if (s_dotnetPath is not null)
            {
                return s_dotnetPath;
            }

            string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            if (!string.IsNullOrEmpty(host) && File.Exists(host))
            {
                return host;
            }

            string? process = Environment.ProcessPath;
            if (process is not null && Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            {
                return process;
            }

            return "dotnet";
        }
    }

    private static string? DotnetNextTo(string msbuildPath)
    {
        // <root>/sdk/<version>/ → <root>/dotnet
        var sdkVersion = new DirectoryInfo(msbuildPath.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
        var root = sdkVersion.Parent?.Parent;
        if (root is null)
        {
            return null;
        }

        string candidate = Path.Combine(root.FullName, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return File.Exists(candidate) ? candidate : null;
    }
}
