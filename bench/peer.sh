#!/usr/bin/env bash
# Side-by-side frontend throughput on this machine: torchaudio log-mel (the peer) and this project's frontends,
# same clip length, batch, threads and protocol. Usage: bench/peer.sh [--seconds 10] [--batch 4] [--threads 1]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if ! /usr/bin/python3 -c 'import torchaudio' >/dev/null 2>&1; then
  sudo=""; [[ $(id -u) != 0 ]] && sudo="sudo"
  echo "bench: installing python3-torchaudio (apt-get)" >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends python3-torchaudio >/dev/null
fi
date -u +"%Y-%m-%d %H:%M UTC, $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
/usr/bin/python3 "$root/bench/torchaudio_mel.py" "$@"
for kind in mel leaf leaf-exact; do "$root/leaf" bench frontend --kind "$kind" --backward "$@"; done
