#!/usr/bin/env python3
"""Summarises a JFR recording's execution samples: top frames (self) and the methods most often
on the stack (inclusive), so a profile can be read without a GUI.

  jfr_top.py RECORDING.jfr [--top 25] [--grep REGEX]   (needs the JDK's jfr tool on PATH or in JAVA_HOME)
"""
import argparse
import collections
import os
import re
import shutil
import subprocess

p = argparse.ArgumentParser()
p.add_argument("recording")
p.add_argument("--top", type=int, default=25)
p.add_argument("--grep", help="only count samples whose stack has a frame matching this")
p.add_argument("--depth", type=int, default=96)
a = p.parse_args()
jfr = shutil.which("jfr") or os.path.join(os.environ.get("JAVA_HOME", "/usr"), "bin", "jfr")
text = subprocess.run([jfr, "print", "--events", "jdk.ExecutionSample", "--stack-depth", str(a.depth), a.recording],
                      check=True, capture_output=True, text=True).stdout
frame = re.compile(r"^\s+([\w$.<>/]+)\(.*line:")
samples = []
for block in text.split("jdk.ExecutionSample {")[1:]:
    frames = [m.group(1) for m in (frame.match(l) for l in block.splitlines()) if m]
    if frames:
        samples.append(frames)
if a.grep:
    rx = re.compile(a.grep)
    samples = [s for s in samples if any(rx.search(f) for f in s)]
total = len(samples)
print(f"{total} samples")
self_counts = collections.Counter(s[0] for s in samples)
incl = collections.Counter()
for s in samples:
    for f in set(s):
        incl[f] += 1
print("\n-- self (top frame)")
for f, n in self_counts.most_common(a.top):
    print(f"{100 * n / total:5.1f}%  {f}")
print("\n-- inclusive (on the stack)")
for f, n in incl.most_common(a.top * 4):
    print(f"{100 * n / total:5.1f}%  {f}")
