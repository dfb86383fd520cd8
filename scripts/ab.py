#!/usr/bin/env python3
"""ab.py N 'label=command' ...: time whole processes, alternated.

Runs each command once in turn, N rounds (after one warm-up round), each
in an empty temporary folder of its own, and prints per command the wall
time (minimum, median, quartiles), the median CPU time (user + system)
and the largest peak RSS. Alternating single runs is the steadiest way to
compare two binaries on a machine whose speed drifts: both see the same
drift. Example:

    scripts/ab.py 20 "before=/tmp/duetto-old build --lang all -o x.pdf" \\
                     "after=out/duetto build --lang all -o x.pdf"
"""
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def main():
    if len(sys.argv) < 3 or not sys.argv[1].isdigit() or int(sys.argv[1]) < 1:
        sys.exit(__doc__)
    rounds = int(sys.argv[1])
    cmds = [a.split("=", 1) for a in sys.argv[2:]]
    dirs = [tempfile.mkdtemp(prefix="ab-") for _ in cmds]
    walls = [[] for _ in cmds]
    cpus = [[] for _ in cmds]
    rss = [0.0 for _ in cmds]
    for r in range(rounds + 1):
        for i, (_, cmd) in enumerate(cmds):
            start = time.perf_counter()
            p = subprocess.Popen(shlex.split(cmd), cwd=dirs[i],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(p.pid, 0)
            end = time.perf_counter()
            if status != 0:
                sys.exit("%s failed (exit %d)" % (cmd, os.waitstatus_to_exitcode(status)))
            if r == 0:
                continue  # the warm-up round
            walls[i].append((end - start) * 1000)
            cpus[i].append((usage.ru_utime + usage.ru_stime) * 1000)
            rss[i] = max(rss[i], usage.ru_maxrss / 1024)
    for d in dirs:
        shutil.rmtree(d, ignore_errors=True)
    for i, (label, _) in enumerate(cmds):
        w = sorted(walls[i])
        q = statistics.quantiles(w, n=4) if len(w) > 1 else [w[0], w[0], w[0]]
        print("%-14s wall min %7.1f  median %7.1f  (quartiles %7.1f %7.1f) ms   "
              "CPU median %7.1f ms   peak RSS %6.1f MiB" %
              (label, w[0], statistics.median(w), q[0], q[2], statistics.median(cpus[i]), rss[i]))


if __name__ == "__main__":
    main()
