#!/usr/bin/env bash
# Installs what the project needs on Debian/Ubuntu, only when missing; idempotent.
#   --quiet   print nothing when everything is present
#   --tests   also what the test suite needs: python3-onnx (ONNX checker), espeak-ng and fluidsynth (synthesised datasets),
#             and dotnet-repl, the notebook runner pinned in dotnet-tools.json (dotnet tool restore)
set -euo pipefail
quiet=0; tests=0
for a in "$@"; do case "$a" in --quiet) quiet=1;; --tests) tests=1;; esac; done

if ! command -v dotnet >/dev/null 2>&1; then
  echo "leaf: the .NET 10 SDK is required (https://learn.microsoft.com/dotnet/core/install/linux-debian); 'dotnet' is not on PATH" >&2
  exit 1
fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ $tests == 1 ]] && ! (cd "$root" && dotnet tool run dotnet-repl --version >/dev/null 2>&1); then
  [[ $quiet == 1 ]] || echo "leaf: restoring dotnet-repl (dotnet tool restore)" >&2
  (cd "$root" && dotnet tool restore >/dev/null)
fi

missing=()
command -v ffmpeg >/dev/null 2>&1 || missing+=(ffmpeg)
command -v sox >/dev/null 2>&1 || missing+=(sox)
if [[ $tests == 1 ]]; then
  /usr/bin/python3 -c 'import onnx' >/dev/null 2>&1 || missing+=(python3-onnx)
  command -v espeak-ng >/dev/null 2>&1 || missing+=(espeak-ng)
  command -v fluidsynth >/dev/null 2>&1 || missing+=(fluidsynth)
  [[ -f /usr/share/sounds/sf2/FluidR3_GM.sf2 ]] || missing+=(fluid-soundfont-gm)
fi
[[ ${#missing[@]} == 0 ]] && exit 0

sudo=""
if [[ $(id -u) != 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "leaf: missing packages (${missing[*]}); install them with: apt-get install ${missing[*]}" >&2; exit 1; fi
fi
[[ $quiet == 1 ]] || echo "leaf: installing ${missing[*]} (apt-get)" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
