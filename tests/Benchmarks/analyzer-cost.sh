#!/usr/bin/env bash
# Analyzer cost benchmark: what the analyzers and the generator add to a build. One command:   bash tests/Benchmarks/analyzer-cost.sh [N]
#   1. packs LlmCallAnalyzers once from a copy of the sources into a temporary folder feed (unique version);
#   2. generates two synthetic agent codebases with tests/Benchmarks/AnalyzerCost, N and 2N files (default N=300;
#      ~250 lines a file), each a project that references the packed package, Microsoft.Extensions.AI and Polly.Core,
#      restored into an isolated NUGET_PACKAGES folder;
#   3. builds each RUNS times (default 3) with -p:ReportAnalyzer=true -v:d -clp:PerformanceSummary, no build server,
#      and keeps the build with the median Csc time (a typical build, not the luckiest);
#   4. reads the Csc task time, LlmCallAnalyzers' analyzer and generator time, and the SDK's default NetAnalyzers time;
#      (this project does not reference LlmCallAnalyzers.Runtime, so the generator is not loaded: 0 s unless switched on);
#   5. prints a table and checks the targets: LlmCallAnalyzers' analyzers <= 3 % of the Csc time at 2N files (kept build),
#      growth N -> 2N <= 2.1x, and less than NetAnalyzers on the same build. Exits 1 when a target is missed. The growth
#      compares two sizes, so two sets of builds: it is the ratio of the medians of LlmCallAnalyzers' time over the RUNS
#      builds of each size (the ratio of two single builds moved between 1.5x and 2.5x on identical code here, with
#      a GC pause or a slow minute in one of them); the kept builds' ratio is printed beside it.
#   6. in the same rounds, paired with each of those builds, builds the project without LlmCallAnalyzers at all and with
#      the estimate generator on (-p:LlmCallAnalyzersEmitEstimates=true, as in a project that references the runtime):
#      what the analyzers and the generator add to the wall time of a first build, as medians of the paired differences;
#   7. the rebuild after a one-line edit in a helper (a prompt string, no estimate changes), through a compiler server
#      of its own (as an IDE or `dotnet build` with the build server keeps generator state between builds): generator
#      off and on in turn, RUNS pairs at 2N files, Csc time and wall time of the rebuild.
#   With the generator steps, it also checks the generator's targets: on a first build at 2N files, what it adds to the
#   wall time <= 3 % (median of the paired differences); its growth N -> 2N <= 2.1x (medians of its reported time); on the
#   rebuild, its reported time <= 1 % of Csc (median; it runs before the compiler binds anything and nothing runs beside
#   it, so its own time is what it adds: the paired wall times differ by more noise than that).
# Environment: N (or the first argument), RUNS, GENERATOR_ON=0 skips steps 6 and 7, KEEP_WORK=1 keeps the temporary folder.
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
  # -p:LlmBenchWithout=true builds without any LlmCallAnalyzers assembly (analyzers and generator): the "off" build.
  cat > "$dir/Directory.Build.targets" <<'XML'
<Project>
  <Target Name="LlmBenchRemoveLlmCallAnalyzers" BeforeTargets="CoreCompile" Condition="'$(LlmBenchWithout)' == 'true'">
    <ItemGroup>
      <Analyzer Remove="@(Analyzer)" Condition="$([System.String]::Copy('%(Filename)').StartsWith('LlmCallAnalyzers'))" />
    </ItemGroup>
  </Target>
</Project>
XML
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

# build_once DIR LOG [extra MSBuild arguments...]: one build; its wall time (s) goes to LOG.wall.
build_once() {
  local dir="$1" log="$2"; shift 2
  local start end
  start="$(date +%s.%N)"
  if ! (cd "$dir" && dotnet "${BUILD_ARGS[@]}" "$@" > "$log" 2>&1); then
    grep -E ": error " "$log" | sort -u | head -20 || true
    echo "FAIL: $dir does not build (log: $log)"; exit 1
  fi
  if grep -qE "warning (CS8032|CS9057)" "$log"; then
    grep -E "warning (CS8032|CS9057)" "$log" | head -3
    echo "FAIL: the analyzer was not loaded"; exit 1
  fi
  end="$(date +%s.%N)"
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", b - a }' > "$log.wall"
}

