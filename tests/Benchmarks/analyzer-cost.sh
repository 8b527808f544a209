#!/usr/bin/env bash
# Analyzer cost benchmark: what the analyzers and the generator add to a build. One command:   bash tests/Benchmarks/analyzer-cost.sh [N]
#   1. packs LlmCallAnalyzers once from a copy of the sources into a temporary folder feed (unique version);
#   2. generates two synthetic agent codebases with tests/Benchmarks/AnalyzerCost, N and 2N files (default N=300;
#      ~250 lines a file), each a project that references the packed package, Microsoft.Extensions.AI and Polly.Core,
#      restored into an isolated NUGET_PACKAGES folder;
#   3. builds each RUNS times (default 3) with -p:ReportAnalyzer=true -v:d -clp:PerformanceSummary, no build server,
#      and keeps the build with the median Csc time (a typical build, not the luckiest);
#   4. reads the Csc task time, LlmCallAnalyzers' analyzer and generator time, and the SDK's default NetAnalyzers time;
#   5. prints a table and checks the targets: LlmCallAnalyzers <= 5 % of the Csc time at 2N files, growth N -> 2N
#      <= 2.2x, and less than NetAnalyzers on the same build. Exits 1 when a target is missed.
#   6. for information (not a target), builds the 2N project once more with the estimate generator on and prints its cost.
# Environment: N (or the first argument), RUNS, GENERATOR_ON=0 skips step 6, KEEP_WORK=1 keeps the temporary folder.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
N="${1:-${N:-300}}"
RUNS="${RUNS:-3}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/llmcall-analyzer-cost.XXXXXX")"
cleanup() { if [ "${KEEP_WORK:-0}" != "1" ]; then rm -rf "$WORK"; else echo "kept $WORK"; fi; }
trap cleanup EXIT

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 DOTNET_CLI_UI_LANGUAGE=en
unset MSBuildExtensionsPath MSBuildSDKsPath MSBUILD_EXE_PATH MSBuildLoadMicrosoftTargetsReadOnly MSBUILDNOINPROCNODE DOTNET_HOST_PATH || true

GLOBAL_PACKAGES="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
FEED="$WORK/feed"; SRC="$WORK/src-copy"; GEN="$WORK/generator"
VERSION="0.1.0-bench.$(date -u +%Y%m%d%H%M%S).$$"
mkdir -p "$FEED" "$SRC" "$GEN"

echo "== machine: $(nproc) cores, $(uname -sr), .NET SDK $(dotnet --version)"
echo "== load before: $(uptime | sed -E 's/.*load average: //')"

echo "== 1. pack LlmCallAnalyzers $VERSION"
(cd "$REPO" && tar -c --exclude='./src/*/bin' --exclude='./src/*/obj' --exclude='./tests/Benchmarks/AnalyzerCost/bin' --exclude='./tests/Benchmarks/AnalyzerCost/obj' \
    ./src ./tests/Directory.Build.props ./tests/Benchmarks/AnalyzerCost ./global.json ./Directory.Build.props ./Directory.Packages.props ./README.md) | tar -x -C "$SRC"
(cd "$SRC" && dotnet pack src/LlmCallAnalyzers.Package -c Release -o "$FEED" -p:PackageVersion="$VERSION" \
    -p:UseSharedCompilation=false -nodeReuse:false --disable-build-servers -v:q -nologo)
ls -1 "$FEED"

echo "== 2. build the codebase generator"
(cd "$SRC" && dotnet build tests/Benchmarks/AnalyzerCost -c Release -o "$GEN" \
    -p:UseSharedCompilation=false -nodeReuse:false --disable-build-servers -v:q -nologo)

export NUGET_PACKAGES="$WORK/packages"

