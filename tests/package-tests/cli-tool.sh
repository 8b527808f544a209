#!/usr/bin/env bash
# The llmslo CLI as a user installs it (package LlmCallAnalyzers.Cli, docs/cli.md):
#   1. packs LlmCallAnalyzers.Cli (a .NET tool; its analyzer and model assemblies travel inside it) and the
#      LlmCallAnalyzers package (attributes + analyzer + estimate generator, for the sample app) from a copy of the
#      sources into a temporary folder feed, with a unique version;
#   2. `dotnet tool install LlmCallAnalyzers.Cli --tool-path DIR --add-source FEED --version V` into an isolated
#      NUGET_PACKAGES folder;
#   3. `llmslo report` on a fresh project of [TaskSlo] tasks: 20 sequential calls → 98.02 %, an unbounded loop →
#      unbounded, exit 1 (an SLO falls short);
#   4. builds that project (the generator embeds [assembly: LlmTaskEstimate]) and `llmslo confirm` telemetry in which
#      the task estimated at 12 calls made 15 → that task `exceeded`, exit 1;
#   5. `llmslo confirm` on telemetry where calls to a fine-tuned model after 25–90 minutes idle take about 4.6 s and
#      the rest (1–10 minutes idle) about 0.8 s → the cold-start line for that model (threshold between 10 and 25 min,
#      cold p50 4.6 s), none for a base model with the same gaps, exit 0 (cold starts are a finding, not a failure);
#   6. a malformed telemetry line and a missing project → exit 2, one line naming file and line, no stack trace.
# Prints "PASS cli-tool" at the end. Environment: KEEP_WORK=1 keeps the temporary folder.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
source "$HERE/common.sh"
llmcall_setup cli
APP="$WORK/app"; TOOLS="$WORK/tools"
mkdir -p "$APP" "$TOOLS"
fail() { echo "FAIL: $*"; exit 1; }

echo "== 1. pack LlmCallAnalyzers.Cli and LlmCallAnalyzers $VERSION"
llmcall_pack "$REPO" src/LlmCallAnalyzers.Package src/LlmCallAnalyzers.Cli

echo "== 2. dotnet tool install LlmCallAnalyzers.Cli --tool-path (isolated NUGET_PACKAGES)"
export NUGET_PACKAGES="$WORK/packages"
llmcall_nuget_config "$WORK/nuget.config"
(cd "$WORK" && dotnet tool install LlmCallAnalyzers.Cli --tool-path "$TOOLS" --add-source "$FEED" --version "$VERSION")
LLMSLO="$TOOLS/llmslo"
[ -x "$LLMSLO" ] || fail "llmslo was not installed in $TOOLS"
"$LLMSLO" --help | grep -q "Examples:" || fail "llmslo --help has no examples"

echo "== 3. llmslo report on a project of [TaskSlo] tasks"
cp "$WORK/nuget.config" "$APP/nuget.config"
echo '<Project />' > "$APP/Directory.Build.props"
echo '<Project />' > "$APP/Directory.Build.targets"
echo '<Project />' > "$APP/Directory.Packages.props"
cat > "$APP/Shop.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
    <NoWarn>\$(NoWarn);NU1603;LLM001;LLM002;LLM003</NoWarn>
    <!-- No runtime reference here: ask for the estimates explicitly. -->
    <LlmCallAnalyzersEmitEstimates>true</LlmCallAnalyzersEmitEstimates>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="LlmCallAnalyzers" Version="$VERSION" />
    <PackageReference Include="Microsoft.Extensions.AI.Abstractions" Version="10.11.0" />
  </ItemGroup>
</Project>
XML
cat > "$APP/Agent.cs" <<'CS'
using System.Threading.Tasks;
using LlmCallAnalyzers;
using Microsoft.Extensions.AI;

namespace Shop;

public sealed class Agent(IChatClient client)
{
    [TaskSlo(0.995)]
    public async Task TwentyStepsAsync()
    {
        for (int i = 0; i < 20; i++) await client.GetResponseAsync("step");
    }

    [TaskSlo(0.98)]
    public async Task TwelveStepsAsync()
    {
        for (int i = 0; i < 12; i++) await client.GetResponseAsync("step");
    }

