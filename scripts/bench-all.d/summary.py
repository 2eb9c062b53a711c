#!/usr/bin/env python3
"""summary.md of a scripts/bench-all run folder: one table per benchmark, each figure beside its limit or
rival from the same run, the ratio, and the target (issue 17's table and the targets docs/benchmarks.md
already names). Rows are found by name patterns (RULES below): a benchmark that renames a measurement still
shows, only without its rival, and the summary lists the patterns that found nothing so they can be mended.

usage: summary.py RUN_FOLDER > RUN_FOLDER/summary.md
"""
import glob
import json
import os
import re
import sys


def norm(d):
    """Keys without case or underscores: the benches write both perSecond and per_second."""
    return {k.replace("_", "").lower(): v for k, v in d.items()} if isinstance(d, dict) else {}


def fnum(x, digits=0):
    return f"{x:,.{digits}f}"


def rate_text(v, unit="/s"):
    return f"{fnum(v, 0 if v >= 100 else 2)} {unit}"


class Row:
    def __init__(self, name, value, text, better="higher", load=None, p99=None, short=None):
        self.name, self.value, self.text, self.better, self.load, self.p99 = name, value, text, better, load, p99
        # the figure alone, as a rival is quoted beside another row: the first bold part of the text
        self.short = short or (re.search(r"\*\*[^*]+\*\*", text) or [text])[0]


def generic(item, unit="/s"):
    """A row from one result object of the common shapes: a rate (perSecond, reportsPerSecond ...), else
    count (or events, orders, instructions) over seconds."""
    n = norm(item)
    name = str(item.get("name", "?"))
    if name.startswith("ratio"):
        return Row(name, n.get("persecond"), f"**{n.get('persecond', 0):.2f}**", "none")
    if isinstance(n.get("threads"), int):
        name += f" ({n['threads']} thread{'s' if n['threads'] > 1 else ''})"
    if n.get("engine"):
        name += f" ({n['engine']})" if f"({n['engine']})" not in name and not name.endswith(n["engine"]) else ""
    count = next((n[k] for k in ("count", "reports", "orders", "requests", "instructions", "events") if isinstance(n.get(k), (int, float))), None)
    secs = n.get("seconds")
    rate = next((n[k] for k in ("persecond", "reportspersecond", "namespersecond") if isinstance(n.get(k), (int, float))), None)
    if rate is None and count is not None and secs:
        rate = count / secs
    parts = []
    if rate is not None:
        parts.append(f"**{rate_text(rate, unit)}**")
    if count is not None and secs is not None and secs > 0:
        parts.append(f"({fnum(count)} in {secs:.2f} s)")
    if n.get("p50ms") is not None:
        parts.append(f"p50 {n['p50ms']:.1f} ms, p99 {n['p99ms']:.1f} ms")
    if n.get("errors"):
        parts.append(f"{n['errors']} errors")
    if n.get("note"):
        parts.append(f"— {n['note']}")
    load = None
    if n.get("loadbefore"):
        load = f"{n['loadbefore']} → {n['loadafter']}"
    if rate is None:
        return Row(name, secs, f"{secs} s" if secs is not None else json.dumps(item)[:120], "lower", load)
    return Row(name, rate, " ".join(parts), "higher", load, n.get("p99ms"))


