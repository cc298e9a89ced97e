#!/usr/bin/env python3
"""Where one core's time goes in validation: the CPU samples of a recording made with
`PROFILE=1 bench/validation/run.sh 1`, per format, only from the validating thread (the raw
read and the parser-alone references run on another one).

    bench/validation/jfr-top.py [bench/out/validation/validation.jfr] [top-n]

Prints, for CSV and for JSON lines, the hottest frames (self time) and the share of samples
in each layer (self time of its frames, so the layers add up to 100%).
"""
import collections
import re
import subprocess
import sys

FORMATS = [("CSV", "io.pinpointimport.validation.CsvCheck"),
           ("JSON lines", "io.pinpointimport.validation.JsonLinesCheck")]

LAYERS = [
    ("parser: FastCSV", r"^de\.siegmar\.fastcsv"),
    ("parser: Jackson", r"^tools\.jackson"),
    ("UTF-8 decoding (InputStreamReader)", r"^(sun\.nio\.cs|java\.io\.InputStreamReader|java\.lang\.String\.decode|java\.lang\.StringLatin1\.inflate)"),
    ("UTF-8 check (Utf8Check)", r"^io\.pinpointimport\.validation\.Utf8Check"),
    ("line splitting (JsonLinesCheck.lines/newline)", r"^io\.pinpointimport\.validation\.JsonLinesCheck\.(lines|newline)"),
    ("the checks (EndpointCheck, Numbers, CsvCheck, JsonLinesCheck, FileFindings)", r"^io\.pinpointimport\.validation\."),
    ("reading the file (JDK I/O)", r"^(sun\.nio\.ch|java\.io|java\.nio)"),
]


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "bench/out/validation/validation.jfr"
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "200", path],
                          capture_output=True, text=True, check=True).stdout
    stacks = []
    for block in text.split("jdk.ExecutionSample")[1:]:
        frames = re.findall(r"^\s+([\w$.<>]+)\([^)]*\)\s+line:", block, re.M)
        if frames:
            stacks.append(frames)
    for name, marker in FORMATS:
        samples = [s for s in stacks if any(f.startswith(marker) for f in s)]
        total = len(samples)
        print(f"\n{name}: {total} CPU samples of the validating thread in {path}")
        if not total:
            continue
        print("  hottest frames (self):")
        for frame, n in collections.Counter(s[0] for s in samples).most_common(top):
            print(f"    {100 * n / total:5.1f}%  {frame}")
        print("  layers (self time):")
        counts = collections.Counter()
        for s in samples:
            layer = next((label for label, pattern in LAYERS if re.search(pattern, s[0])), "other (JDK, GC, JIT)")
            counts[layer] += 1
        for label, _ in LAYERS + [("other (JDK, GC, JIT)", "")]:
            print(f"    {100 * counts[label] / total:5.1f}%  {label}")


if __name__ == "__main__":
    main()
