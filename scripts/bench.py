#!/usr/bin/env python3
"""Throughput and memory of `zhnews extract --jsonl` over the bench corpus, beside jieba-rs.

    python3 scripts/bench.py                      # ../shared/bench, 1 thread and all threads
    python3 scripts/bench.py --times 4            # also the corpus concatenated 4 times (RSS)
    python3 scripts/bench.py --stages             # also the CPU time of each stage
    python3 scripts/bench.py --no-build DIR_OR_FILES...

In one run it builds the release binary and the `jieba_baseline` example, then
times over the same rows:
  - jieba-rs `cut` (HMM on) and `tag` alone, one thread (examples/jieba_baseline.rs);
  - `zhnews extract --jsonl --jobs 1` and `--jobs N` (N = all cores), under
    `/usr/bin/time -v` (wall, user, sys, peak RSS);
  - cold start: `zhnews extract fixtures/articles/longgang-cuhksz.txt`.
MB/s is 10^6 bytes of article text (the rows' `text`, UTF-8) per wall second,
the same measure for jieba and zhnews. Each zhnews run also reports the CPU
time other processes used meanwhile (from /proc/stat), because a busy machine
makes the all-threads figure meaningless, and for each extraction thread its
CPU time and the time it was runnable but waiting for a CPU (sampled from
/proc/<pid>/task/*/schedstat): the first shows how evenly the work is spread;
taking the mean wait off the wall time estimates the run on an idle machine.
`--stages` adds one-thread runs with growing `--fields` sets; the CPU time
each field adds is the cost of its stage (organizations include jieba `tag`;
people need organizations; figures need dates). CPU time, not wall time, so
that the figures hold on a busy machine too.
Prints a Markdown table; `--json FILE` also saves the figures.
"""

import argparse
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, "target", "release", "zhnews")
BASELINE = os.path.join(ROOT, "target", "release", "examples", "jieba_baseline")
ARTICLE = os.path.join(ROOT, "fixtures", "articles", "longgang-cuhksz.txt")
TICKS = os.sysconf("SC_CLK_TCK")


def busy_seconds():
    """CPU seconds spent busy by the whole machine since boot."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    user, nice, system, idle, iowait, irq, softirq, steal = (fields + [0] * 8)[:8]
    return (user + nice + system + irq + softirq + steal) / TICKS


def thread_cpu(pid):
    """{thread name and id: (CPU seconds, run-queue wait seconds)} for a running process.

    From /proc/<pid>/task/<tid>/schedstat: time on a CPU, and time spent
    runnable but waiting for a CPU (what other processes cost this one).
    """
    out = {}
    for task in glob.glob(f"/proc/{pid}/task/*"):
        try:
            with open(f"{task}/schedstat") as f:
                on_cpu, waiting = (int(x) / 1e9 for x in f.read().split()[:2])
            with open(f"{task}/comm") as f:
                name = f.read().strip()
        except (OSError, ValueError):
            continue
        out[f"{name}:{os.path.basename(task)}"] = (on_cpu, waiting)
    return out


def timed(command, stdout=subprocess.DEVNULL):
    """Runs `command` under /usr/bin/time -v; returns wall, user, sys, RSS, others' CPU, threads."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        busy = busy_seconds()
        start = time.monotonic()
        child = subprocess.Popen(
            ["/usr/bin/time", "-v", "-o", report.name] + command,
            stdout=stdout,
            stderr=subprocess.PIPE,
        )
        threads = {}

        def sample():
            # The measured program is the child of /usr/bin/time.
            while child.poll() is None:
                for pid in children(child.pid):
                    threads.update(thread_cpu(pid))
                time.sleep(0.05)

        sampler = threading.Thread(target=sample)
        sampler.start()
        _, stderr = child.communicate()
        sampler.join()
        wall = time.monotonic() - start
        busy = busy_seconds() - busy
        if child.returncode != 0:
            sys.exit(f"bench: {' '.join(command)} failed:\n{stderr.decode(errors='replace')}")
        text = report.read()
    value = lambda key: re.search(rf"{key}: (.+)", text).group(1)
    user, system = float(value("User time \\(seconds\\)")), float(value("System time \\(seconds\\)"))
    clock = value("Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\)").split(":")
    elapsed = sum(float(part) * 60**i for i, part in enumerate(reversed(clock)))
    workers = sorted(
        (round(cpu, 2), round(wait, 2))
        for name, (cpu, wait) in threads.items()
        if name.startswith("zhnews-worker")
    )
    # Without other processes, the extraction threads would not wait for a
    # CPU: the run would be shorter by about their mean run-queue wait.
    mean_wait = sum(w for _, w in workers) / len(workers) if workers else 0.0
    return {
        "wall_s": round(elapsed, 3),
        "user_s": user,
        "sys_s": system,
        "peak_rss_mb": round(int(value("Maximum resident set size \\(kbytes\\)")) / 1024, 1),
        "others_cpu_s": round(max(0.0, busy - user - system), 2),
        "worker_cpu_s": [cpu for cpu, _ in workers],
        "worker_wait_s": [wait for _, wait in workers],
        "idle_wall_estimate_s": round(elapsed - mean_wait, 3),
        "wall_measured_s": round(wall, 3),
    }