def rows_of(bench, data):
    if bench == "recon":
        rows = []
        for r in data.get("runs", []):
            n = norm(r)
            heap = f", heap peak {n['peakheapbytes'] / 2**20:,.0f} MiB" if n.get("peakheapbytes", -1) > 0 else ""
            rows.append(Row(r["name"], n["seconds"], f"**{n['seconds']:.2f} s** wall, {n.get('cpuseconds', 0):.2f} s CPU, "
                            f"{fnum(n.get('matchedlines', 0))} matched{heap}", "lower"))
        if data.get("max_heap_bytes"):
            rows.append(Row("heap limit (-Xmx)", data["max_heap_bytes"], f"{data['max_heap_bytes'] / 2**20:,.0f} MiB", "none"))
        if "ours_over_duckdb_wall" not in data:
            rows.append(Row("DuckDB", None, "**not found**: no ratio (build with -Pbench)", "none"))
        return rows
    if bench == "screening":
        rows = []
        for part in data:
            n = norm(part)
            if "bythreshold" in n:
                for t in n["bythreshold"]:
                    if abs(t["threshold"] - 0.88) < 1e-9:
                        rows.append(Row("quality at the default threshold 0.88 (recall, precision)", t["recall"],
                                        f"recall **{t['recall']:.4f}**, precision **{t['precision']:.4f}** "
                                        f"({t['positives']} positives, {t['negatives']} negatives, list of {fnum(n['listentities'])})"))
            elif "namespersecond" in n:
                rows.append(Row(f"screening speed, {fnum(n['entities'])} entities, {n['threads']} threads", n["namespersecond"],
                                f"**{fnum(n['namespersecond'])} names/s** ({fnum(n['queries'])} in {n['seconds']:.2f} s; "
                                f"{fnum(n['namespercpusecond'])} per CPU-second; index build {n['buildseconds']:.1f} s, "
                                f"{n['indexheapbytes'] / 2**20:,.0f} MiB)"))
        return rows
    if bench == "formal":
        rows = [Row(f"TLC {s['spec']} ({s['distinctStates']:,} states, expected {s['expected']})", s["seconds"],
                    f"{s['seconds']:.1f} s, {s['outcome']}{'' if s['asExpected'] else ' — NOT AS EXPECTED'}", "lower")
                for s in data.get("specs", [])]
        total = sum(s["seconds"] for s in data.get("specs", []))
        rows.append(Row("whole pack (TLC seconds summed)", total, f"**{total:.1f} s**, {'ok' if data.get('ok') else 'NOT OK'}", "lower"))
        return rows
    if bench == "verify-anchor":
        n = norm(data)
        args = " ".join(n.get("jvmargs") or [])
        c1, cached = "TieredStopAtLevel=1" in args, "AOTCache=" in args and "AOTMode=off" not in args
        # the start-up cache (ADR 0146) comes from scripts/mbp; "-XX:AOTMode=off" is the same run without it
        jit = (("C1 only (-XX:TieredStopAtLevel=1)" if c1 else "default JIT")
               + (", AOT cache" if cached else ", no AOT cache") + (" (what scripts/mbp uses)" if c1 and cached else ""))
        return [Row(f"verify-anchor end to end, JVM start included, {jit}", n["medians"],
                    f"median **{n['medians']:.2f} s** (min {n['mins']:.2f}, max {n['maxs']:.2f}; {n['runs']} runs)", "lower")]
    if bench == "commit-loop":
        rows = []
        for i in data:
            n = norm(i)
            if "measurement" in n:  # the medians side by side (ADR 0124)
                rows.append(Row(n["measurement"], n["ratio"], f"fsync in the commit {n['incommit']:,.2f}, off the engine thread "
                                f"{n['offengine']:,.2f}: ratio **{n['ratio']:.2f}**", "none"))
            else:
                fs = f"; {fnum(n['fsyncs'])} fsyncs, {n['fsyncms']:.2f} ms each" if n.get("fsyncs") else ""
                rows.append(Row(f"round {n['round']}, {n['mode']}", n["persecond"], f"**{rate_text(n['persecond'])}** p50 "
                                f"{n['p50ms']:.1f} ms, p99 {n['p99ms']:.1f} ms; {n['orderspercommit']:.1f} orders and "
                                f"{n['commitms']:.2f} ms per group commit{fs}", "higher", None, n["p99ms"]))
        return rows
    items = data.get("results", []) if isinstance(data, dict) else data
    unit = {"merkle": "/s", "oracle": "reports/s"}.get(bench, "/s")
    rows = [generic(i, unit) for i in items if isinstance(i, dict)]
    if bench == "merkle" and isinstance(data, dict):
        for k, v in data.items():
            if k.endswith("_ratio"):
                rows.append(Row(k.replace("_", " "), v, f"**{v:.2f}**", "none"))
    return rows


def at_least(x):
    return lambda row, ratio: row.value is not None and row.value >= x


def ratio_at_least(x):
    return lambda row, ratio: ratio is not None and ratio >= x


def ratio_at_most(x):
    return lambda row, ratio: ratio is not None and ratio <= x


def daemon_target(row, ratio):
    return row.value is not None and row.value >= 20000 and row.p99 is not None and row.p99 <= 10


def engine_rival(name):
    return re.escape(re.sub(r"\((h2|postgresql)\)$|(h2|postgresql)$", "", name)) + r".*sqlite"


def seal_read_limit(name):
    """The full audit beside the bare SELECT of its columns on the same store: the database's share of the seal."""
    m = re.search(r"\((\w+)\)$", name)
    return r"^bare SELECT.*\(" + (m.group(1) if m else r"\w+") + r"\)$"