# csc_of LOG: the Csc task's seconds from the performance summary; gen_of LOG: LlmTaskEstimateGenerator's seconds (0 when absent).
csc_of() { awk '$1 ~ /^[0-9]+$/ && $2 == "ms" && $3 == "Csc" { print $1 / 1000; exit }' "$1"; }
gen_of() { awk '/Total generator execution time:/ { g = 1 } g && $3 == "LlmCallAnalyzers.Generators.LlmTaskEstimateGenerator" { v = $1; sub(/^</, "", v); print v + 0; found = 1; exit } END { if (!found) print 0 }' "$1"; }
ana_of() { awk '/Total analyzer execution time:/ { a = 1 } /Total generator execution time:/ { a = 0 } a && $3 == "LlmCallAnalyzers.Analyzers," { v = $1; sub(/^</, "", v); print v + 0; found = 1; exit } END { if (!found) print 0 }' "$1"; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print 0; else print v[int((NR + 1) / 2)] }'; }

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
      if (sec == "g" && name == "LlmCallAnalyzers.Generators.LlmTaskEstimateGenerator") { llm_g = secs($1); seen_g = 1 }
    }
    END {
      if (!csc || !seen_a || !seen_task || !seen_net) { print "missing"; exit }
      printf "%.3f %.3f %.3f %.3f %.3f %.3f %.3f %.3f\n", csc, total_a, llm_a, llm_task, llm_attr, llm_g, total_g, net
    }' "$1"
}

SMALL="$N"; LARGE=$((2 * N))
echo "== 3. generate $SMALL and $LARGE files"
make_project "$WORK/n$SMALL" "$SMALL"
make_project "$WORK/n$LARGE" "$LARGE"
echo "   $(cat "$WORK/n$SMALL/size.txt" | awk '{print $1 " files / " $2 " lines"}'); $(cat "$WORK/n$LARGE/size.txt" | awk '{print $1 " files / " $2 " lines"}')"

