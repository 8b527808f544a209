#!/usr/bin/env bash
# The LlmCallAnalyzers package as a consumer gets it (analyzer, attributes, fan-out and SLO rules):
#   1. packs LlmCallAnalyzers from a copy of the sources into a temporary folder feed (unique version);
#   2. creates a fresh console project that references the packed package and the real LLM SDKs, restored into an
#      isolated NUGET_PACKAGES folder, with `dotnet_diagnostic.LLM001.severity = warning`;
#   3. builds it with the SDK's compiler and again with Microsoft.Net.Compilers.Toolset 4.14.0, and checks that the
#      diagnostics are exactly the ones marked "// expect: ID" in analyzer-consumer/*.cs — no more, no fewer — both in
#      the build output and in the build's SARIF log (-p:ErrorLog); and that the relatedLocations of each LLM003 named
#      by "// related: LLM003 Task" markers are exactly the marked lines (calls and loops), the one marked "largest"
#      first and named in the message;
#   4. that the package's build targets make a command-line build report LLM001-LLM005 at compilation end (the compiler
#      feature on the csc command line) and a design-time build (what editors take their options from) not, and that a
#      build opting out (-p:LlmCallAnalyzersReportAtCompilationEnd=false, reporting live) gives the same diagnostics.
# Environment: KEEP_WORK=1 keeps the temporary folder.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
source "$HERE/common.sh"
llmcall_setup analyzer-consumer
APP="$WORK/app"; mkdir -p "$APP"

echo "== 1. pack LlmCallAnalyzers $VERSION"
llmcall_pack "$REPO" src/LlmCallAnalyzers.Package

echo "== 2. fresh consumer project (isolated NUGET_PACKAGES)"
export NUGET_PACKAGES="$WORK/packages"
llmcall_nuget_config "$APP/nuget.config"
echo '<Project />' > "$APP/Directory.Build.props"
echo '<Project />' > "$APP/Directory.Build.targets"
echo '<Project />' > "$APP/Directory.Packages.props"
cat > "$APP/Consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <LangVersion>latest</LangVersion>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
    <NoWarn>\$(NoWarn);NU1603;NU1608;CS1998;CS8618</NoWarn>
  </PropertyGroup>
  <PropertyGroup Condition="'\$(OldCompiler)' == 'true'">
    <RoslynCompilerType>Custom</RoslynCompilerType>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="LlmCallAnalyzers" Version="$VERSION" />
    <PackageReference Include="Microsoft.Extensions.AI" Version="10.11.0" />
    <PackageReference Include="OpenAI" Version="2.15.0" />
    <PackageReference Include="Microsoft.SemanticKernel.Core" Version="1.82.0" />
    <PackageReference Include="Anthropic" Version="13.14.0" />
    <PackageReference Include="Microsoft.Agents.AI" Version="1.28.0" />
    <PackageReference Include="Polly.Core" Version="8.9.1" />
  </ItemGroup>
  <ItemGroup Condition="'\$(OldCompiler)' == 'true'">
    <PackageReference Include="Microsoft.Net.Compilers.Toolset" Version="4.14.0" PrivateAssets="all" />
  </ItemGroup>
