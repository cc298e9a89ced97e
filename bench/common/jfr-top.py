#!/usr/bin/env python3
"""Summarizes the CPU samples of a JFR recording: where the service spends its time.

    bench/common/jfr-top.py bench/out/api/get.jfr [top-n]

Prints the hottest frames (self time) and the share of samples whose stack passes through
each of a few layers (inclusive), from `jfr print --events jdk.ExecutionSample`.
"""
import collections
import re
import subprocess
import sys

LAYERS = [
    ("HTTP server (Tomcat)", r"org\.apache\.(coyote|tomcat|catalina)"),
    ("Spring Security filters", r"org\.springframework\.security"),
    ("Spring MVC dispatch", r"org\.springframework\.web\.servlet\.DispatcherServlet"),
    ("Jackson (read + write)", r"tools\.jackson|com\.fasterxml\.jackson"),
    ("Bean Validation", r"org\.hibernate\.validator"),
    ("JDBC: Spring JdbcClient/Template", r"org\.springframework\.jdbc"),
    ("JDBC: PostgreSQL driver", r"org\.postgresql"),
    ("Hikari pool", r"com\.zaxxer\.hikari"),
    ("Transactions", r"org\.springframework\.transaction"),
    ("Micrometer / observation", r"io\.micrometer"),
    ("Logging", r"ch\.qos\.logback|org\.slf4j"),
    ("Service code (io.pinpointimport)", r"io\.pinpointimport"),
    ("Background workers (imports-*)", r"io\.pinpointimport\.imports\.(Submitter|Poller|Preflighter|ImportWorkers)"),
    ("AWS SDK", r"software\.amazon\.awssdk"),
]


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "200", path],
                          capture_output=True, text=True, check=True).stdout
    samples = []
    for block in text.split("jdk.ExecutionSample")[1:]:
        frames = re.findall(r"^\s+([\w$.<>]+\([^)]*\))\s+line:", block, re.M)
        if frames:
            samples.append(frames)
    total = len(samples)
    print(f"{total} CPU samples in {path}")
    print("\nhottest frames (self):")
    self_counts = collections.Counter(f[0] for f in samples)
    for frame, n in self_counts.most_common(top):
        print(f"  {100 * n / total:5.1f}%  {frame}")
    print("\nlayers (inclusive; a sample may count in several):")
    for name, pattern in LAYERS:
        regex = re.compile(pattern)
        n = sum(1 for f in samples if any(regex.search(frame) for frame in f))
        print(f"  {100 * n / total:5.1f}%  {name}")


if __name__ == "__main__":
    main()