# (benchmark, row pattern, rival pattern or function of the row's name, target text, check(row, ratio))
RULES = [
    ("events", r"canonicali[sz]e.*hash", r"raw SHA-256", "≥ 0.5 × raw (issue 17)", ratio_at_least(0.5)),
    ("events", r"append.*SQLITE$", r"append.*SQLITE, NO fsync", "≥ 100,000 /s on the default store (issue 17, ADR 0115)", at_least(100000)),
    ("events", r"append.*H2", r"append.*SQLITE$", "former default, beside the default store (ADR 0115)", None),
    ("events", r"^export", r"append.*SQLITE$", "constant memory (heap peak in the note)", None),
    ("merkle", r"streaming", r"raw SHA-256", "≥ 0.7 × raw (issue 17)", ratio_at_least(0.7)),
    ("merkle", r"all levels in memory", r"raw SHA-256", "≥ 0.7 × raw (issue 3)", ratio_at_least(0.7)),
    ("merkle", r"^seal, full audit", seal_read_limit, "≥ 200,000 events/s from the database (issue 17)", at_least(200000)),
    # A nightly is its new events plus a part that does not grow with them (edge, 256 sampled, sign): not a
    # per-event rate, so not the full seal's target; its own row of 1 new event shows that part (ADR 0109).
    ("merkle", r"^seal, nightly", None, "new events + a fixed part, not O(log size) (ADR 0109)", None),
    ("merkle", r"^seal", None, "≥ 200,000 events/s from the database (issue 17)", at_least(200000)),
    ("merkle", r"proof from the database", r"tree in memory|\(rival\)", "≥ 5,000 proofs/s (issue 17)", at_least(5000)),
    ("verify-anchor", r"default JIT", None, "≤ 1.5 s with the chain local (issue 3)",
     lambda row, ratio: row.value is not None and row.value <= 1.5),
    ("verify-anchor", r"C1 only.*, AOT cache", r"C1 only.*, no AOT cache", "≤ 1.5 s with the chain local (issue 3)",
     lambda row, ratio: row.value is not None and row.value <= 1.5),
    ("verify-anchor", r"C1 only", r"default JIT", "≤ 1.5 s with the chain local (issue 3)",
     lambda row, ratio: row.value is not None and row.value <= 1.5),
    ("oracle", r"pure aggregation.*\(1 thread\)", None, "≥ 500,000 reports/s on 2 cores (oracle issue)", at_least(500000)),
    ("oracle", r"pure aggregation", r"pure aggregation.*\(1 thread\)", "≥ 500,000 reports/s on 2 cores (oracle issue)", at_least(500000)),
    ("oracle", r"engine round", r"pure aggregation.*\(1 thread\)", "—", None),
    ("market", r"^replay", r"^engine: evolve only", "≥ 200,000 events/s (issue 17)", at_least(200000)),
    ("market", r"^http", None, "≥ 20,000 /s, p99 ≤ 10 ms (issue 17)", daemon_target),
    ("daemon", r"orders", r"noop", "≥ 20,000 /s, p99 ≤ 10 ms (issue 17)", daemon_target),
    ("recon", r"^mbp recon", r"duckdb", "ours / DuckDB ≤ 1.0, bounded heap (issue 17)", ratio_at_most(1.0)),
    ("payouts", r"H2, parallel 16, 0\.0%", r"H2, parallel 1,", "—", None),
    ("payouts", r"SQLITE, parallel 16", r"H2, parallel 16, 0\.0%", "—", None),
    ("evidence", r"^seal", None, "≥ 200,000 events/s from the database (issue 17)", at_least(200000)),
    ("evidence", r"evidence build", r"^append", "≥ 100,000 events/s, within -Xmx512m (issue 17)", at_least(100000)),
    ("engines", r"\((h2|postgresql)\)$|, (h2|postgresql)$", engine_rival, "— (issue 18: compare the engines)", None),
    ("screening", r"speed", None, "≥ 5,000 names/s (issue 13)", at_least(5000)),
    ("screening", r"quality", None, "recall ≥ 0.95 at precision ≥ 0.90 (issue 13)", None),
]


def cell(s):
    return str(s).replace("|", "\\|").replace("\n", " ")


