"""report.md for scripts/perf-daemon: where the daemon's CPU went, kernel included, from `perf script` output."""
import collections
import json
import os
import re
import sys

OUT = sys.argv[1]
# frames whose inclusive share is worth a line: (label, substring of the symbol)
WATCH = {
    "http": [
        ("system calls (entry_SYSCALL)", "entry_SYSCALL"),
        ("futex (thread wake-ups and sleeps)", "futex"),
        ("context switch tail (pvm_irq_enable, finish_task_switch)", "finish_task_switch"),
        ("Jetty reading and parsing requests (HttpConnection.onFillable)", "HttpConnection.onFillable"),
        ("the API's routes (ApiRoutes.route)", "ApiRoutes.route"),
        ("signature check (Authenticator.authenticate)", "Authenticator.authenticate"),
        ("writing answers (HttpLayer.answer)", "HttpLayer.answer"),
        ("TCP send (tcp_sendmsg)", "tcp_sendmsg"),
        ("the selector's own select (ManagedSelector.select)", "ManagedSelector.select"),
        ("a connection re-armed for reading (FillInterest.register)", "FillInterest.register"),
        ("the answer threads (ThreadPoolExecutor workers, ADR 0157)", "ThreadPoolExecutor.runWorker"),
        ("epoll_ctl", "epoll_ctl"),
    ],
    "engine": [
        ("system calls (entry_SYSCALL)", "entry_SYSCALL"),
        ("fsync", "do_fsync"),
        ("pwrite", "pwrite"),
        ("futex (thread wake-ups and sleeps)", "futex"),
        ("group commit (MarketService.commit)", "MarketService.commit"),
        ("decide (MarketDecide.decide)", "MarketDecide.decide"),
        ("encode events (EventTypes.encode)", "EventTypes.encode"),
        ("append (LogAppender.append)", "LogAppender.append"),
    ],
}


def kind(comm):
    if comm.startswith("http"):
        return "http"
    if comm.startswith("market-engine"):
        return "engine"
    if comm.startswith(("C1 ", "C2 ")):
        return "jit"
    if comm.startswith(("GC ", "G1 ")):
        return "gc"
    return "other"


def samples(path):
    cur = None
    with open(path, errors="replace") as f:
        for line in f:
            if not line.strip():
                continue
            if not line[0].isspace():
                if cur:
                    yield cur
                cur = (line.rsplit(None, 1)[0].strip(), [])  # the thread's name, without its id
            else:
                parts = line.strip().split(None, 1)
                cur[1].append((parts[0], parts[1] if len(parts) > 1 else "?"))
    if cur:
        yield cur


def pct(n, d):
    return f"{100.0 * n / d:.1f} %" if d else "—"


all_samples = list(samples(os.path.join(OUT, "perf-script.txt")))
total = len(all_samples)
by_kind = collections.Counter(kind(c) for c, _ in all_samples)
kernel = collections.Counter(kind(c) for c, st in all_samples if st and st[0][0].startswith("ffffffff"))

stat = open(os.path.join(OUT, "perf-stat.txt")).read()
switches = re.search(r"([\d,]+)\s+context-switches", stat)
switches = int(switches.group(1).replace(",", "")) if switches else None
cpus = re.search(r"([\d.]+)\s+CPUs utilized", stat)
elapsed = re.search(r"([\d.]+) seconds time elapsed", stat)
orders = None
try:
    bench = json.load(open(os.path.join(OUT, "bench.json")))
    orders = next(r for r in bench if "orders" in r["name"])
except (OSError, ValueError, StopIteration, TypeError, KeyError):
    pass

print("# perf-daemon report\n")
if orders:
    print(f"Bench: {orders['name']}: **{orders['per_second']:,.0f} /s**, p99 {orders['p99_ms']:.1f} ms.\n")
print(f"perf: {total:,} samples of the daemon process (cpu-clock, 1999 Hz)"
      + (f", {cpus.group(1)} CPUs utilized over {elapsed.group(1)} s" if cpus and elapsed else "")
      + (f", {switches:,} context switches" if switches is not None else "")
      + (f" ({switches / float(elapsed.group(1)) / orders['per_second']:.2f} per order)"
         if switches is not None and orders and elapsed else "") + ".\n")
print("A method the JIT inlined into its caller has no frame of its own: a 0 % below can mean inlined, not idle.\n")
print("| thread kind | share of the daemon's samples | of which in the kernel |")
print("|---|---:|---:|")
for k, n in by_kind.most_common():
    print(f"| {k} | {pct(n, total)} | {pct(kernel[k], n)} |")
for k, watch in WATCH.items():
    group = [st for c, st in all_samples if kind(c) == k]
    if not group:
        continue
    print(f"\n## {k} threads: frames on the stack (inclusive share of the {k} threads' samples)\n")
    print("| frame | share |")
    print("|---|---:|")
    for label, needle in watch:
        n = sum(1 for st in group if any(needle in sym for _, sym in st))
        print(f"| {label} | {pct(n, len(group))} |")
    top = collections.Counter(st[0][1] for st in group if st)
    print(f"\nTop of the stack, {k} threads:\n")
    print("| symbol | share |")
    print("|---|---:|")
    for sym, n in top.most_common(12):
        print(f"| `{sym[:140]}` | {pct(n, len(group))} |")
