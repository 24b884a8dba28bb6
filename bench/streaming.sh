#!/usr/bin/env bash
# Long and live audio (docs/streaming.md): peak memory of `leaf featurize` against file length (both engines; ONNX Runtime
# with both LEAF algorithms; one 44.1 kHz file resampled as it is read), and the throughput (real-time factor) of
# `leaf stream` fed 10 ms blocks of raw PCM on one thread. WAVs are synthesised (pink noise, sox) into WORKDIR and
# deleted at the end. Usage: bench/streaming.sh [WORKDIR] [MINUTES...]
#   (default /tmp/leaf-bench-streaming, lengths 1 10 60 180 minutes)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-/tmp/leaf-bench-streaming}"
shift || true
minutes=("${@:-1 10 60 180}")
leaf="$root/leaf"
"$leaf" --help >/dev/null # build once, outside the timings
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
for m in ${minutes[@]}; do
  sox -n -r 16000 -b 16 -c 1 "$work/long$m.wav" synth $((m * 60)) pinknoise vol 0.3
  for run in "onnx exact" "onnx fast" "torch exact" "torch fast"; do
    read -r engine algorithm <<<"$run"
    /usr/bin/time -f "featurize $m min, $engine $algorithm: %e s wall, %U s user, peak RSS %M KB" \
      "$leaf" featurize "$work/long$m.wav" --engine "$engine" --algorithm "$algorithm" --out "$work/out" >/dev/null
  done
  rm -f "$work/long$m.wav" "$work/out/long$m.npy"
done
# A file at 44.1 kHz, resampled to 16 kHz as it is read.
sox -n -r 44100 -b 16 -c 1 "$work/long44k.wav" synth 600 pinknoise vol 0.3
/usr/bin/time -f "featurize 10 min at 44.1 kHz, onnx exact: %e s wall, %U s user, peak RSS %M KB" \
  "$leaf" featurize "$work/long44k.wav" --out "$work/out" >/dev/null
# Streaming from a pipe: 10 minutes of raw 16-bit PCM, read and pushed 160 samples (10 ms) at a time.
for algorithm in exact fast; do
  sox -n -r 16000 -b 16 -c 1 -t s16 - synth 600 pinknoise vol 0.3 | "$leaf" stream --input s16le --block 160 --algorithm "$algorithm"
done