def children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(p) for p in f.read().split()]
    except OSError:
        return []


def text_bytes(files):
    rows = size = 0
    for path in files:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    rows += 1
                    size += len(json.loads(line).get("text", "").encode("utf-8"))
    return rows, size


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="*", default=[os.path.join(ROOT, "..", "shared", "bench")])
    parser.add_argument("--jobs", type=int, default=os.cpu_count(), help="all-threads run (default: all cores)")
    parser.add_argument("--times", type=int, default=0, help="also run over the corpus concatenated this many times")
    parser.add_argument("--stages", action="store_true", help="also time each stage (one thread, CPU time)")
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--json", help="save the figures here")
    args = parser.parse_args()

    files = []
    for path in args.inputs:
        files += sorted(glob.glob(os.path.join(path, "*.jsonl"))) if os.path.isdir(path) else [path]
    if not args.no_build:
        subprocess.run(
            ["cargo", "build", "--release", "--features", "cli", "--bin", "zhnews", "--example", "jieba_baseline"],
            cwd=ROOT, check=True,
        )
    rows, size = text_bytes(files)
    mb = size / 1e6
    jsonl_mb = sum(os.path.getsize(f) for f in files) / 1e6
    print(f"corpus: {len(files)} files, {rows} rows, {mb:.1f} MB of text ({jsonl_mb:.1f} MB JSONL)", file=sys.stderr)

    results = {"rows": rows, "text_bytes": size, "cpus": os.cpu_count()}
    baseline = json.loads(subprocess.run([BASELINE] + files, check=True, capture_output=True, text=True).stdout)
    results["jieba"] = baseline
    runs = [("zhnews --jobs 1", 1), (f"zhnews --jobs {args.jobs}", args.jobs)]
    for name, jobs in runs:
        run = timed([BINARY, "extract", "--jsonl", "--quiet", "--jobs", str(jobs)] + files)
        run["mb_per_s"] = round(mb / run["wall_s"], 2)
        run["articles_per_s"] = round(rows / run["wall_s"])
        results[name] = run
    one, all_ = results[runs[0][0]], results[runs[1][0]]
    results["speedup"] = round(one["wall_s"] / all_["wall_s"], 2)
    results["speedup_idle_estimate"] = round(one["idle_wall_estimate_s"] / all_["idle_wall_estimate_s"], 2)
    results["extract_vs_cut"] = round(one["mb_per_s"] / baseline["cut_mb_per_s"], 2)
    # The same ratio in CPU time, which a busy machine does not distort.
    results["extract_vs_cut_cpu"] = round(baseline["cut_cpu_seconds"] / (one["user_s"] + one["sys_s"]), 2)

    if args.times > 1:
        with tempfile.NamedTemporaryFile("wb", suffix=".jsonl") as big:
            for _ in range(args.times):
                for path in files:
                    with open(path, "rb") as f:
                        big.write(f.read())
            big.flush()
            run = timed([BINARY, "extract", "--jsonl", "--quiet", "--jobs", str(args.jobs), big.name])
            run["mb_per_s"] = round(mb * args.times / run["wall_s"], 2)
            run["articles_per_s"] = round(rows * args.times / run["wall_s"])
            results[f"zhnews --jobs {args.jobs}, corpus x{args.times}"] = run

    results["cold start"] = timed([BINARY, "extract", ARTICLE])

    stages = []
    if args.stages:
        # Each set adds one field; credits are always computed (they end sections).
        steps = ["credits", "sections", "dates", "figures", "organizations", "people"]
        previous = 0.0
        for i, field in enumerate(steps):
            fields = ",".join(steps[: i + 1])
            run = timed([BINARY, "extract", "--jsonl", "--quiet", "--jobs", "1", "--fields", fields] + files)
            cpu = run["user_s"] + run["sys_s"]
            stages.append((field, cpu, cpu - previous, run["others_cpu_s"]))
            previous = cpu
        results["stages"] = [
            {"field": f, "cpu_s": round(c, 2), "added_cpu_s": round(d, 2), "others_cpu_s": o}
            for f, c, d, o in stages
        ]

    print(f"\n{rows} articles, {mb:.1f} MB of text; {os.cpu_count()} CPUs\n")
    print("| run | wall s | MB/s | articles/s | user+sys s | peak RSS MB | others' CPU s | worker CPU s (waiting for a CPU s) | wall s without the wait |")
    print("|---|---:|---:|---:|---:|---:|---:|---|---:|")
    print(f"| jieba-rs `cut` alone (1 thread) | {baseline['cut_seconds']:.2f} | {baseline['cut_mb_per_s']:.1f} | "
          f"{rows / baseline['cut_seconds']:.0f} | {baseline['cut_cpu_seconds']:.2f} | | | | |")
    print(f"| jieba-rs `tag` alone (1 thread) | {baseline['tag_seconds']:.2f} | {baseline['tag_mb_per_s']:.1f} | "
          f"{rows / baseline['tag_seconds']:.0f} | {baseline['tag_cpu_seconds']:.2f} | | | | |")
    for name, run in results.items():
        if not name.startswith("zhnews") and name != "cold start":
            continue
        rate = f"{run['mb_per_s']:.1f} | {run['articles_per_s']}" if "mb_per_s" in run else " | "
        workers = ", ".join(f"{c} ({w})" for c, w in zip(run["worker_cpu_s"], run["worker_wait_s"]))
        idle = f"{run['idle_wall_estimate_s']:.2f}" if workers else ""
        print(f"| {name} | {run['wall_s']:.2f} | {rate} | {run['user_s'] + run['sys_s']:.2f} | "
              f"{run['peak_rss_mb']} | {run['others_cpu_s']} | {workers} | {idle} |")
    print(f"\nextract (1 thread) / jieba cut: {results['extract_vs_cut']}x in wall time, "
          f"{results['extract_vs_cut_cpu']}x in CPU time; all threads / 1 thread: {results['speedup']}x "
          f"({results['speedup_idle_estimate']}x without the waits for a CPU)")
    if stages:
        print("\n| fields up to | CPU s (1 thread) | added by this field | ms per MB | others' CPU s |")
        print("|---|---:|---:|---:|---:|")
        for field, cpu, added, others in stages:
            print(f"| {field} | {cpu:.2f} | {added:+.2f} | {added * 1000 / mb:.1f} | {others} |")
        print("(credits: process start, dictionary, reading, JSON, text layer, credits, output)")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()
