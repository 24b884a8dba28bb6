#!/usr/bin/python3
"""Peer baseline for `leaf bench frontend`: torchaudio log-mel (40 bands) throughput on this machine.

Run through bench/peer.sh, which installs Debian's python3-torchaudio when it is missing. Same protocol as the
leaf command: random audio, batch x seconds at 16 kHz, N threads, one warm-up, median of several timed runs,
reported in audio-seconds per second, forward and forward+backward (gradient to the waveform).
"""
import argparse
import statistics
import time

import torch
import torchaudio


def median_seconds(runs, step):
    step()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--seconds", type=int, default=10)
    p.add_argument("--batch", type=int, default=4)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--runs", type=int, default=5)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    x = torch.rand(a.batch, a.seconds * 16000) - 0.5
    # the mel baseline's geometry: 401-sample window, 160 hop, 512-point FFT, 40 bands 60-7800 Hz, log(x + 1e-5)
    mel = torchaudio.transforms.MelSpectrogram(sample_rate=16000, n_fft=512, win_length=401, hop_length=160,
                                               f_min=60.0, f_max=7800.0, n_mels=40, power=2.0)

    def forward():
        with torch.no_grad():
            torch.log(mel(x) + 1e-5)

    def forward_backward():
        xg = x.clone().requires_grad_(True)
        torch.log(mel(xg) + 1e-5).sum().backward()

    audio = a.batch * a.seconds
    print(f"torchaudio {torchaudio.__version__} log-mel: batch {a.batch} x {a.seconds} s, {a.threads} thread(s), median of {a.runs} runs")
    print(f"  forward           {audio / median_seconds(a.runs, forward):10.1f} audio-s/s")
    print(f"  forward+backward  {audio / median_seconds(a.runs, forward_backward):10.1f} audio-s/s")


if __name__ == "__main__":
    main()