echo "== 4. build each $RUNS time(s): dotnet ${BUILD_ARGS[*]}"
declare -A BEST LOAD ALL OURS MEDIAN
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
    if [ "${GENERATOR_ON:-1}" = "1" ]; then
      # Paired with the build above, in the same round: without LlmCallAnalyzers, and with the generator on.
      build_once "$WORK/n$size" "$WORK/without-$size-$run.log" -p:LlmBenchWithout=true
      build_once "$WORK/n$size" "$WORK/generator-$size-$run.log" -p:LlmCallAnalyzersEmitEstimates=true
      if [ "$(gen_of "$WORK/generator-$size-$run.log")" = "0" ] || ! grep -q "LlmTaskEstimateGenerator" "$WORK/generator-$size-$run.log"; then
        echo "FAIL: the estimate generator did not run in $WORK/generator-$size-$run.log"; exit 1
      fi
      echo "   $size files, run $run: wall without / analyzers / analyzers + generator (s) = $(cat "$WORK/without-$size-$run.log.wall") / $(cat "$log.wall") / $(cat "$WORK/generator-$size-$run.log.wall"); Csc $(csc_of "$WORK/without-$size-$run.log") / $(csc_of "$log") / $(csc_of "$WORK/generator-$size-$run.log"); generator $(gen_of "$WORK/generator-$size-$run.log") s"
    fi
  done
  # Keep the median build by Csc time (the lower middle for an even count): a typical build, not the luckiest.
  kept="$(printf '%s' "${ALL[$size]}" | sort -t'|' -k1,1g | sed -n "$(( (RUNS + 1) / 2 ))p")"
  IFS='|' read -r _ kept_run kept_load kept_figures <<< "$kept"
  BEST[$size]="$kept_figures"; LOAD[$size]="$kept_load"; cp "$WORK/build-$size-$kept_run.log" "$WORK/best-$size.log"
  # LlmCallAnalyzers' time (analyzers + generator) in every build of this size, and its median: what the growth uses.
  OURS[$size]="$(printf '%s' "${ALL[$size]}" | awk -F'|' 'NF { split($4, f, " "); printf "%.3f\n", f[3] + f[6] }')"
  MEDIAN[$size]="$(printf '%s\n' "${OURS[$size]}" | median)"
  echo "   $size files: kept run $kept_run (median Csc time of $RUNS); LlmCallAnalyzers $(printf '%s' "${OURS[$size]}" | paste -sd/ - | sed 's|/| / |g') s, median ${MEDIAN[$size]} s"
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
      -v sfig="${BEST[$SMALL]}" -v lfig="${BEST[$LARGE]}" -v sload="${LOAD[$SMALL]}" -v lload="${LOAD[$LARGE]}" \
      -v smed="${MEDIAN[$SMALL]}" -v lmed="${MEDIAN[$LARGE]}" -v sall="$(printf '%s' "${OURS[$SMALL]}" | paste -sd/ -)" -v lall="$(printf '%s' "${OURS[$LARGE]}" | paste -sd/ -)" -v runs="$RUNS" '
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
      growth = smed > 0 ? lmed / smed : 0
      kept_growth = small_ours > 0 ? large_ours / small_ours : 0
      share = 100 * large_ours / l[1]
      printf "\nLlmCallAnalyzers in each build: %s s (N), %s s (2N); medians %.2f s and %.2f s\n", sall, lall, smed, lmed
      printf "Growth N -> 2N (medians of %d builds): LlmCallAnalyzers %.2fx. Kept builds: LlmCallAnalyzers %.2fx (analyzers %.2fx, generator %.2fx); Csc %.2fx; NetAnalyzers %.2fx\n", runs, growth, kept_growth, (s[3] > 0 ? l[3] / s[3] : 0), (s[6] > 0 ? l[6] / s[6] : 0), l[1] / s[1], (s[8] > 0 ? l[8] / s[8] : 0)
      fail = 0
      ok1 = share <= 3; ok2 = growth <= 2.1; ok3 = small_ours < s[8] && large_ours < l[8]
      printf "\n%s  LlmCallAnalyzers analyzers <= 3 %% of Csc at %d files: %.2f %%\n", ok1 ? "PASS" : "FAIL", lfiles, share
      printf "%s  growth from %d to %d files <= 2.1x (medians of %d builds each): %.2fx\n", ok2 ? "PASS" : "FAIL", sfiles, lfiles, runs, growth
      printf "%s  less than the default NetAnalyzers on the same build: %.2f s vs %.2f s (N), %.2f s vs %.2f s (2N)\n", ok3 ? "PASS" : "FAIL", small_ours, s[8], large_ours, l[8]
      printf "(analyzers alone, without the generator: %.2f %% of Csc at %d files)\n", 100 * l[3] / l[1], lfiles
      exit (ok1 && ok2 && ok3) ? 0 : 1
    }'
)" && status=0 || status=$?
if [ "${GENERATOR_ON:-1}" = "1" ]; then
  # Paired off/on first builds (step 6): per size, the median of each round's difference, and the shares of Csc.
  RESULT+=$'\n\n'"What a first build costs (--no-incremental, no build server; medians over $RUNS round(s) of paired builds)"$'\n'
  RESULT+="| build | files | without LlmCallAnalyzers: wall (s) | analyzers: wall (s) | analyzers added (wall) | analyzers / Csc | analyzers + generator: wall (s) | generator added (wall) | generator / Csc | analyzers + generator / Csc |"$'\n'
  RESULT+="| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  declare -A GEN_ADDED GEN_MEDIAN
  for size in "$SMALL" "$LARGE"; do
    rows=""
    for run in $(seq 1 "$RUNS"); do
      wo="$(cat "$WORK/without-$size-$run.log.wall")"; an="$(cat "$WORK/build-$size-$run.log.wall")"; ge="$(cat "$WORK/generator-$size-$run.log.wall")"
      an_share="$(awk -v a="$(ana_of "$WORK/build-$size-$run.log")" -v c="$(csc_of "$WORK/build-$size-$run.log")" 'BEGIN { print 100 * a / c }')"
      ge_log="$WORK/generator-$size-$run.log"
      ge_share="$(awk -v g="$(gen_of "$ge_log")" -v c="$(csc_of "$ge_log")" 'BEGIN { print 100 * g / c }')"
      both_share="$(awk -v a="$(ana_of "$ge_log")" -v g="$(gen_of "$ge_log")" -v c="$(csc_of "$ge_log")" 'BEGIN { print 100 * (a + g) / c }')"
      rows+="$wo $an $ge $(awk -v w="$wo" -v a="$an" 'BEGIN { print 100 * (a - w) / w }') $an_share $(awk -v a="$an" -v g="$ge" 'BEGIN { print 100 * (g - a) / a }') $ge_share $both_share"$'\n'
    done
    col() { printf '%s' "$rows" | awk -v c="$1" 'NF { print $c }' | median; }
    GEN_ADDED[$size]="$(col 6)"
    GEN_MEDIAN[$size]="$(for run in $(seq 1 "$RUNS"); do gen_of "$WORK/generator-$size-$run.log"; done | median)"
    RESULT+=$'\n'"$(awk -v size="$size" -v label="$([ "$size" = "$SMALL" ] && echo N || echo 2N)" -v wo="$(col 1)" -v an="$(col 2)" -v ge="$(col 3)" -v add_a="$(col 4)" -v sh_a="$(col 5)" -v add_g="$(col 6)" -v sh_g="$(col 7)" -v sh_b="$(col 8)" \
      'BEGIN { printf "| %s | %d | %.2f | %.2f | %+.1f %% | %.2f %% | %.2f | %+.1f %% | %.2f %% | %.2f %% |", label, size, wo, an, add_a, sh_a, ge, add_g, sh_g, sh_b }')"
  done

  # Step 7: the rebuild after a one-line edit in a helper, through a compiler server of this run's own (its pipe name is
  # unique; it is stopped by its process id at the end). Incremental builds: only the compile reruns.
  PIPE="llmcall-bench-$$"
  REBUILD_ARGS=(build -c Release --no-restore -p:ReportAnalyzer=true -v:d -clp:PerformanceSummary -nodeReuse:false
    -p:UseSharedCompilation=true "-p:SharedCompilationId=$PIPE")
  helper="$WORK/n$LARGE/src/M0001.cs"
  grep -q 'sb.Append("Focus on: ")' "$helper" || { echo "FAIL: the helper line to edit is not in $helper"; exit 1; }
  toggle_helper() {
    if grep -q 'sb.Append("Focus on: ")' "$helper"; then sed -i 's/sb.Append("Focus on: ")/sb.Append("Focus on - ")/' "$helper"
    else sed -i 's/sb.Append("Focus on - ")/sb.Append("Focus on: ")/' "$helper"; fi
  }
  rebuild() { # rebuild LOG on|off: a warm-up build, the one-line edit, the measured rebuild
    local log="$1" on="$2" start end
    toggle_helper
    (cd "$WORK/n$LARGE" && dotnet "${REBUILD_ARGS[@]}" "-p:LlmCallAnalyzersEmitEstimates=$on" > "$log.warm" 2>&1) || { echo "FAIL: warm-up build ($log.warm)"; exit 1; }
    toggle_helper
    start="$(date +%s.%N)"
    (cd "$WORK/n$LARGE" && dotnet "${REBUILD_ARGS[@]}" "-p:LlmCallAnalyzersEmitEstimates=$on" > "$log" 2>&1) || { echo "FAIL: rebuild ($log)"; exit 1; }
    end="$(date +%s.%N)"
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", b - a }' > "$log.wall"
    grep -qE "Using shared compilation with compiler from directory|Named pipe '[^']+' connected" "$log" || echo "   (note: $log does not show the shared compiler in use)"
  }
  rows=""
  for run in $(seq 1 "$RUNS"); do
    rebuild "$WORK/rebuild-off-$run.log" false
    rebuild "$WORK/rebuild-on-$run.log" true
    off="$WORK/rebuild-off-$run.log"; on="$WORK/rebuild-on-$run.log"
    echo "   rebuild after a one-line helper edit, $LARGE files, run $run: wall off / on (s) = $(cat "$off.wall") / $(cat "$on.wall"); Csc $(csc_of "$off") / $(csc_of "$on"); generator $(gen_of "$on") s"
    rows+="$(cat "$off.wall") $(cat "$on.wall") $(awk -v f="$(cat "$off.wall")" -v n="$(cat "$on.wall")" 'BEGIN { print 100 * (n - f) / f }') $(csc_of "$off") $(csc_of "$on") $(awk -v g="$(gen_of "$on")" -v c="$(csc_of "$on")" 'BEGIN { print 100 * g / c }')"$'\n'
  done
  server="$(pgrep -f -- "-pipename:$PIPE" || true)"
  for pid in $server; do kill "$pid" 2>/dev/null || true; done
  col() { printf '%s' "$rows" | awk -v c="$1" 'NF { print $c }' | median; }
  RESULT+=$'\n\n'"The rebuild after a one-line edit in a helper ($LARGE files, compiler server, medians over $RUNS pair(s))"$'\n'
  RESULT+="| rebuild | generator off: wall (s) | generator on: wall (s) | generator added (wall) | Csc off (s) | Csc on (s) | generator / Csc |"$'\n'
  RESULT+="| --- | ---: | ---: | ---: | ---: | ---: | ---: |"$'\n'
  RESULT+="$(awk -v a="$(col 1)" -v b="$(col 2)" -v d="$(col 3)" -v c1="$(col 4)" -v c2="$(col 5)" -v g="$(col 6)" 'BEGIN { printf "| one-line helper edit | %.2f | %.2f | %+.1f %% | %.2f | %.2f | %.2f %% |", a, b, d, c1, c2, g }')"
  GENERATOR_CHECKS="$(awk -v first="${GEN_ADDED[$LARGE]}" -v small="${GEN_MEDIAN[$SMALL]}" -v large="${GEN_MEDIAN[$LARGE]}" -v rebuild="$(col 6)" -v files="$LARGE" -v sfiles="$SMALL" '
    BEGIN {
      growth = small > 0 ? large / small : 0
      ok1 = first <= 3; ok2 = growth <= 2.1; ok3 = rebuild <= 1
      printf "%s  estimate generator, first build at %d files: adds <= 3 %% to the wall time: %+.1f %%\n", ok1 ? "PASS" : "FAIL", files, first
      printf "%s  estimate generator growth from %d to %d files <= 2.1x (medians of its time): %.2fx\n", ok2 ? "PASS" : "FAIL", sfiles, files, growth
      printf "%s  estimate generator, rebuild after a one-line helper edit: <= 1 %% of Csc: %.2f %%\n", ok3 ? "PASS" : "FAIL", rebuild
      exit (ok1 && ok2 && ok3) ? 0 : 1
    }')" && generator_status=0 || generator_status=$?
  RESULT+=$'\n\n'"$GENERATOR_CHECKS"
  if [ "$generator_status" -ne 0 ]; then status=1; fi
fi
echo "$RESULT"
if [ -n "${RESULT_FILE:-}" ]; then echo "$RESULT" > "$RESULT_FILE"; fi
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$status" -ne 0 ]; then echo "FAIL analyzer-cost"; exit 1; fi
echo "PASS analyzer-cost"
