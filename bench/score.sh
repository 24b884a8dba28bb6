#!/usr/bin/env bash
# Batch scoring throughput: `leaf score` (pipelined decoding, batched runs) against a naive per-file loop
# (`leaf predict --batch W`: decode, then one session.Run per file of its W windows, no overlap), on 200 synthesised
# WAVs of 1 s and of 10 s, with a default-LEAF + compact-CNN classifier trained for one epoch on tones (weights do not
# change the cost). Usage: bench/score.sh [WORKDIR]   (default /tmp/leaf-bench-score)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-/tmp/leaf-bench-score}"
leaf="$root/leaf"
mkdir -p "$work"
/usr/bin/python3 - "$work" <<'PY'
import sys, os, wave, numpy as np
work = sys.argv[1]
rng = np.random.default_rng(0)
def write(path, seconds, hz):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if os.path.exists(path): return
    n = int(16000 * seconds); t = np.arange(n) / 16000
    x = 0.3 * np.sin(2 * np.pi * hz * t) + 0.05 * rng.standard_normal(n)
    with wave.open(path, "wb") as w:
        w.setnchannels(1); w.setsampwidth(2); w.setframerate(16000)
        w.writeframes((np.clip(x, -1, 1) * 32767).astype("<i2").tobytes())
for label, hz in (("low", 300), ("high", 3000)):
    for i in range(4): write(f"{work}/tones/{label}/{i}.wav", 1.0, hz * (1 + 0.05 * i))
for seconds in (1, 10):
    for i in range(200): write(f"{work}/clips{seconds}s/{i:03d}.wav", seconds, 200 + 17 * i)
PY
[[ -f "$work/model/model.onnx" ]] || "$leaf" train --data "$work/tones" --out "$work/model" --frontend leaf --classifier cnn --epochs 1 --batch 4 >/dev/null
# Each variant 3 times, alternating; wall and CPU (user+sys) seconds of the whole process, so that the numbers stay
# comparable on a machine shared with other jobs. leaf's own summary line (files/s, audio-s/s) is printed too.
dll="$root/src/Leaf.Cli/bin/Release/net10.0/leaf.dll"
timed() { /usr/bin/time -f "%e %U %S" -o "$work/time.txt" "$@" >"$work/stdout.txt"; read -r wall user sys <"$work/time.txt"; echo "$wall s wall, $(echo "$user + $sys" | bc) s CPU"; }
for seconds in 1 10; do
  echo "== 200 x ${seconds} s"
  for rep in 1 2 3; do
    rm -f "$work/score${seconds}.csv"
    echo "leaf score:          $(timed dotnet "$dll" score --model "$work/model/model.onnx" --input "$work/clips${seconds}s" --out "$work/score${seconds}.csv")  | $(tail -1 "$work/stdout.txt" | sed 's/.*audio in //')"
    echo "naive per-file loop: $(timed dotnet "$dll" predict --model "$work/model/model.onnx" --batch "$seconds" --top 1 "$work/clips${seconds}s")"
  done
done
uptime