# make_project DIR FILES: a fresh project with FILES generated modules, restored; writes "FILES LINES" to DIR/size.txt.
make_project() {
  local dir="$1" files="$2"
  mkdir -p "$dir/src"
  {
    echo '<?xml version="1.0" encoding="utf-8"?><configuration><packageSources><clear />'
    echo "<add key=\"llmcall-feed\" value=\"$FEED\" />"
    if [ -d "$GLOBAL_PACKAGES" ]; then echo "<add key=\"machine-package-cache\" value=\"$GLOBAL_PACKAGES\" />"; fi
    echo '</packageSources></configuration>'
  } > "$dir/nuget.config"
  echo '<Project />' > "$dir/Directory.Build.props"
  echo '<Project />' > "$dir/Directory.Build.targets"
  echo '<Project />' > "$dir/Directory.Packages.props"
  # The SDK's default analysis (AnalysisLevel/AnalysisMode untouched): the NetAnalyzers every build runs.
  cat > "$dir/Agents.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <OutputType>Library</OutputType>
    <Nullable>enable</Nullable>
    <LangVersion>latest</LangVersion>
    <ImplicitUsings>disable</ImplicitUsings>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
    <NoWarn>\$(NoWarn);NU1603;NU1608</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="LlmCallAnalyzers" Version="$VERSION" />
    <PackageReference Include="Microsoft.Extensions.AI" Version="10.11.0" />
    <PackageReference Include="Polly.Core" Version="8.9.1" />
  </ItemGroup>
</Project>
XML
  dotnet "$GEN/AnalyzerCost.dll" --files "$files" --out "$dir/src" | sed -E 's/ files, / /; s/ lines//' > "$dir/size.txt"
  if ! (cd "$dir" && dotnet restore -nologo -v:q > "$dir/restore.log" 2>&1); then
    cat "$dir/restore.log"; echo "FAIL: restore of $dir"; exit 1
  fi
}

BUILD_ARGS=(build -c Release --no-incremental --no-restore -p:ReportAnalyzer=true -v:d -clp:PerformanceSummary
  -nodeReuse:false -p:UseSharedCompilation=false --disable-build-servers)

build_once() {
  local dir="$1" log="$2"
  if ! (cd "$dir" && dotnet "${BUILD_ARGS[@]}" > "$log" 2>&1); then
    grep -E ": error " "$log" | sort -u | head -20 || true
    echo "FAIL: $dir does not build (log: $log)"; exit 1
  fi
  if grep -qE "warning (CS8032|CS9057)" "$log"; then
    grep -E "warning (CS8032|CS9057)" "$log" | head -3
    echo "FAIL: the analyzer was not loaded"; exit 1
  fi
}

# parse_log LOG: one line of seconds,
#   csc total_analyzers llm_analyzers llm_task llm_attr llm_generator total_generators netanalyzers
# read from the Csc task's ReportAnalyzer tables ("Total analyzer execution time" / "Total generator execution time",
# rows "<seconds> <percent> <assembly or analyzer>") and the PerformanceSummary line "<ms> ms  Csc  1 calls".
parse_log() {
  awk '
    function secs(v) { sub(/^</, "", v); return v + 0 }
    /Total analyzer execution time:/ { sec = "a"; total_a = secs($(NF - 1)); next }
    /Total generator execution time:/ { sec = "g"; total_g = secs($(NF - 1)); next }
    /Task Performance Summary:/ { sec = "" }
    $1 ~ /^[0-9]+$/ && $2 == "ms" && $3 == "Csc" { csc = $1 / 1000 }
    sec != "" && $1 ~ /^<?[0-9.]+$/ && $2 ~ /^<?[0-9]+$/ {
      name = $3
      if (sec == "a" && name == "LlmCallAnalyzers.Analyzers,") { llm_a = secs($1); seen_a = 1 }
      if (sec == "a" && name == "LlmCallAnalyzers.Analyzers.LlmTaskAnalyzer") { llm_task = secs($1); seen_task = 1 }
      if (sec == "a" && name == "LlmCallAnalyzers.Analyzers.AttributeArgumentAnalyzer") { llm_attr = secs($1) }
      if (sec == "a" && (name == "Microsoft.CodeAnalysis.NetAnalyzers," || name == "Microsoft.CodeAnalysis.CSharp.NetAnalyzers,")) { net += secs($1); seen_net = 1 }
      if (sec == "g" && name == "LlmCallAnalyzers.Analyzers.LlmTaskEstimateGenerator") { llm_g = secs($1); seen_g = 1 }
    }
    END {
      if (!csc || !seen_a || !seen_task || !seen_net || !seen_g) { print "missing"; exit }
      printf "%.3f %.3f %.3f %.3f %.3f %.3f %.3f %.3f\n", csc, total_a, llm_a, llm_task, llm_attr, llm_g, total_g, net
    }' "$1"
}