    [TaskSlo(0.99)]
    public async Task UntilDoneAsync()
    {
        while (true)
        {
            var response = await client.GetResponseAsync("more?");
            if (response.Text == "done") break;
        }
    }
}
CS
set +e
"$LLMSLO" report "$APP" > "$WORK/report.txt" 2> "$WORK/report.err"; code=$?
set -e
cat "$WORK/report.txt"; cat "$WORK/report.err"
[ "$code" = "1" ] || fail "report exited with $code, expected 1 (TwentyStepsAsync is below its SLO)"
grep -E "Shop\.Agent\.TwentyStepsAsync .*│ +20 │ +98\.02 % │" "$WORK/report.txt" > /dev/null || fail "TwentyStepsAsync is not shown with 20 calls and 98.02 %"
grep -E "Shop\.Agent\.UntilDoneAsync .*unbounded" "$WORK/report.txt" > /dev/null || fail "UntilDoneAsync is not shown as unbounded"
echo "ok: report shows 20 calls → 98.02 % and the unbounded loop as unbounded (exit 1)"

echo "== 4. llmslo confirm: the task estimated at 12 calls made 15"
(cd "$APP" && dotnet build -c Release -nodeReuse:false --disable-build-servers -p:UseSharedCompilation=false -v:q -nologo > "$WORK/build.log" 2>&1) \
  || { tail -20 "$WORK/build.log"; fail "the app does not build"; }
ASSEMBLY="$APP/bin/Release/net10.0/Shop.dll"
TRACE=0af7651916cd43dd8448eb211c80319c
ROOT=b7ad6b7169203331
{
  printf '{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"shop"}}]},"scopeSpans":[{"scope":{"name":"LlmCallAnalyzers"},"spans":['
  for i in $(seq 1 15); do
    [ "$i" -gt 1 ] && printf ','
    printf '{"traceId":"%s","spanId":"%016x","parentSpanId":"%s","name":"chat gpt-4o","kind":3,"attributes":[{"key":"gen_ai.operation.name","value":{"stringValue":"chat"}},{"key":"gen_ai.provider.name","value":{"stringValue":"openai"}},{"key":"gen_ai.request.model","value":{"stringValue":"gpt-4o"}}]}' "$TRACE" "$i" "$ROOT"
  done
  printf ']}]}]}\n'
  printf '{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"%s","spanId":"%s","parentSpanId":"","name":"llm.task Shop.Agent.TwelveStepsAsync","kind":1,"attributes":[{"key":"llm.task.name","value":{"stringValue":"Shop.Agent.TwelveStepsAsync"}},{"key":"llm.task.outcome","value":{"stringValue":"success"}}]}]}]}]}\n' "$TRACE" "$ROOT"
} > "$WORK/traces.jsonl"
set +e
"$LLMSLO" confirm --telemetry "$WORK/traces.jsonl" --estimates "$ASSEMBLY" > "$WORK/confirm.txt" 2> "$WORK/confirm.err"; code=$?
set -e
cat "$WORK/confirm.txt"; cat "$WORK/confirm.err"
[ "$code" = "1" ] || fail "confirm exited with $code, expected 1"
grep -E "Shop\.Agent\.TwelveStepsAsync .*exceeded \(15 calls > estimate 12" "$WORK/confirm.txt" > /dev/null || fail "TwelveStepsAsync is not marked exceeded (15 > 12)"
echo "ok: confirm marks the task exceeded (15 calls > estimate 12) and exits 1"

