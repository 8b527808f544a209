# Shared by the pack-and-consume scripts in this folder: a temporary work folder, a clean dotnet environment, packing
# from a copy of the sources with a unique version, and a nuget.config with that feed. Source it; don't run it.
# Sets WORK, FEED, SRC, GLOBAL_PACKAGES and VERSION. KEEP_WORK=1 keeps the work folder.

# llmcall_setup NAME: the work folder (removed on exit) and the environment.
llmcall_setup() {
  WORK="$(mktemp -d "${TMPDIR:-/tmp}/llmcall-$1.XXXXXX")"
  trap 'if [ "${KEEP_WORK:-0}" != "1" ]; then rm -rf "$WORK"; else echo "kept $WORK"; fi' EXIT
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 DOTNET_CLI_UI_LANGUAGE=en
  # When run from `dotnet test`, the MSBuild environment of the outer build must not leak into the nested ones.
  unset MSBuildExtensionsPath MSBuildSDKsPath MSBUILD_EXE_PATH MSBuildLoadMicrosoftTargetsReadOnly MSBUILDNOINPROCNODE DOTNET_HOST_PATH || true
  GLOBAL_PACKAGES="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
  FEED="$WORK/feed"; SRC="$WORK/src-copy"
  VERSION="0.1.0-$1.$(date -u +%Y%m%d%H%M%S).$$"
  mkdir -p "$FEED" "$SRC"
}

# llmcall_copy_sources REPO: a copy of the sources in $SRC (no bin/obj), so concurrent builds in the working tree are
# neither disturbed nor picked up; LLMCALL_SOURCE=git-head copies the committed HEAD instead of the working tree.
llmcall_copy_sources() {
  local repo="$1"
  if [ -n "$(ls -A "$SRC" 2>/dev/null)" ]; then return; fi
  if [ "${LLMCALL_SOURCE:-worktree}" = "git-head" ]; then
    git -C "$repo" archive HEAD | tar -x -C "$SRC"
  else
    (cd "$repo" && tar -c --exclude='./src/*/bin' --exclude='./src/*/obj' \
        ./src ./global.json ./Directory.Build.props ./Directory.Packages.props ./README.md \
        $(ls -d ./Directory.Build.targets ./NuGet.Config ./nuget.config 2>/dev/null || true)) | tar -x -C "$SRC"
  fi
}

# llmcall_pack REPO PROJECT...: packs each project from the copy of the sources into $FEED with $VERSION.
llmcall_pack() {
  local repo="$1"; shift
  llmcall_copy_sources "$repo"
  local project
  for project in "$@"; do
    (cd "$SRC" && dotnet pack "$project" -c Release -o "$FEED" -p:PackageVersion="$VERSION" \
        -p:UseSharedCompilation=false -nodeReuse:false --disable-build-servers -v:q -nologo)
  done
  ls -1 "$FEED"
}

# llmcall_nuget_config FILE: the feed, plus the machine's package cache as a read-only source for dependencies.
llmcall_nuget_config() {
  {
    echo '<?xml version="1.0" encoding="utf-8"?><configuration><packageSources>'
    echo "<add key=\"llmcall-feed\" value=\"$FEED\" />"
    if [ -d "$GLOBAL_PACKAGES" ]; then echo "<add key=\"machine-package-cache\" value=\"$GLOBAL_PACKAGES\" />"; fi
    echo '</packageSources></configuration>'
  } > "$1"
}