def main(folder):
    run = json.load(open(os.path.join(folder, "run.json")))
    metas = [json.load(open(p)) for p in sorted(glob.glob(os.path.join(folder, "*.meta.json")))]
    out = []
    w = out.append
    w(f"# bench-all: {run['mode']} run, {run['started']}")
    w("")
    w(f"Machine: {run['cpus']} vCPUs ({run['cpu']}), {run['mem_gib']} GiB, {run['java']}; commit `{run['git_commit'][:12]}`"
      f"{' with %d modified files' % run['git_modified_files'] if run['git_modified_files'] else ''}; mbp.jar sha256 `{run['mbp_jar_sha256_16']}…`.")
    if run.get("startup_cache"):
        w(f"Start-up cache (ADR 0146): {run['startup_cache']}.")
    w(f"Load average at the start: {run['load_at_start']}; before each benchmark the run waited up to {run['settle_seconds']} s "
      "for the 1-minute load to fall below 1.0. Each command also got `--dir` under the run folder (deleted after).")
    if run.get("forced") and float(run["load_at_start"].split()[0]) > 1.5:
        w("")
        w(f"**BUSY MACHINE: started with `--force` at load {run['load_at_start'].split()[0]}. These are not quiet-run "
          "numbers; read only the ratios within a row.**")
    w("")
    w("| # | benchmark | command | exit | wall | load before → after (1, 5, 15 min) |")
    w("|---|---|---|---:|---:|---|")
    for i, m in enumerate(metas):
        lb, la = " ".join(m["load_before"].split()[:3]), " ".join(m["load_after"].split()[:3])
        status = "**not run**: " + m["not_run"] if m.get("not_run") else m["exit"]
        w(f"| {m['file'][:2]} | {m['benchmark']} | `{cell(m['command'])}` | {cell(status)} | {m['wall_seconds']:.0f} s | {lb} → {la} |")
    unmatched = []
    groups = {}  # one section per benchmark: verify-anchor runs twice (default JIT, C1) and is compared across
    for m in metas:
        groups.setdefault(m["benchmark"], []).append(m)
    for bench, ms in groups.items():
        w("")
        w(f"## {bench} — `{ms[0]['command']}`" + (" (not run)" if all(m.get("not_run") for m in ms) else ""))
        rows = []
        datas = []
        for m in ms:
            if m.get("not_run"):
                w("")
                w(f"Not run: {m['not_run']}.")
                continue
            try:
                data = json.load(open(os.path.join(folder, m["file"])))
            except (OSError, ValueError):
                log = os.path.join(folder, m["file"][:-5] + ".log")
                last = [l for l in open(log, errors="replace").read().splitlines() if l.strip()][-1:] if os.path.exists(log) else []
                w("")
                w(f"**Failed** (exit {m['exit']}): no JSON on stdout; `{m['file'][:-5]}.log` ends: "
                  f"{cell(last[0][:400]) if last else '(empty)'}")
                continue
            datas.append(data)
            for i, row in enumerate(rows_of(bench, data)):
                row.run = len(datas)  # a rival is looked for in the same run first (recon runs twice)
                row.cmd = f"`{m['command']}`" if i == 0 else "same run"
                row.load = row.load or f"{m['load_before'].split()[0]} → {m['load_after'].split()[0]}"
                rows.append(row)
        if not rows:
            continue
        w("")
        w("| measurement | command | load before → after | result | limit / rival, same run | ratio | target |")
        w("|---|---|---|---|---|---:|---|")
        rules = [r for r in RULES if r[0] == bench]
        used = set()
        for row in rows:
            rival_txt = ratio_txt = target_txt = ""
            for rule in (rules if row.better != "none" else []):
                _, pat, rival_pat, target, check = rule
                if not re.search(pat, row.name, re.I):
                    continue
                used.add(pat)
                ratio = None
                if rival_pat:
                    rp = rival_pat(row.name) if callable(rival_pat) else rival_pat
                    rivals = [r for r in rows if r is not row and re.search(rp, r.name, re.I)]
                    rival = next((r for r in rivals if r.run == row.run), rivals[0] if rivals else None)
                    if rival is not None and rival.value and row.value is not None:
                        ratio = row.value / rival.value
                        rival_txt = f"{rival.name}: {rival.short}" + (f", p99 {rival.p99:.1f} ms" if rival.p99 is not None else "")
                        ratio_txt = f"**{ratio:.2f}**"
                if target and target != "—" and check is not None:
                    target_txt = f"{target}: **{'met' if check(row, ratio) else 'not met'}**"
                else:
                    target_txt = target
                break
            w(f"| {cell(row.name)} | {cell(row.cmd)} | {row.load} | {cell(row.text)} | {cell(rival_txt) or '—'} | {ratio_txt or '—'} | {cell(target_txt) or '—'} |")
        unmatched += [f"{bench}: /{r[1]}/" for r in rules if r[1] not in used]
        for data in datas:
            if bench == "recon" and "ours_over_duckdb_wall" in data:
                w("")
                w(f"ours / DuckDB: **{data['ours_over_duckdb_wall']:.2f}** wall, {data['ours_over_duckdb_cpu']:.2f} CPU "
                  "(below 1 = faster than DuckDB; target ≤ 1.0).")
        if bench == "daemon" and os.path.exists(os.path.join(folder, "daemon-hot-methods.txt")):
            w("")
            w("The daemon was recorded with JFR (`settings=profile`); its hottest methods (`jfr view hot-methods`) "
              "are in `daemon-hot-methods.txt`, the recording in `daemon.jfr`.")
    if unmatched:
        w("")
        w("Patterns of scripts/bench-all.d/summary.py that found no measurement (renamed? mend RULES): "
          + ", ".join(f"`{u}`" for u in unmatched) + ".")
    print("\n".join(out))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