echo "== 5. llmslo confirm: cold starts of a fine-tuned model"
FT='ft:gpt-4o-mini-2024-07-18:acme::A1b2C3d4'
span() { # traceId spanId parentSpanId name start end attributes
  printf '{"traceId":"%s","spanId":"%s","parentSpanId":"%s","name":"%s","kind":1,"startTimeUnixNano":"%s","endTimeUnixNano":"%s","attributes":[%s]}' "$@"
}
attr() { printf '{"key":"%s","value":{"stringValue":"%s"}}' "$1" "$2"; }
# 240 tasks per model, one call each, starting a gap after the previous call ended: every 6th gap 25–90 min, the
# others 1–10 min. The fine-tuned model takes 4.45–4.75 s after a long gap, 0.76–0.84 s otherwise; the base model
# always 0.76–0.84 s.
t_ft=1793606400000000000; t_base=$t_ft
for i in $(seq 1 240); do
  for model in "$FT" gpt-4o-mini; do
    if [ "$model" = "$FT" ]; then t=$t_ft; else t=$t_base; fi
    if [ $((i % 6)) -eq 0 ]; then gap_s=$((1500 + (i * 131) % 3900)); else gap_s=$((60 + (i * 97) % 540)); fi
    if [ $((i % 6)) -eq 0 ] && [ "$model" = "$FT" ]; then latency_ms=$((4450 + (i * 53) % 300)); else latency_ms=$((760 + (i * 37) % 80)); fi
    start=$((t + gap_s * 1000000000)); end=$((start + latency_ms * 1000000))
    if [ "$model" = "$FT" ]; then t_ft=$end; trace=$(printf '%032x' $((i + 5000))); else t_base=$end; trace=$(printf '%032x' $((i + 9000))); fi
    printf '{"resourceSpans":[{"scopeSpans":[{"spans":[%s,%s]}]}]}\n' \
      "$(span "$trace" 00000000000000c2 00000000000000c1 "chat $model" "$start" "$end" "$(attr gen_ai.operation.name chat),$(attr gen_ai.provider.name openai),$(attr gen_ai.request.model "$model")")" \
      "$(span "$trace" 00000000000000c1 "" "llm.task Shop.Agent.ClassifyAsync" "$start" "$end" "$(attr llm.task.name Shop.Agent.ClassifyAsync),$(attr llm.task.outcome success)")"
  done
done > "$WORK/cold-starts.jsonl"
set +e
"$LLMSLO" confirm --telemetry "$WORK/cold-starts.jsonl" > "$WORK/cold.txt" 2> "$WORK/cold.err"; code=$?
set -e
cat "$WORK/cold.txt"; cat "$WORK/cold.err"
[ "$code" = "0" ] || fail "confirm on the cold-start telemetry exited with $code, expected 0 (cold starts do not fail confirm)"
grep -F "$FT: " "$WORK/cold.txt" | grep -E ": cold starts after (1[0-9]|2[0-4])\.[0-9] min idle \(threshold between [0-9.]+ min and [0-9.]+ min\): cold p50 4\.[5-7] s / p99 [0-9.]+ s vs warm p50 [78][0-9][0-9] ms" > /dev/null \
  || fail "no cold-start line for $FT (threshold 10–25 min, cold p50 ~4.6 s, warm p50 ~0.8 s)"
grep -E "^gpt-4o-mini: no cold starts" "$WORK/cold.txt" > /dev/null || fail "the base model gpt-4o-mini is not reported without cold starts"
echo "cold-start lines:"; grep -E "^($FT|gpt-4o-mini): " "$WORK/cold.txt"
echo "ok: confirm reports cold starts for $FT and none for gpt-4o-mini (exit 0)"

echo "== 6. bad input: exit 2, one line naming file and line, no stack trace"
head -1 "$WORK/traces.jsonl" > "$WORK/broken.jsonl"
echo '{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"not-an-id","spanId":"b7ad6b7169203331"}]}]}]}' >> "$WORK/broken.jsonl"
check_bad() {
  local label="$1" expected="$2"; shift 2
  set +e
  "$LLMSLO" "$@" > "$WORK/bad.out" 2> "$WORK/bad.err"; local code=$?
  set -e
  cat "$WORK/bad.err"
  [ "$code" = "2" ] || fail "$label exited with $code, expected 2"
  [ "$(grep -c . "$WORK/bad.err")" = "1" ] || fail "$label printed more than one line on stderr"
  grep -qE '^\s+at ' "$WORK/bad.err" "$WORK/bad.out" && fail "$label printed a stack trace"
  grep -qF "$expected" "$WORK/bad.err" || fail "$label does not say '$expected'"
  echo "ok: $label → exit 2, one line"
}
check_bad "malformed telemetry" "$WORK/broken.jsonl:2: resourceSpans[0].scopeSpans[0].spans[0]: traceId \"not-an-id\"" confirm --telemetry "$WORK/broken.jsonl"
check_bad "missing project" "$WORK/no-such-project: no such file or folder" report "$WORK/no-such-project"
check_bad "not a project" "$WORK/traces.jsonl: not a project" report "$WORK/traces.jsonl"

echo "PASS cli-tool"