SMALL="$N"; LARGE=$((2 * N))
echo "== 3. generate $SMALL and $LARGE files"
make_project "$WORK/n$SMALL" "$SMALL"
make_project "$WORK/n$LARGE" "$LARGE"
echo "   $(cat "$WORK/n$SMALL/size.txt" | awk '{print $1 " files / " $2 " lines"}'); $(cat "$WORK/n$LARGE/size.txt" | awk '{print $1 " files / " $2 " lines"}')"

echo "== 4. build each $RUNS time(s): dotnet ${BUILD_ARGS[*]}"
declare -A BEST LOAD ALL
for size in "$SMALL" "$LARGE"; do
  for run in $(seq 1 "$RUNS"); do
    load="$(cut -d' ' -f1-3 /proc/loadavg)"
    log="$WORK/build-$size-$run.log"
    build_once "$WORK/n$size" "$log"
    figures="$(parse_log "$log")"
    if [ "$figures" = "missing" ]; then
      echo "FAIL: no Csc time or no LlmCallAnalyzers / NetAnalyzers rows in $log (ReportAnalyzer output changed?)"; exit 1
    fi
    echo "   $size files, run $run (load before: $load): csc, all analyzers, LlmCallAnalyzers analyzers, LlmTaskAnalyzer, AttributeArgumentAnalyzer, LlmTaskEstimateGenerator, all generators, NetAnalyzers (s) = $figures"
    ALL[$size]+="${figures%% *}|$run|$load|$figures"$'\n'
  done
  # Keep the median build by Csc time (the lower middle for an even count): a typical build, not the luckiest.
  kept="$(printf '%s' "${ALL[$size]}" | sort -t'|' -k1,1g | sed -n "$(( (RUNS + 1) / 2 ))p")"
  IFS='|' read -r _ kept_run kept_load kept_figures <<< "$kept"
  BEST[$size]="$kept_figures"; LOAD[$size]="$kept_load"; cp "$WORK/build-$size-$kept_run.log" "$WORK/best-$size.log"
  echo "   $size files: kept run $kept_run (median Csc time of $RUNS)"
done

echo "== 5. diagnostics of LlmCallAnalyzers in each build (a build that is cheap because it reports nothing proves nothing)"
for size in "$SMALL" "$LARGE"; do
  # Each diagnostic appears twice in a detailed log (as it happens and in the summary): count distinct lines.
  counts="$(grep -oE "[^ ]+\.cs\([0-9]+,[0-9]+\): warning LLM[0-9]{3}" "$WORK/best-$size.log" | sort -u | grep -oE "LLM[0-9]{3}" | sort | uniq -c | awk '{printf "%s %s, ", $2, $1}')"
  echo "   $size files: ${counts%, }"
  # Compilation-end diagnostics, which every size reports (LLM004 needs enough files to reach a latency budget).
  for id in LLM002 LLM003 LLM006; do
    if ! grep -qE "warning $id" "$WORK/best-$size.log"; then
      echo "FAIL: the $size-file build reported no $id: the analyzer did not run or lost its diagnostics"; exit 1
    fi
  done
done

