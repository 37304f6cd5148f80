#!/usr/bin/env python3
"""Turns a JMH JSON result of hibernate-cas-benchmarks into docs/benchmarks/jmh.md and docs/contention.svg.

(docs/performance.md comes from the paired harness: paired_report.py.)

    python3 hibernate-cas-benchmarks/report.py docs/benchmarks/quick.json

Reads RESULT.json (JMH's -rf json output, as BenchmarkMain writes it) and RESULT-facts.json (machine, databases,
statement counts, lost-update checks) next to it, and writes the report. Standard library only.

Options: --facts FILE, --out FILE (default docs/benchmarks/jmh.md), --svg FILE (default docs/contention.svg),
--analysis FILE (default docs/benchmarks/analysis.md: hand-written interpretation, included verbatim if present),
--commit SHA (the commit the benchmarks ran on; default: git HEAD).
"""

import argparse
import json
import math
import os
import subprocess
import sys
from collections import defaultdict

DBS = ["h2", "postgresql", "mariadb"]
DB_NAMES = {"h2": "H2", "postgresql": "PostgreSQL", "mariadb": "MariaDB"}
UPDATE_VARIANTS = ["jdbc", "plain_cas_off", "plain_cas_on", "cas"]
CONFLICT_VARIANTS = ["plain", "cas_diagnose", "cas_no_diagnose", "cas_success"]
OPERATIONS = ["jdbc_compare_and_set", "cas_compare_and_set", "jdbc_increment", "cas_increment", "hql_increment"]
STRATEGIES = ["plain_retry", "cas_retry", "cas_retry_no_backoff", "pessimistic_write", "cas_increment",
              "jdbc_increment"]
STRATEGY_LABELS = {
    "plain_retry": "plain Hibernate retry loop",
    "cas_retry": "CasRetry (default backoff)",
    "cas_retry_no_backoff": "CasRetry (no backoff)",
    "pessimistic_write": "PESSIMISTIC_WRITE",
    "cas_increment": "CasOperations.increment",
    "jdbc_increment": "raw JDBC n = n + ?",
}
COLORS = {
    "plain_retry": "#d62728",
    "cas_retry": "#1f77b4",
    "cas_retry_no_backoff": "#17becf",
    "pessimistic_write": "#7f7f7f",
    "cas_increment": "#2ca02c",
    "jdbc_increment": "#000000",
}
# Student's t, 99.9% two-sided (JMH's confidence level), by degrees of freedom.
T999 = [636.62, 31.599, 12.924, 8.610, 6.869, 5.959, 5.408, 5.041, 4.781, 4.587, 4.437, 4.318, 4.221, 4.140, 4.073,
        4.015, 3.965, 3.922, 3.883, 3.850, 3.819, 3.792, 3.768, 3.745, 3.725, 3.707, 3.690, 3.674, 3.659, 3.646]
UPDATE_TARGET = 1.03
OPERATION_TARGET = 1.5


class Score:
    """A JMH score with its 99.9% confidence half-width (NaN when JMH could not compute one)."""

    def __init__(self, value, error):
        self.value = number(value)
        self.error = number(error)

    def ratio(self, other):
        if not other or other.value == 0:
            return None
        value = self.value / other.value
        if math.isnan(self.error) or math.isnan(other.error):
            return Score(value, float("nan"))
        error = value * math.sqrt(rel(self) ** 2 + rel(other) ** 2)
        return Score(value, error)

    def fmt(self, digits=1):
        if math.isnan(self.error):
            return f"{self.value:,.{digits}f}"
        return f"{self.value:,.{digits}f} ± {self.error:,.{digits}f}"


def number(value):
    """JMH writes NaN as the string "NaN"."""
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("nan")


def rel(score):
    if score.value == 0 or math.isnan(score.error):
        return 0.0
    return score.error / score.value


def fmt_ratio(score):
    if score is None:
        return "n/a"
    if math.isnan(score.error):
        return f"{score.value:.2f}"
    return f"{score.value:.2f} ± {score.error:.2f}"


def short(name):
    return name.rsplit(".", 2)[-2] + "." + name.rsplit(".", 1)[-1]


