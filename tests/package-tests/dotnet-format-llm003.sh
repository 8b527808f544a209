#!/usr/bin/env bash
# The LLM003 code fix applied by `dotnet format analyzers` to a consumer project:
#   1. packs LlmCallAnalyzers (src/LlmCallAnalyzers.Package) from a copy of the sources into a temporary feed with a
#      unique version — or, when that project does not exist, builds the analyzer, model, code-fix and attributes
#      assemblies and references them directly (<Analyzer Include=…/> + <Reference>);
#   2. creates a fresh net10.0 console project referencing them, Polly.Core and Microsoft.Extensions.AI.Abstractions,
#      restored into an isolated NUGET_PACKAGES folder, with a task that makes 8 LLM calls under [TaskSlo(0.995)];
#   3. `dotnet build` must report LLM003 (99.20 % < 99.50 %);
#   4. `dotnet format analyzers <proj> --diagnostics LLM003 --severity info` must change the file;
#   5. `dotnet build` of the result must succeed with no errors and no LLM003.
# Environment: KEEP_WORK=1 keeps the temporary folder; LLMCALL_FORMAT_MODE=package|dlls forces one way of referencing.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
# shellcheck source=common.sh
source "$HERE/common.sh"
llmcall_setup format-llm003
APP="$WORK/app"; DLLS="$WORK/dlls"
mkdir -p "$APP" "$DLLS"
BUILD_FLAGS=(-nodeReuse:false --disable-build-servers -p:UseSharedCompilation=false -nologo)

MODE="${LLMCALL_FORMAT_MODE:-}"
if [ -z "$MODE" ]; then
  if [ -f "$REPO/src/LlmCallAnalyzers.Package/LlmCallAnalyzers.Package.csproj" ]; then MODE=package; else MODE=dlls; fi
fi

llmcall_copy_sources "$REPO"

if [ "$MODE" = package ]; then
  echo "== 1. pack LlmCallAnalyzers $VERSION (src/LlmCallAnalyzers.Package)"
  llmcall_pack "$REPO" src/LlmCallAnalyzers.Package
  PACKAGE_ITEMS="<PackageReference Include=\"LlmCallAnalyzers\" Version=\"$VERSION\" />"
else
  echo "== 1. build the analyzer, code-fix and attributes assemblies (no package project)"
  (cd "$SRC" && dotnet build src/LlmCallAnalyzers.CodeFixes -c Release -o "$DLLS" "${BUILD_FLAGS[@]}" -v:q)
  (cd "$SRC" && dotnet build src/LlmCallAnalyzers.Attributes -c Release -o "$DLLS" "${BUILD_FLAGS[@]}" -v:q)
  PACKAGE_ITEMS="<Analyzer Include=\"$DLLS/LlmCallAnalyzers.Analyzers.dll\" />
    <Analyzer Include=\"$DLLS/LlmCallAnalyzers.Model.dll\" />
    <Analyzer Include=\"$DLLS/LlmCallAnalyzers.CodeFixes.dll\" />
    <Reference Include=\"LlmCallAnalyzers.Attributes\"><HintPath>$DLLS/LlmCallAnalyzers.Attributes.dll</HintPath></Reference>"
fi

echo "== 2. fresh console project (isolated NUGET_PACKAGES, mode $MODE)"
export NUGET_PACKAGES="$WORK/packages"
llmcall_nuget_config "$APP/nuget.config"
echo '<Project />' > "$APP/Directory.Build.props"
echo '<Project />' > "$APP/Directory.Build.targets"
echo '<Project />' > "$APP/Directory.Packages.props"
cat > "$APP/FormatConsumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>enable</ImplicitUsings>
    <Nullable>enable</Nullable>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
    <NoWarn>\$(NoWarn);NU1603;NU1608</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    $PACKAGE_ITEMS
    <PackageReference Include="Microsoft.Extensions.AI.Abstractions" Version="10.11.0" />
    <PackageReference Include="Polly.Core" Version="8.9.1" />
  </ItemGroup>
</Project>
XML
cat > "$APP/.editorconfig" <<'CFG'
root = true
[*.cs]
dotnet_diagnostic.LLM001.severity = none
CFG
cat > "$APP/Program.cs" <<'CS'
using LlmCallAnalyzers;
using Microsoft.Extensions.AI;