</Project>
XML
cat > "$APP/.editorconfig" <<'CFG'
root = true
[*.cs]
dotnet_diagnostic.LLM001.severity = warning
CFG
cp "$HERE"/analyzer-consumer/*.cs "$APP/"

# Expected: "File.cs:LINE:ID" for every "// expect: ID[,ID]" marker.
expected="$WORK/expected.txt"
for f in "$APP"/*.cs; do
  awk -v file="$(basename "$f")" '/\/\/ expect: / { s = $0; sub(/.*\/\/ expect: /, "", s); n = split(s, ids, ","); for (i = 1; i <= n; i++) { gsub(/ /, "", ids[i]); print file ":" FNR ":" ids[i] } }' "$f"
done | sort -u > "$expected"

check_build() {
  local label="$1"; shift
  local log="$WORK/build-$label.log"
  echo "== build ($label)"
  local sarif="$WORK/build-$label.sarif"
  if ! (cd "$APP" && dotnet build -c Release --no-incremental -nodeReuse:false --disable-build-servers -p:UseSharedCompilation=false "-p:ErrorLog=$sarif%2Cversion=2.1" -v:n "$@" > "$log" 2>&1); then
    grep -E "error" "$log" | sort -u | head -20 || true
    echo "FAIL ($label): the consumer project does not build"; return 1
  fi
  if grep -qE "warning (CS8032|CS9057)" "$log"; then
    grep -E "warning (CS8032|CS9057)" "$log" | head -3
    echo "FAIL ($label): the analyzer was not loaded"; return 1
  fi
  local actual="$WORK/actual-$label.txt"
  grep -oE '[A-Za-z]+\.cs\([0-9]+,[0-9]+\): warning LLM[0-9]{3}' "$log" \
    | sed -E 's/^([A-Za-z]+\.cs)\(([0-9]+),[0-9]+\): warning (LLM[0-9]{3})/\1:\2:\3/' | sort -u > "$actual"
  if ! diff -u "$expected" "$actual" > "$WORK/diff-$label.txt"; then
    cat "$WORK/diff-$label.txt"
    echo "FAIL ($label): diagnostics differ from the '// expect:' markers (- missing, + unexpected)"; return 1
  fi
  # The same diagnostics, read from the SARIF log the build wrote (what code-scanning tools consume).
  python3 - "$sarif" > "$WORK/sarif-$label.txt" <<'PY'
import json, os, sys
for run in json.load(open(sys.argv[1]))["runs"]:
    for result in run.get("results", []):
        if not result.get("ruleId", "").startswith("LLM"):
            continue
        for location in result.get("locations", []):
            physical = location["physicalLocation"]
            print(f'{os.path.basename(physical["artifactLocation"]["uri"])}:{physical["region"]["startLine"]}:{result["ruleId"]}')
PY
  sort -u -o "$WORK/sarif-$label.txt" "$WORK/sarif-$label.txt"
  if ! diff -u "$expected" "$WORK/sarif-$label.txt"; then
    echo "FAIL ($label): the SARIF log differs from the '// expect:' markers (- missing, + unexpected)"; return 1
  fi
  # LLM003's related locations: exactly the lines marked "// related: LLM003 Task", the "largest" one first and named.
  if ! python3 - "$sarif" "$APP" <<'PY'
import glob, json, os, re, sys
expected, largest = {}, {}
for path in sorted(glob.glob(os.path.join(sys.argv[2], "*.cs"))):
    for number, line in enumerate(open(path, encoding="utf-8"), 1):
        m = re.search(r"// related: (LLM\d{3}) (\w+)( largest)?", line)
        if m:
            place = f"{os.path.basename(path)}:{number}"
            expected.setdefault((m.group(1), m.group(2)), set()).add(place)
            if m.group(3):
                largest[(m.group(1), m.group(2))] = place
actual = {}
for run in json.load(open(sys.argv[1]))["runs"]:
    for result in run.get("results", []):
        text = result.get("message", {}).get("text", "")
        m = re.match(r"'(\w+)'", text)
        if result.get("ruleId") == "LLM003" and m:
            related = [f'{os.path.basename(r["physicalLocation"]["artifactLocation"]["uri"])}:{r["physicalLocation"]["region"]["startLine"]}'
                       for r in result.get("relatedLocations", [])]
            actual[("LLM003", m.group(1))] = (related, text)
ok = True
for key, places in sorted(expected.items()):
    related, text = actual.get(key, ([], ""))
    if set(related) != places or len(related) != len(places):
        print(f"{key[0]} on '{key[1]}': relatedLocations {related}, expected {sorted(places)}"); ok = False
    elif key in largest and (related[0] != largest[key] or f"at {largest[key]}" not in text):
        print(f"{key[0]} on '{key[1]}': largest contributor {largest[key]} is not first or not named: {related} / {text}"); ok = False
    else:
        print(f"  {key[0]} on '{key[1]}' relatedLocations: {', '.join(related)}")
sys.exit(0 if ok and expected else 1)
PY
  then
    echo "FAIL ($label): the relatedLocations in the SARIF log differ from the '// related:' markers"; return 1
  fi
  grep -E 'warning LLM00[23]' "$log" | sed -E 's/^.*warning /  /; s/ \[.*$//' | sort -u | head -12
  echo "ok ($label): $(wc -l < "$actual") diagnostics, exactly as marked, in the build output and its SARIF log"
}

check_build sdk
if ! grep -q "llm-call-analyzers-report=compilation-end" "$WORK/build-sdk.log"; then
  echo "FAIL: the command-line build did not pass the compilation-end reporting feature to the compiler"; exit 1
fi
design_time="$(cd "$APP" && dotnet msbuild -nologo -getProperty:Features -p:DesignTimeBuild=true)"
if [[ "$design_time" == *llm-call-analyzers-report* ]]; then
  echo "FAIL: a design-time build sets the compilation-end reporting feature ($design_time)"; exit 1
fi
echo "ok: a command-line build reports at compilation end, a design-time build live"
check_build live-in-build -p:LlmCallAnalyzersReportAtCompilationEnd=false
if grep -q "llm-call-analyzers-report=compilation-end" "$WORK/build-live-in-build.log"; then
  echo "FAIL: LlmCallAnalyzersReportAtCompilationEnd=false did not keep the live reporting"; exit 1
fi
# The estimate generator is loaded only where its output is read (a reference to LlmCallAnalyzers.Runtime, or
# LlmCallAnalyzersEmitEstimates=true); this project has no runtime reference, so the compiler never sees it.
if grep -q "LlmCallAnalyzers.Generators.dll" "$WORK/build-sdk.log" || ! grep -q "LlmCallAnalyzers.Analyzers.dll" "$WORK/build-sdk.log"; then
  echo "FAIL: the default build passed the estimate generator to the compiler (or not the analyzers)"; exit 1
fi
check_build with-estimates -p:LlmCallAnalyzersEmitEstimates=true
if ! grep -q "LlmCallAnalyzers.Generators.dll" "$WORK/build-with-estimates.log"; then
  echo "FAIL: LlmCallAnalyzersEmitEstimates=true did not pass the estimate generator to the compiler"; exit 1
fi
if ! find "$APP/bin/Release" -name Consumer.dll -exec grep -c "LlmTaskEstimateAttribute" {} + | grep -qv "^0$"; then
  echo "FAIL: with LlmCallAnalyzersEmitEstimates=true the built assembly has no [LlmTaskEstimate]"; exit 1
fi
echo "ok: the estimate generator is off the compiler's list by default and embeds estimates when switched on"
check_build toolset-4.14 -p:OldCompiler=true
log="$WORK/build-toolset-4.14.log"
if ! grep -qiE "microsoft\.net\.compilers\.toolset/4\.14\.0/tasks/[a-z0-9]+/bincore/csc\.dll" "$log"; then
  echo "FAIL: the second build did not run the 4.14.0 compiler"; exit 1
fi
echo "ok: the 4.14.0 toolset compiler ran the analyzer"
echo "PASS analyzer-consumer"