echo
echo "== LlmCallAnalyzers analyzer cost ($(nproc) cores, the median of $RUNS builds per size by Csc time)"
RESULT="$(
  awk -v small="$SMALL" -v large="$LARGE" \
      -v sfiles="$(cut -d' ' -f1 "$WORK/n$SMALL/size.txt")" -v slines="$(cut -d' ' -f2 "$WORK/n$SMALL/size.txt")" \
      -v lfiles="$(cut -d' ' -f1 "$WORK/n$LARGE/size.txt")" -v llines="$(cut -d' ' -f2 "$WORK/n$LARGE/size.txt")" \
      -v sfig="${BEST[$SMALL]}" -v lfig="${BEST[$LARGE]}" -v sload="${LOAD[$SMALL]}" -v lload="${LOAD[$LARGE]}" '
    function row(label, files, lines, fig, load,   f, ours) {
      split(fig, f, " ")
      ours = f[3] + f[6]
      printf "| %s | %d | %d | %.2f | %.2f | %.2f | %.2f | **%.2f %%** | %.2f | %.2f %% | %s |\n", label, files, lines, f[1], f[3], f[6], ours, 100 * ours / f[1], f[8], 100 * f[8] / f[1], load
      return ours
    }
    BEGIN {
      print "| build | files | lines | Csc (s) | LlmCallAnalyzers analyzers (s) | LlmTaskEstimateGenerator (s) | LlmCallAnalyzers total (s) | total / Csc | NetAnalyzers (s) | NetAnalyzers / Csc | load (1, 5, 15 min) |"
      print "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
      split(sfig, s, " "); split(lfig, l, " ")
      small_ours = row("N", sfiles, slines, sfig, sload)
      large_ours = row("2N", lfiles, llines, lfig, lload)
      growth = small_ours > 0 ? large_ours / small_ours : 0
      share = 100 * large_ours / l[1]
      printf "\nGrowth N -> 2N: LlmCallAnalyzers %.2fx (analyzers %.2fx, generator %.2fx); Csc %.2fx; NetAnalyzers %.2fx\n", growth, (s[3] > 0 ? l[3] / s[3] : 0), (s[6] > 0 ? l[6] / s[6] : 0), l[1] / s[1], (s[8] > 0 ? l[8] / s[8] : 0)
      fail = 0
      ok1 = share <= 5; ok2 = growth <= 2.2; ok3 = small_ours < s[8] && large_ours < l[8]
      printf "\n%s  LlmCallAnalyzers (analyzers + generator) <= 5 %% of Csc at %d files: %.2f %%\n", ok1 ? "PASS" : "FAIL", lfiles, share
      printf "%s  growth from %d to %d files <= 2.2x: %.2fx\n", ok2 ? "PASS" : "FAIL", sfiles, lfiles, growth
      printf "%s  less than the default NetAnalyzers on the same build: %.2f s vs %.2f s (N), %.2f s vs %.2f s (2N)\n", ok3 ? "PASS" : "FAIL", small_ours, s[8], large_ours, l[8]
      printf "(analyzers alone, without the generator: %.2f %% of Csc at %d files)\n", 100 * l[3] / l[1], lfiles
      exit (ok1 && ok2 && ok3) ? 0 : 1
    }'
)" && status=0 || status=$?
if [ "${GENERATOR_ON:-1}" = "1" ]; then
  # Not a target: the projects above reference the analyzer package only, so the estimate generator only checks
  # whether to run. A project that references LlmCallAnalyzers.Runtime turns it on; this one build shows its cost then.
  log="$WORK/build-$LARGE-generator-on.log"
  BUILD_ARGS+=(-p:LlmCallAnalyzersEmitEstimates=true)
  build_once "$WORK/n$LARGE" "$log"
  figures="$(parse_log "$log")"
  RESULT+="$(awk -v fig="$figures" -v files="$LARGE" 'BEGIN { split(fig, f, " "); printf "\n(for information, not a target) with the estimate generator on (-p:LlmCallAnalyzersEmitEstimates=true, as in a project that references LlmCallAnalyzers.Runtime), one %d-file build: LlmTaskEstimateGenerator %.2f s, analyzers %.2f s, of Csc %.2f s = %.1f %%", files, f[6], f[3], f[1], 100 * (f[3] + f[6]) / f[1] }')"
fi
echo "$RESULT"
if [ -n "${RESULT_FILE:-}" ]; then echo "$RESULT" > "$RESULT_FILE"; fi
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$status" -ne 0 ]; then echo "FAIL analyzer-cost"; exit 1; fi
echo "PASS analyzer-cost"