Console.WriteLine(typeof(ResearchAgent).Name);

public sealed class ResearchAgent
{
    private readonly IChatClient _client;

    public ResearchAgent(IChatClient client) => _client = client;

    /// <summary>Eight sequential model calls: 0.999^8 = 99.20 % composed, below the 99.50 % promised.</summary>
    [TaskSlo(0.995)]
    public async Task<string> AnswerAsync(string question, CancellationToken cancellationToken = default)
    {
        var plan = await _client.GetResponseAsync("Plan the research for: " + question, cancellationToken: cancellationToken);
        var sources = await _client.GetResponseAsync("List sources for: " + plan.Text, cancellationToken: cancellationToken);
        var notes = await _client.GetResponseAsync("Take notes from: " + sources.Text, cancellationToken: cancellationToken);
        var outline = await _client.GetResponseAsync("Outline: " + notes.Text, cancellationToken: cancellationToken);
        var draft = await _client.GetResponseAsync("Draft: " + outline.Text, cancellationToken: cancellationToken);
        var critique = await _client.GetResponseAsync("Critique: " + draft.Text, cancellationToken: cancellationToken);
        var revision = await _client.GetResponseAsync("Revise: " + draft.Text + critique.Text, cancellationToken: cancellationToken);
        var answer = await _client.GetResponseAsync("Summarize: " + revision.Text);
        return answer.Text;
    }
}
CS
cp "$APP/Program.cs" "$WORK/Program.before.cs"

build() {
  local log="$1"
  (cd "$APP" && dotnet build --no-incremental "${BUILD_FLAGS[@]}" -v:n > "$log" 2>&1)
}

echo "== 3. dotnet build (expects LLM003)"
if ! build "$WORK/build-before.log"; then
  grep -E " error " "$WORK/build-before.log" | sort -u | head -20 || true
  echo "FAIL: the consumer project does not build before the fix"; exit 1
fi
if grep -qE "warning (CS8032|CS9057)" "$WORK/build-before.log"; then
  grep -E "warning (CS8032|CS9057)" "$WORK/build-before.log" | head -3
  echo "FAIL: the analyzer was not loaded"; exit 1
fi
if ! grep -qE "warning LLM003" "$WORK/build-before.log"; then
  grep -E "warning LLM" "$WORK/build-before.log" | sort -u | head || true
  echo "FAIL: LLM003 was not reported before the fix"; exit 1
fi
grep -E "warning LLM003" "$WORK/build-before.log" | sed -E 's/^.*warning /  /; s/ \[.*$//' | sort -u

echo "== 4. dotnet format analyzers FormatConsumer.csproj --diagnostics LLM003 --severity info"
(cd "$APP" && dotnet format analyzers FormatConsumer.csproj --diagnostics LLM003 --severity info --no-restore --verbosity detailed) > "$WORK/format.log" 2>&1 || {
  tail -30 "$WORK/format.log"; echo "FAIL: dotnet format exited non-zero"; exit 1; }
grep -iE "fix|format|LLM003|warn|error" "$WORK/format.log" | head -20 || true
if cmp -s "$WORK/Program.before.cs" "$APP/Program.cs"; then
  tail -30 "$WORK/format.log"
  echo "FAIL: dotnet format did not change Program.cs"; exit 1
fi
echo "-- the change:"
diff -u "$WORK/Program.before.cs" "$APP/Program.cs" | sed -n '1,80p' || true

echo "== 5. dotnet build of the fixed project (no errors, no LLM003)"
if ! build "$WORK/build-after.log"; then
  grep -E " error " "$WORK/build-after.log" | sort -u | head -20 || true
  echo "FAIL: the fixed project does not build"; exit 1
fi
if grep -qE "warning LLM003" "$WORK/build-after.log"; then
  grep -E "warning LLM003" "$WORK/build-after.log" | sort -u | head
  echo "FAIL: LLM003 still fires after the fix"; exit 1
fi
errors=$(grep -cE "[0-9]+ Error\(s\)" "$WORK/build-after.log" || true)
grep -E "^ *[0-9]+ (Warning|Error)\(s\)" "$WORK/build-after.log" | tail -2 | sed 's/^ */  /'
echo "PASS dotnet-format-llm003 (mode $MODE): LLM003 reported before, fixed by dotnet format, gone after; the fixed project builds"