def load(results_path):
    with open(results_path, encoding="utf-8") as f:
        results = json.load(f)
    table = {}
    for r in results:
        bench = short(r["benchmark"])
        params = r.get("params", {})
        key = (bench, r.get("threads", 1)) + tuple(sorted(params.items()))
        metric = r["primaryMetric"]
        secondary = {name: Score(m["score"], m.get("scoreError")) for name, m in r.get("secondaryMetrics", {}).items()}
        table[key] = {
            "score": Score(metric["score"], metric.get("scoreError")),
            "unit": metric["scoreUnit"],
            "secondary": secondary,
            "params": params,
            "threads": r.get("threads", 1),
            "bench": bench,
            "samples": len([x for fork in metric.get("rawData", []) for x in fork]),
        }
    return table


def find(table, bench, threads=1, **params):
    for entry in table.values():
        if entry["bench"] != bench or entry["threads"] != threads:
            continue
        if all(entry["params"].get(k) == str(v) for k, v in params.items()):
            return entry
    return None


def score(table, bench, threads=1, **params):
    entry = find(table, bench, threads, **params)
    return entry["score"] if entry else None


def alloc(table, bench, threads=1, **params):
    """Bytes allocated per operation (JMH's gc profiler), or None."""
    entry = find(table, bench, threads, **params)
    return entry["secondary"].get("gc.alloc.rate.norm") if entry else None


def verdict(ratio, target):
    """met / missed / not resolved: whether the ratio and its error bar are below the target."""
    if ratio is None:
        return "not measured"
    if ratio.value <= target:
        return "**met**"
    if not math.isnan(ratio.error) and ratio.value - ratio.error <= target:
        return "missed within noise"
    return "**missed**"


def present_dbs(table):
    seen = {entry["params"].get("db") for entry in table.values()}
    return [db for db in DBS if db in seen]


def git_commit():
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


# ---------------------------------------------------------------------------------------------------------------- SVG


def contention_svg(facts, dbs, threads_list):
    panel_w, panel_h, gap = 300, 220, 20
    left, top = 70, 50
    width = max(720, left + len(dbs) * (panel_w + gap) + 10)
    columns = max(1, min(3, (width - left) // 300))
    height = top + 2 * (panel_h + 60) + math.ceil(len(STRATEGIES) / columns) * 22 + 60
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{width / 2}" y="22" text-anchor="middle" font-size="16" font-weight="bold">'
           'One hot row: successful increments per second and attempts per success</text>']

    trials = [Contention(f) for f in facts if f.get("kind") == "lostUpdateCheck"]
    values = [c.rate().value for c in trials if c.rate() and c.rate().value > 0]
    if not values:
        out.append('<text x="20" y="60">no contention results</text></svg>')
        return "\n".join(out)
    y_min = 10 ** math.floor(math.log10(min(values)))
    y_max = 10 ** math.ceil(math.log10(max(values)))
    ratios = [c.attempts_per_success() for c in trials if c.attempts_per_success() is not None]
    r_max = max(2.0, math.ceil(max(ratios) if ratios else 2.0))

    def x_of(i, x0):
        return x0 + 20 + i * (panel_w - 40) / max(1, len(threads_list) - 1)

    for p, db in enumerate(dbs):
        x0 = left + p * (panel_w + gap)
        for row in range(2):
            y0 = top + row * (panel_h + 60)
            out.append(f'<rect x="{x0}" y="{y0}" width="{panel_w}" height="{panel_h}" fill="none" stroke="#ccc"/>')
            title = DB_NAMES[db] + (": increments/s (log scale)" if row == 0 else ": attempts per success")
            out.append(f'<text x="{x0 + panel_w / 2}" y="{y0 - 8}" text-anchor="middle" '
                       f'font-weight="bold">{title}</text>')
            for i, t in enumerate(threads_list):
                x = x_of(i, x0)
                out.append(f'<line x1="{x:.1f}" y1="{y0 + panel_h}" x2="{x:.1f}" y2="{y0 + panel_h + 4}" '
                           'stroke="#333"/>')
                out.append(f'<text x="{x:.1f}" y="{y0 + panel_h + 17}" text-anchor="middle">{t}</text>')
            out.append(f'<text x="{x0 + panel_w / 2}" y="{y0 + panel_h + 32}" text-anchor="middle" '
                       'fill="#555">threads</text>')
            if row == 0:
                def y_of(v, y0=y0):
                    v = max(v, y_min)
                    return y0 + panel_h - (math.log10(v) - math.log10(y_min)) / (
                        math.log10(y_max) - math.log10(y_min)) * panel_h
                decade = y_min
                while decade <= y_max:
                    y = y_of(decade)
                    out.append(f'<line x1="{x0}" y1="{y:.1f}" x2="{x0 + panel_w}" y2="{y:.1f}" stroke="#eee"/>')
                    if p == 0:
                        out.append(f'<text x="{x0 - 6}" y="{y + 4:.1f}" text-anchor="end">{decade:,.0f}</text>')
                    decade *= 10
            else:
                def y_of(v, y0=y0):
                    return y0 + panel_h - (v - 1) / (r_max - 1) * panel_h
                step = 1 if r_max <= 8 else math.ceil((r_max - 1) / 6)
                v = 1
                while v <= r_max:
                    y = y_of(v)
                    out.append(f'<line x1="{x0}" y1="{y:.1f}" x2="{x0 + panel_w}" y2="{y:.1f}" stroke="#eee"/>')
                    if p == 0:
                        out.append(f'<text x="{x0 - 6}" y="{y + 4:.1f}" text-anchor="end">{v:g}</text>')
                    v += step
            for strategy in STRATEGIES:
                points = []
                for i, t in enumerate(threads_list):
                    c = contention(facts, db, strategy, t)
                    if not c or not c.rate():
                        continue
                    if row == 0:
                        v = c.rate().value
                        err = c.rate().error
                        if not math.isnan(err) and err > 0:
                            lo, hi = y_of(max(v - err, y_min)), y_of(v + err)
                            out.append(f'<line x1="{x_of(i, x0):.1f}" y1="{lo:.1f}" x2="{x_of(i, x0):.1f}" '
                                       f'y2="{hi:.1f}" stroke="{COLORS[strategy]}" stroke-opacity="0.5"/>')
                    else:
                        v = c.attempts_per_success()
                        if v is None:
                            continue
                    points.append((x_of(i, x0), y_of(v)))
                if points:
                    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
                    dash = ' stroke-dasharray="5,3"' if strategy in ("jdbc_increment", "cas_retry_no_backoff") else ""
                    out.append(f'<polyline points="{path}" fill="none" stroke="{COLORS[strategy]}" '
                               f'stroke-width="2"{dash}/>')
                    for x, y in points:
                        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{COLORS[strategy]}"/>')
    legend_y = top + 2 * (panel_h + 60) + 10
    columns = max(1, min(3, (width - left) // 300))
    rows = math.ceil(len(STRATEGIES) / columns)
    for i, strategy in enumerate(STRATEGIES):
        x = left + (i % columns) * 300
        y = legend_y + (i // columns) * 22
        dash = ' stroke-dasharray="5,3"' if strategy in ("jdbc_increment", "cas_retry_no_backoff") else ""
        out.append(f'<line x1="{x}" y1="{y}" x2="{x + 30}" y2="{y}" stroke="{COLORS[strategy]}" '
                   f'stroke-width="2"{dash}/>')
        out.append(f'<text x="{x + 38}" y="{y + 4}">{STRATEGY_LABELS[strategy]}</text>')
    note_y = legend_y + rows * 22 + 12
    out.append(f'<text x="{left}" y="{note_y}" fill="#555">Error bars: 99.9% confidence interval over the measurement iterations (wall clock).</text>')
    out.append(f'<text x="{left}" y="{note_y + 16}" fill="#555">Attempts per success: transactions begun / '
               'increments committed.</text>')
    out.append("</svg>")
    return "\n".join(out)


class Contention:
    """One contention trial measured by the wall clock: its measurement windows (increments, attempts, nanoseconds)."""

    def __init__(self, fact):
        self.fact = fact
        self.windows = fact.get("windows") or []

    def rate(self):
        """Increments per second: mean of the windows, with a 99.9% confidence half-width."""
        rates = [c / (n / 1e9) for c, a, n in self.windows if n > 0]
        if not rates:
            return None
        mean = sum(rates) / len(rates)
        if len(rates) < 2:
            return Score(mean, float("nan"))
        sd = math.sqrt(sum((r - mean) ** 2 for r in rates) / (len(rates) - 1))
        t = T999[len(rates) - 2] if len(rates) - 2 < len(T999) else 3.291
        return Score(mean, t * sd / math.sqrt(len(rates)))

    def attempts_per_success(self):
        committed = sum(c for c, a, n in self.windows)
        begun = sum(a for c, a, n in self.windows)
        return begun / committed if committed else None


def contention(facts, db, strategy, threads):
    for f in facts:
        if (f.get("kind") == "lostUpdateCheck" and f["db"] == db and f["strategy"] == strategy
                and f["threads"] == threads):
            return Contention(f)
    return None


# ----------------------------------------------------------------------------------------------------------- Markdown


def statement_facts(facts, benchmark):
    found = {}
    for f in facts:
        if f.get("kind") == "statements" and f.get("benchmark") == benchmark:
            found[(f["db"], f.get("variant"), f.get("batching"))] = f
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("results")
    parser.add_argument("--facts")
    parser.add_argument("--out", default="docs/benchmarks/jmh.md")
    parser.add_argument("--svg", default="docs/contention.svg")
    parser.add_argument("--analysis", default="docs/benchmarks/analysis.md")
    parser.add_argument("--commit", help="the commit the benchmarks were built from (default: git HEAD)")
    args = parser.parse_args()

    facts_path = args.facts or (args.results[:-5] if args.results.endswith(".json") else args.results) + "-facts.json"
    table = load(args.results)
    with open(facts_path, encoding="utf-8") as f:
        facts_doc = json.load(f)
    facts = facts_doc.get("facts", [])
    run = facts_doc.get("run", {})
    machine = facts_doc.get("machine", {})
    dbs = present_dbs(table)
    threads_list = sorted({f["threads"] for f in facts if f.get("kind") == "lostUpdateCheck"})

    svg_rel = os.path.relpath(args.svg, os.path.dirname(os.path.abspath(args.out)) or ".")
    results_rel = os.path.relpath(args.results, os.path.dirname(os.path.abspath(args.out)) or ".")
    lines = []
    w = lines.append
    w("# Performance")
    w("")
    w(f"<!-- Generated by hibernate-cas-benchmarks/report.py from {os.path.basename(args.results)}; "
      "do not edit by hand: edit docs/benchmarks/analysis.md or the script, and regenerate. -->")
    w("")
    w(f"What hibernate-cas costs, measured with JMH against raw JDBC and plain Hibernate on "
      f"{', '.join(DB_NAMES[d] for d in dbs)}. Profile **{run.get('profile', '?')}** "
      f"({run.get('forks', '?')} fork, warm-up {run.get('warmup', '?')}, measurement {run.get('measurement', '?')} "
      f"per configuration), run {run.get('started', '?')[:16].replace('T', ' ')} UTC on commit "
      f"`{args.commit or git_commit()}`. Raw results: [{os.path.basename(args.results)}]({results_rel}) and "
      f"[{os.path.basename(facts_path)}]({os.path.relpath(facts_path, os.path.dirname(os.path.abspath(args.out)))}).")
    w("")
    readme = os.path.relpath("hibernate-cas-benchmarks/README.md", os.path.dirname(os.path.abspath(args.out)))
    w(f"How to run: [hibernate-cas-benchmarks/README.md]({readme}). Errors are JMH's "
      "99.9% confidence half-widths; a ratio's error combines both. A quick-profile run has one fork and three "
      "short iterations, so its error bars are wide: quote the full profile.")
    w("")

    # machine
    w("## Machine")
    w("")
    w("| | |")
    w("|---|---|")
    w(f"| CPU | {machine.get('cpu', '?')} |")
    w(f"| Cores | {machine.get('cores', '?')} |")
    w(f"| Memory | {machine.get('memoryGiB', '?')} GiB |")
    w(f"| OS | {machine.get('os', '?')} |")
    w(f"| Java | {machine.get('java', '?')} |")
    w(f"| Hibernate ORM | {machine.get('hibernate', '?')} |")
    w(f"| JMH | {machine.get('jmh', '?')} |")
    for d in facts_doc.get("databases", []):
        if d.get("available"):
            w(f"| {DB_NAMES[d['db']]} | {d.get('product')} {d.get('version')}, {d.get('isolation')}, "
              f"driver {d.get('driver')} |")
        else:
            w(f"| {DB_NAMES[d['db']]} | not run: {d.get('reason')} |")
    load_avg = machine.get("loadAverage", {})
    w(f"| Load average (1 min) during the run | min {load_avg.get('min')}, mean {load_avg.get('mean')}, "
      f"max {load_avg.get('max')} ({load_avg.get('samples')} samples, 15 s apart) |")
    w("")
    cores = machine.get("cores") or 2
    mean_load = load_avg.get("mean") or 0
    if mean_load and mean_load > cores * 0.75:
        w(f"**The machine was busy** (mean load {mean_load} on {cores} cores, part of it other builds): the absolute "
          "numbers are lower and noisier than on an idle machine; ratios between variants measured minutes apart "
          "carry that noise too.")
        w("")
    w("PostgreSQL and MariaDB are embedded servers on the same machine (loopback TCP) with durability off "
      "(`fsync=off`, `synchronous_commit=off`; `innodb_flush_log_at_trx_commit=0`), so a commit costs a round trip "
      "and not a disk flush; H2 runs in memory inside the benchmark JVM. Connections come from HikariCP, shared by "
      "the JDBC and Hibernate variants.")
    w("")

    # targets
    w("## Targets")
    w("")
    w("| Target | Database | Measured | Verdict |")
    w("|---|---|---|---|")
    upd_facts = statement_facts(facts, "update")
    for db in dbs:
        for batching in ("batched", "unbatched"):
            cas = score(table, "EntityUpdateBenchmark.update", db=db, variant="cas", batching=batching)
            plain = score(table, "EntityUpdateBenchmark.update", db=db, variant="plain_cas_off", batching=batching)
            r = cas.ratio(plain) if cas and plain else None
            w(f"| `@Cas` entity update, {batching}: time / plain Hibernate `@Version` <= {UPDATE_TARGET} | "
              f"{DB_NAMES[db]} | {fmt_ratio(r)} | {verdict(r, UPDATE_TARGET)} |")
    for db in dbs:
        for batching in ("batched", "unbatched"):
            cas = alloc(table, "EntityUpdateBenchmark.update", db=db, variant="cas", batching=batching)
            plain = alloc(table, "EntityUpdateBenchmark.update", db=db, variant="plain_cas_off", batching=batching)
            if cas and plain:
                w(f"| (context) `@Cas` entity update, {batching}: bytes allocated / plain Hibernate's | {DB_NAMES[db]} "
                  f"| {cas.value / plain.value:.3f} ({(cas.value - plain.value) / 100:+,.0f} B per row) | — |")
    for db in dbs:
        same = []
        for batching in ("batched", "unbatched"):
            a = upd_facts.get((db, "cas", batching))
            b = upd_facts.get((db, "plain_cas_off", batching))
            if a and b:
                same.append(all(a[k] == b[k] for k in ("roundTrips", "dml", "queries", "batches")))
        if same:
            w(f"| Statements of a `@Cas` update = plain Hibernate's | {DB_NAMES[db]} | "
              f"{'equal' if all(same) else 'DIFFERENT'} (batched and unbatched) | "
              f"{'**met**' if all(same) else '**missed**'} |")
    for db in dbs:
        for ours, raw, label in (("cas_compare_and_set", "jdbc_compare_and_set", "`compareAndSet`"),
                                 ("cas_increment", "jdbc_increment", "`increment`")):
            a = score(table, "RowOperationBenchmark.write", db=db, operation=ours)
            b = score(table, "RowOperationBenchmark.write", db=db, operation=raw)
            r = a.ratio(b) if a and b else None
            w(f"| {label}: time / raw JDBC <= {OPERATION_TARGET} | {DB_NAMES[db]} | {fmt_ratio(r)} | "
              f"{verdict(r, OPERATION_TARGET)} |")
    for db in dbs:
        better, compared, cells = 0, 0, []
        for t in threads_list:
            if t < 2:
                continue
            c = contention(facts, db, "cas_retry", t)
            p = contention(facts, db, "plain_retry", t)
            if c and p and c.attempts_per_success() and p.attempts_per_success():
                compared += 1
                ok = c.attempts_per_success() < p.attempts_per_success()
                better += ok
                cells.append(f"{t} threads: {c.attempts_per_success():.2f} vs {p.attempts_per_success():.2f}")
        if compared:
            w(f"| `CasRetry` attempts per success < plain retry loop's (2+ threads) | {DB_NAMES[db]} | "
              f"{'; '.join(cells)} | {'**met**' if better == compared else '**missed**'} |")
    checks = [f for f in facts if f.get("kind") == "lostUpdateCheck"]
    lost = [f for f in checks if not f.get("ok")]
    w(f"| No lost update (counter = successful increments, every contention trial) | all | {len(checks)} trials "
      f"checked, {len(lost)} failed | {'**met**' if checks and not lost else '**missed**'} |")
    w("")

    analysis = args.analysis
    if analysis and os.path.exists(analysis):
        with open(analysis, encoding="utf-8") as f:
            w(f.read().rstrip())
        w("")

    # updates
    w("## 1. Updating 100 loaded entities")
    w("")
    w("Time from the first setter to the end of `commit()` for 100 rows loaded beforehand (not timed), in "
      "microseconds per transaction (lower is better). `jdbc`: the same `UPDATE ... WHERE id=? AND version=?` by hand; "
      "`plain_cas_off`: Hibernate with `@Version`, hibernate-cas disabled; `plain_cas_on`: the same entity with "
      "hibernate-cas enabled; `cas`: the entity with two `@Cas` attributes. Batched: `hibernate.jdbc.batch_size=50` "
      "(JDBC: batches of 50).")
    w("")
    w("| Database | Batching | jdbc | plain_cas_off | plain_cas_on | cas | plain_cas_on / plain_cas_off | "
      "**cas / plain_cas_off** | cas / jdbc | plain_cas_off / jdbc |")
    w("|---|---|---|---|---|---|---|---|---|---|")
    for db in dbs:
        for batching in ("batched", "unbatched"):
            s = {v: score(table, "EntityUpdateBenchmark.update", db=db, variant=v, batching=batching)
                 for v in UPDATE_VARIANTS}
            if not any(s.values()):
                continue
            cells = [s[v].fmt(0) if s[v] else "n/a" for v in UPDATE_VARIANTS]

            def rr(a, b):
                return fmt_ratio(s[a].ratio(s[b])) if s[a] and s[b] else "n/a"
            w(f"| {DB_NAMES[db]} | {batching} | " + " | ".join(cells) + f" | {rr('plain_cas_on', 'plain_cas_off')} | "
              f"**{rr('cas', 'plain_cas_off')}** | {rr('cas', 'jdbc')} | {rr('plain_cas_off', 'jdbc')} |")
    w("")
    w("### Allocation per transaction of 100 updates")
    w("")
    w("Bytes allocated per transaction (JMH's gc profiler, `gc.alloc.rate.norm`): unlike time, this does not move "
      "with the load on the machine, so it shows the library's own work most clearly. The last column is what "
      "`@Cas` allocates per updated row beyond plain Hibernate.")
    w("")
    w("| Database | Batching | jdbc | plain_cas_off | plain_cas_on | cas | plain_cas_on - plain_cas_off per row | "
      "cas - plain_cas_off per row |")
    w("|---|---|---|---|---|---|---|---|")
    for db in dbs:
        for batching in ("batched", "unbatched"):
            a = {v: alloc(table, "EntityUpdateBenchmark.update", db=db, variant=v, batching=batching)
                 for v in UPDATE_VARIANTS}
            if not any(a.values()):
                continue
            cells = [f"{a[v].value:,.0f}" if a[v] else "n/a" for v in UPDATE_VARIANTS]

            def per_row(v):
                if not a[v] or not a["plain_cas_off"]:
                    return "n/a"
                return f"{(a[v].value - a['plain_cas_off'].value) / 100:+,.0f} B"
            w(f"| {DB_NAMES[db]} | {batching} | " + " | ".join(cells) + f" | {per_row('plain_cas_on')} | "
              f"{per_row('cas')} |")
    w("")
    w("### Statements per transaction of 100 updates")
    w("")
    w("Counted by a counting `DataSource` in one extra transaction before the measurement: JDBC round trips "
      "(`executeBatch`/`executeUpdate`/`executeQuery` calls), DML statements (rows added to batches plus single "
      "updates) and queries.")
    w("")
    w("| Database | Batching | Variant | Round trips | DML | Queries | SQL |")
    w("|---|---|---|---|---|---|---|")
    for db in dbs:
        for batching in ("batched", "unbatched"):
            for v in UPDATE_VARIANTS:
                f = upd_facts.get((db, v, batching))
                if f:
                    sql = "<br>".join(f"`{s}`" for s in f.get("sql", []))
                    w(f"| {DB_NAMES[db]} | {batching} | {v} | {f['roundTrips']} | {f['dml']} | {f['queries']} | "
                      f"{sql} |")
    w("")

    # conflicts
    w("## 2. The conflict path")
    w("")
    w("An entity is loaded, another connection bumps the row's version (not timed); timed: change the entity, "
      "`flush()`, catch the conflict, roll back, close. Microseconds per conflict. `plain`: Hibernate's own "
      "`OptimisticLockException` (hibernate-cas disabled); `cas_diagnose`: the typed exception with the diagnostic "
      "`SELECT` (default); `cas_no_diagnose`: `hibernate.cas.diagnose=false`; `cas_success`: the same transaction "
      "without a concurrent change, for scale.")
    w("")
    w("| Database | plain | cas_diagnose | cas_no_diagnose | cas_success | cas_diagnose / plain | "
      "cas_no_diagnose / plain |")
    w("|---|---|---|---|---|---|---|")
    for db in dbs:
        s = {v: score(table, "ConflictBenchmark.flushWithConflict", db=db, variant=v) for v in CONFLICT_VARIANTS}
        if not any(s.values()):
            continue
        cells = [s[v].fmt(0) if s[v] else "n/a" for v in CONFLICT_VARIANTS]
        r1 = fmt_ratio(s["cas_diagnose"].ratio(s["plain"])) if s["cas_diagnose"] and s["plain"] else "n/a"
        r2 = fmt_ratio(s["cas_no_diagnose"].ratio(s["plain"])) if s["cas_no_diagnose"] and s["plain"] else "n/a"
        w(f"| {DB_NAMES[db]} | " + " | ".join(cells) + f" | {r1} | {r2} |")
    w("")
    conf_facts = statement_facts(facts, "conflict")
    w("| Database | Variant | Exception | Round trips of the failed flush | SQL |")
    w("|---|---|---|---|---|")
    for db in dbs:
        for v in CONFLICT_VARIANTS:
            f = conf_facts.get((db, v, None))
            if f:
                sql = "<br>".join(f"`{s}`" for s in f.get("sql", []))
                w(f"| {DB_NAMES[db]} | {v} | `{f.get('exception', '').rsplit('.', 1)[-1]}` | {f['roundTrips']} | "
                  f"{sql} |")
    w("")

    # operations
    w("## 3. `compareAndSet` and `increment` against raw JDBC")
    w("")
    w("One single-row write per transaction, one thread, no contention; microseconds per transaction. JDBC: pooled "
      "connection, `setAutoCommit(false)`, the statement, `commit()`. Ours: new `EntityManager`, `begin()`, the "
      "operation, `commit()`, `close()`. HQL: `update HotCounter c set c.n = c.n + :delta, c.version = c.version + 1 "
      "where c.id = :id`.")
    w("")
    w("| Database | jdbc_compare_and_set | cas_compare_and_set | jdbc_increment | cas_increment | hql_increment | "
      "**compareAndSet / JDBC** | **increment / JDBC** | increment / HQL |")
    w("|---|---|---|---|---|---|---|---|---|")
    for db in dbs:
        s = {o: score(table, "RowOperationBenchmark.write", db=db, operation=o) for o in OPERATIONS}
        if not any(s.values()):
            continue
        cells = [s[o].fmt(1) if s[o] else "n/a" for o in OPERATIONS]

        def rr(a, b):
            return fmt_ratio(s[a].ratio(s[b])) if s[a] and s[b] else "n/a"
        w(f"| {DB_NAMES[db]} | " + " | ".join(cells) + f" | **{rr('cas_compare_and_set', 'jdbc_compare_and_set')}** "
          f"| **{rr('cas_increment', 'jdbc_increment')}** | {rr('cas_increment', 'hql_increment')} |")
    w("")
    w("Bytes allocated per transaction (JMH's gc profiler):")
    w("")
    w("| Database | " + " | ".join(OPERATIONS) + " |")
    w("|---|" + "---|" * len(OPERATIONS))
    for db in dbs:
        a = [alloc(table, "RowOperationBenchmark.write", db=db, operation=o) for o in OPERATIONS]
        if any(a):
            w(f"| {DB_NAMES[db]} | " + " | ".join(f"{x.value:,.0f}" if x else "n/a" for x in a) + " |")
    w("")
    op_facts = statement_facts(facts, "operation")
    w("| Database | Operation | Round trips | SQL |")
    w("|---|---|---|---|")
    for db in dbs:
        for o in OPERATIONS:
            f = op_facts.get((db, o, None))
            if f:
                sql = "<br>".join(f"`{s}`" for s in f.get("sql", []))
                w(f"| {DB_NAMES[db]} | {o} | {f['roundTrips']} | {sql} |")
    w("")

    # contention
    w("## 4. Contention on one hot row")
    w("")
    w(f"![Contention chart]({svg_rel})")
    w("")
    w("Every thread increments the same row as fast as it can. Each cell: successful increments per second (higher "
      "is better) and attempts per success (transactions begun per increment committed; 1.00 = no wasted work), "
      "both measured by the wall clock over each measurement iteration, from its setup to its tear-down with all "
      "threads stopped (JMH's own score, also in the JSON, leaves out the operations JMH runs while it waits for a "
      "thread asleep in a backoff, and so misstates `CasRetry`). "
      "`plain_retry`: read, add one, commit, and on `OptimisticLockException` start again at once with a new "
      "`EntityManager` (hibernate-cas disabled); `cas_retry`: the same read-modify-write in `CasRetry` with the "
      "default backoff (10 ms doubling to 500 ms, jitter); `cas_retry_no_backoff`: `CasRetry` with "
      "`backoff(ZERO, ZERO)`; `pessimistic_write`: `find(..., PESSIMISTIC_WRITE)`; `cas_increment`: "
      "`CasOperations.increment`; `jdbc_increment`: raw JDBC `n = n + ?`. After each trial the counter is compared "
      "with the number of successful increments.")
    w("")
    w("Cells: increments per second ± 99.9% confidence half-width, then attempts per success.")
    w("")
    for db in dbs:
        w(f"### {DB_NAMES[db]}")
        w("")
        w("| Strategy | " + " | ".join(f"{t} thread{'s' if t > 1 else ''}" for t in threads_list) + " |")
        w("|---|" + "---|" * len(threads_list))
        for strategy in STRATEGIES:
            cells = []
            for t in threads_list:
                c = contention(facts, db, strategy, t)
                if not c or not c.rate():
                    cells.append("n/a")
                    continue
                a = c.attempts_per_success()
                cells.append(f"{c.rate().fmt(0)}/s, {a:.2f}" if a else c.rate().fmt(0) + "/s")
            w(f"| {STRATEGY_LABELS[strategy]} | " + " | ".join(cells) + " |")
        w("")
    w("### Lost-update checks")
    w("")
    w("| Database | Strategy | Threads | Successful increments | Counter | Attempts | OK |")
    w("|---|---|---|---|---|---|---|")
    for f in sorted(checks, key=lambda f: (DBS.index(f["db"]), STRATEGIES.index(f["strategy"])
                                           if f["strategy"] in STRATEGIES else 99, f["threads"])):
        w(f"| {DB_NAMES[f['db']]} | {f['strategy']} | {f['threads']} | {f['successes']} | {f['counter']} | "
          f"{f['attempts']} | {'yes' if f['ok'] else '**NO**'} |")
    w("")
    failures = run.get("failures") or []
    if failures:
        w("## Failures during the run")
        w("")
        for failure in failures:
            w(f"- {failure}")
        w("")

    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    os.makedirs(os.path.dirname(os.path.abspath(args.svg)), exist_ok=True)
    with open(args.svg, "w", encoding="utf-8") as f:
        f.write(contention_svg(facts, dbs, threads_list) + "\n")
    print(f"wrote {args.out} and {args.svg}")
    if lost:
        print("LOST UPDATES in " + ", ".join(f"{f['db']}/{f['strategy']}/{f['threads']}" for f in lost),
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
