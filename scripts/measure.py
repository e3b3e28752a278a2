#!/usr/bin/env python3
"""Start-up and memory of Canon Desk against a blank Tauri 2 window, side by side.

`./x measure` builds them in release and runs this. It writes two records through the
store's own code (`big_record`: an empty one, and 10,000 devices, 2,000 contracts,
100,000 readings), then runs the blank window, the blank window with the app's crates
(below), the app on the empty record and the app on the big one in turn, RUNS times
(the order rotates each round), each launch on a fresh copy of its record under the
same virtual display. For each launch:

- first paint: from the spawn to the `startup mark stage=first-paint` line on the
  process's stderr (both pages send it from a double requestAnimationFrame after
  their content is in the DOM; the line is timestamped here on arrival, with the
  same monotonic clock as the spawn);
- interactive: the same for `stage=interactive`, which the app's home screen sends
  once it is painted with its data;
- PSS and RSS: `/proc/PID/smaps_rollup` summed over the main process and every
  process under it (WebKitWebProcess, WebKitNetworkProcess), SETTLE seconds after
  the spawn; each run's line also splits the PSS by process (main, web, network), to
  show where the memory is;
- CPU: utime + stime of those processes and of the children they already reaped,
  over the same SETTLE seconds.

Then the device list is scrolled to its end on the big record, driven through
WebDriver (tauri-driver, as the end-to-end tests drive the app; the JSON wire
protocol spoken with urllib): PSS in the session before scrolling (SETTLE seconds
after the app started) and after, in the same session. The stripped size of each
binary (a copy stripped with `strip`) completes the table. The binary's reference is the
blank window with the app's crates (`crates/blank-with-crates`: the same window with the
app's Tauri plugins registered and every other crate of the app called once), since a
crate that nothing calls is not linked; it is started once with `--exercise` to show
that every crate's piece of work runs. The blank window alone is given beside it. Time,
memory and CPU keep the blank window alone as their reference, the stricter of the two.

Every figure is a median; each is also given as a ratio to the blank window, beside
the issue's target. Exits 0 whatever the figures; non-zero only when a measurement
could not be made.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

MARK = re.compile(r"startup mark stage=([a-z-]+)")
CLK_TCK = os.sysconf("SC_CLK_TCK")
TIMEOUT_S = 60.0


class Failed(Exception):
    """A measurement that could not be made."""


# --- processes ---------------------------------------------------------------------


def children_map() -> dict[int, list[int]]:
    """Parent pid -> child pids, from /proc."""
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        # The command name may hold spaces and parentheses: fields follow the last ')'.
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def descendants(pid: int) -> list[int]:
    """The process and everything under it."""
    tree = children_map()
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo.extend(tree.get(p, []))
    return found


def memory_kib(pids: list[int]) -> tuple[int, int]:
    """(PSS, RSS) in KiB summed over the processes."""
    pss = rss = 0
    for p in pids:
        try:
            text = Path(f"/proc/{p}/smaps_rollup").read_text()
        except OSError:
            continue
        for line in text.splitlines():
            if line.startswith("Pss:"):
                pss += int(line.split()[1])
            elif line.startswith("Rss:"):
                rss += int(line.split()[1])
    return pss, rss


def process_kind(pid: int, root: int) -> str:
    """Which of the app's processes this is: main, web (WebKitWebProcess), network."""
    if pid == root:
        return "main"
    try:
        comm = Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return "gone"
    if comm.startswith("WebKitWebProc"):
        return "web"
    if comm.startswith("WebKitNetwork"):
        return "network"
    return comm


def pss_by_kind(pids: list[int]) -> dict[str, int]:
    """PSS in KiB of each kind of process (see `process_kind`), the first pid the main one."""
    split: dict[str, int] = {}
    for p in pids:
        pss, _ = memory_kib([p])
        kind = process_kind(p, pids[0])
        split[kind] = split.get(kind, 0) + pss
    return split


def split_text(split: dict[str, int]) -> str:
    """`main 60 + web 150 + network 40` (MiB), in that order, then any other kind."""
    order = ["main", "web", "network"] + sorted(k for k in split if k not in ("main", "web", "network"))
    return " + ".join(f"{k} {split[k] / 1024:.0f}" for k in order if k in split)


def cpu_seconds(pids: list[int]) -> float:
    """utime + stime of the processes, with what they reaped of their children."""
    ticks = 0
    for p in pids:
        try:
            stat = Path(f"/proc/{p}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        # fields[0] is field 3 (state): utime, stime, cutime, cstime are fields 14-17.
        ticks += sum(int(f) for f in fields[11:15])
    return ticks / CLK_TCK


def end(proc: subprocess.Popen) -> None:
    """Ends a process this script started, and what it started."""
    pids = descendants(proc.pid)
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
    for p in pids[1:]:
        try:
            os.kill(p, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


# --- one launch --------------------------------------------------------------------


@dataclass
class Launch:
    first_paint: float
    interactive: float | None
    pss_kib: int
    rss_kib: int
    cpu_s: float
    processes: int
    split: dict[str, int] = field(default_factory=dict)


def launch(argv: list[str], env: dict[str, str], settle: float, wants_interactive: bool) -> Launch:
    marks: dict[str, float] = {}
    tail: list[str] = []
    arrived = threading.Event()
    spawned = time.monotonic()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, errors="replace")

    def read() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            now = time.monotonic()
            m = MARK.search(line)
            if m and m.group(1) not in marks:
                marks[m.group(1)] = now - spawned
                arrived.set()
            tail.append(line.rstrip())
            del tail[:-20]

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        time.sleep(max(0.0, spawned + settle - time.monotonic()))
        if proc.poll() is not None:
            raise Failed(f"{argv[0]} exited with {proc.returncode}:\n  " + "\n  ".join(tail))
        pids = descendants(proc.pid)
        pss, rss = memory_kib(pids)
        split = pss_by_kind(pids)
        cpu = cpu_seconds(pids)
        needed = ["first-paint"] + (["interactive"] if wants_interactive else [])
        deadline = spawned + TIMEOUT_S
        while any(n not in marks for n in needed):
            if time.monotonic() > deadline or proc.poll() is not None:
                raise Failed(f"{argv[0]}: no {needed} mark within {TIMEOUT_S:.0f} s:\n  " + "\n  ".join(tail))
            arrived.wait(0.1)
        return Launch(marks["first-paint"], marks.get("interactive"), pss, rss, cpu, len(pids), split)
    finally:
        end(proc)
        reader.join(5)


# --- the scroll, through WebDriver -------------------------------------------------


class WebDriver:
    """The few WebDriver calls the scroll needs, over HTTP with urllib."""

    def __init__(self, port: int) -> None:
        self.base = f"http://127.0.0.1:{port}"
        self.session = ""

    def call(self, method: str, path: str, body: object | None = None, timeout: float = 180) -> object:
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method, headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                return json.load(resp).get("value")
        except urllib.error.HTTPError as e:
            raise Failed(f"WebDriver {method} {path}: {e.code} {e.read()[:500]!r}") from e

    def start(self, app: str, args: list[str]) -> None:
        caps = {"capabilities": {"alwaysMatch": {"tauri:options": {"application": app, "args": args}}}}
        value = self.call("POST", "/session", caps)
        assert isinstance(value, dict)
        self.session = value["sessionId"]
        self.call("POST", f"/session/{self.session}/timeouts", {"script": 170_000})

    def script(self, source: str, args: list | None = None, asynchronous: bool = False) -> object:
        kind = "async" if asynchronous else "sync"
        return self.call("POST", f"/session/{self.session}/execute/{kind}", {"script": source, "args": args or []})

    def stop(self) -> None:
        if self.session:
            try:
                self.call("DELETE", f"/session/{self.session}", timeout=30)
            except (Failed, OSError):
                pass
            self.session = ""


# Waits for an element (the page's CSP allows no evaluated strings, so the test is a
# selector).
WAIT_FOR = """
const [selector, done] = [arguments[0], arguments[arguments.length - 1]];
const t0 = Date.now();
(function poll() {
  if (document.querySelector(selector)) return done(true);
  if (Date.now() - t0 > 60000) return done(false);
  setTimeout(poll, 50);
})();
"""

# Scrolls the device list one screenful every 32 ms, as a long drag of the
# scrollbar would, until the end; then waits until the last row holds its device.
SCROLL = """
const done = arguments[arguments.length - 1];
const el = document.querySelector('[data-testid="device-viewport"]');
if (!el) return done({ error: "no device list" });
const frame = () => new Promise((r) => setTimeout(r, 32));
(async () => {
  const t0 = performance.now();
  const step = Math.max(el.clientHeight, 400);
  let steps = 0;
  while (el.scrollTop + el.clientHeight < el.scrollHeight - 1 && performance.now() - t0 < 120000) {
    el.scrollTop = el.scrollTop + step;
    steps += 1;
    await frame();
  }
  const rows = () => [...el.querySelectorAll('[role="row"]')];
  const t1 = Date.now();
  while (Date.now() - t1 < 30000) {
    const all = rows();
    const lastRow = all[all.length - 1];
    if (lastRow && lastRow.dataset.testid === "device-row") break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const all = rows();
  const lastRow = all[all.length - 1];
  done({ steps, ms: performance.now() - t0, scrollHeight: el.scrollHeight,
         lastIndex: lastRow ? Number(lastRow.getAttribute("aria-rowindex")) : 0,
         lastLoaded: !!lastRow && lastRow.dataset.testid === "device-row",
         domRows: all.length });
})();
"""


@dataclass
class Scroll:
    pss_start_kib: int
    pss_after_kib: int
    cpu_scroll_s: float
    detail: dict = field(default_factory=dict)
    split_start: dict[str, int] = field(default_factory=dict)
    split_after: dict[str, int] = field(default_factory=dict)


def app_pid_under(root: int, app: str) -> int:
    real = os.path.realpath(app)
    for p in descendants(root):
        try:
            if os.path.realpath(f"/proc/{p}/exe") == real:
                return p
        except OSError:
            continue
    raise Failed("the app started by WebDriver was not found among tauri-driver's processes")


def scroll_run(app: str, record: Path, work: Path, env: dict[str, str], settle: float, port: int) -> Scroll:
    data = work / "scroll-record"
    shutil.rmtree(data, ignore_errors=True)
    shutil.copytree(record, data)
    driver = subprocess.Popen(
        ["tauri-driver", "--port", str(port), "--native-port", str(port + 1)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    wd = WebDriver(port)
    try:
        for _ in range(100):
            try:
                wd.call("GET", "/status", timeout=2)
                break
            except (OSError, Failed):
                time.sleep(0.1)
        started = time.monotonic()
        wd.start(app, ["--data-dir", str(data)])
        if not wd.script(WAIT_FOR, ['body[data-ready="1"]'], asynchronous=True):
            raise Failed("WebDriver: the app's home screen never became ready")
        pid = app_pid_under(driver.pid, app)
        time.sleep(max(0.0, started + settle - time.monotonic()))
        pss_start, _ = memory_kib(descendants(pid))
        split_start = pss_by_kind(descendants(pid))
        wd.script("document.querySelector('[data-testid=\"nav-devices\"]').click()")
        if not wd.script(WAIT_FOR, ['[data-testid="device-row"]'], asynchronous=True):
            raise Failed("WebDriver: the device list never showed a row")
        cpu_before = cpu_seconds(descendants(pid))
        detail = wd.script(SCROLL, asynchronous=True)
        if not isinstance(detail, dict) or not detail.get("lastLoaded"):
            raise Failed(f"WebDriver: the device list did not reach its last device: {detail}")
        time.sleep(2)
        pids = descendants(pid)
        pss_after, _ = memory_kib(pids)
        split_after = pss_by_kind(pids)
        cpu_scroll = cpu_seconds(pids) - cpu_before
        return Scroll(pss_start, pss_after, cpu_scroll, detail, split_start, split_after)
    finally:
        wd.stop()
        end(driver)
        shutil.rmtree(data, ignore_errors=True)


# --- the table ---------------------------------------------------------------------


def stripped_size(binary: str, work: Path) -> int:
    copy = work / (Path(binary).name + ".stripped")
    subprocess.run(["strip", "-o", str(copy), binary], check=True)
    size = copy.stat().st_size
    copy.unlink()
    return size


# The crates `crates/blank-with-crates --exercise` reports on, one line each.
EXERCISED = (
    "rusqlite", "csv, sha2, zip", "validators, zones, encodings", "icalendar", "lettre",
    "keyring", "libdav", "arboard", "zbus",
)


def exercise(binary: str, env: dict[str, str]) -> None:
    """Runs the size reference once with `--exercise`: every crate's piece of work must
    have run (its network calls are refused on 127.0.0.1; that is expected)."""
    try:
        done = subprocess.run([binary, "--exercise"], env=env, capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired as e:
        raise Failed(f"{binary} --exercise did not finish in 60 s") from e
    lines = [line for line in done.stderr.splitlines() if line.startswith("exercise ")]
    missing = [name for name in EXERCISED if not any(line.startswith(f"exercise {name}:") for line in lines)]
    if done.returncode != 0 or missing:
        raise Failed(
            f"{binary} --exercise exited {done.returncode}, missing {missing}; its stderr:\n{done.stderr[-2000:]}"
        )
    print("the size reference, exercised once:", flush=True)
    for line in lines:
        print(f"  {line}", flush=True)


def med(values: list[float]) -> float:
    return statistics.median(values)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--app", required=True, help="Canon Desk's release binary")
    ap.add_argument("--blank", required=True, help="the blank window's release binary")
    ap.add_argument("--blank-crates", required=True, help="the blank window with the app's crates, release binary")
    ap.add_argument("--record", required=True, help="the big_record generator's binary")
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--scroll-runs", type=int, default=3)
    ap.add_argument("--settle", type=float, default=5.0, help="seconds after launch for memory and CPU")
    ap.add_argument("--port", type=int, default=4744, help="tauri-driver's port (and the next one)")
    args = ap.parse_args()

    load = os.getloadavg()
    print(f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} ({os.cpu_count()} CPUs)", flush=True)
    work = Path(tempfile.mkdtemp(prefix="canon-desk-measure-"))
    env = dict(os.environ)
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        env[var] = str(work / var.lower())
    env.pop("RUST_LOG", None)
    try:
        records = {"empty": work / "empty", "10k": work / "10k"}
        subprocess.run([args.record, str(records["empty"]), "0", "0", "0"], check=True)
        subprocess.run([args.record, str(records["10k"])], check=True)

        variants = [
            ("blank window", [args.blank], None),
            ("blank with crates", [args.blank_crates], None),
            ("app, empty record", [args.app, "--data-dir"], records["empty"]),
            ("app, 10k record", [args.app, "--data-dir"], records["10k"]),
        ]
        results: dict[str, list[Launch]] = {name: [] for name, _, _ in variants}
        for r in range(args.runs):
            order = variants[r % len(variants) :] + variants[: r % len(variants)]
            for name, argv, record in order:
                run_dir = work / "run"
                shutil.rmtree(run_dir, ignore_errors=True)
                if record is not None:
                    shutil.copytree(record, run_dir)
                    argv = argv + [str(run_dir)]
                got = launch(argv, env, args.settle, wants_interactive=record is not None)
                results[name].append(got)
                inter = f", interactive {got.interactive * 1000:.0f} ms" if got.interactive is not None else ""
                print(
                    f"run {r + 1}/{args.runs} {name:18} first paint {got.first_paint * 1000:.0f} ms{inter}, "
                    f"PSS {got.pss_kib / 1024:.0f} MiB, RSS {got.rss_kib / 1024:.0f} MiB, "
                    f"CPU {got.cpu_s:.2f} s, {got.processes} processes (PSS MiB: {split_text(got.split)})",
                    flush=True,
                )
                time.sleep(0.5)

        scrolls: list[Scroll] = []
        for r in range(args.scroll_runs):
            s = scroll_run(args.app, records["10k"], work, env, args.settle, args.port)
            scrolls.append(s)
            d = s.detail
            print(
                f"scroll {r + 1}/{args.scroll_runs}: PSS {s.pss_start_kib / 1024:.0f} -> {s.pss_after_kib / 1024:.0f} MiB, "
                f"CPU while scrolling {s.cpu_scroll_s:.2f} s ({d.get('steps')} steps in {d.get('ms', 0) / 1000:.1f} s, "
                f"last row {d.get('lastIndex')}, {d.get('domRows')} rows in the DOM; "
                f"PSS MiB at start {split_text(s.split_start)}, after {split_text(s.split_after)})",
                flush=True,
            )

        exercise(args.blank_crates, env)
        sizes = {
            "blank": stripped_size(args.blank, work),
            "blank-crates": stripped_size(args.blank_crates, work),
            "app": stripped_size(args.app, work),
        }
        report(results, scrolls, sizes)
        load = os.getloadavg()
        print(f"\nload average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
        return 0
    except (Failed, subprocess.CalledProcessError) as e:
        print(f"measure: {e}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(results: dict[str, list[Launch]], scrolls: list[Scroll], sizes: dict[str, int]) -> None:
    blank = results["blank window"]
    base_paint = med([x.first_paint for x in blank])
    base_pss = med([x.pss_kib for x in blank])
    base_cpu = med([x.cpu_s for x in blank])
    rows: list[tuple[str, str, str, str, str]] = []

    def verdict(ratio: float, limit: float | None) -> str:
        if limit is None:
            return ""
        return "met" if ratio <= limit else "not met"

    def row(what: str, value: str, ratio: float | None, limit: float | None, of: str = "") -> None:
        r = "" if ratio is None else f"{ratio:.2f}"
        target = "" if limit is None else f"≤ {limit:g}{of}"
        rows.append((what, value, r, target, verdict(ratio, limit) if ratio is not None else ""))

    crates = results["blank with crates"]
    row("first paint, blank window", f"{base_paint * 1000:.0f} ms", 1.0, None)
    row("first paint, blank window with the app's crates", f"{med([x.first_paint for x in crates]) * 1000:.0f} ms",
        med([x.first_paint for x in crates]) / base_paint, None)
    for name in ("app, empty record", "app, 10k record"):
        runs = results[name]
        row(f"first paint, {name}", f"{med([x.first_paint for x in runs]) * 1000:.0f} ms",
            med([x.first_paint for x in runs]) / base_paint, None)
    for name in ("app, empty record", "app, 10k record"):
        runs = results[name]
        inter = med([x.interactive or 0.0 for x in runs])
        row(f"interactive home, {name}", f"{inter * 1000:.0f} ms", inter / base_paint, 1.2, " × blank's first paint")
    row("PSS 5 s after launch, blank window", f"{base_pss / 1024:.0f} MiB (RSS {med([x.rss_kib for x in blank]) / 1024:.0f} MiB)", 1.0, None)
    row("PSS 5 s after launch, blank window with the app's crates", f"{med([x.pss_kib for x in crates]) / 1024:.0f} MiB",
        med([x.pss_kib for x in crates]) / base_pss, None)
    for name in ("app, empty record", "app, 10k record"):
        runs = results[name]
        pss = med([x.pss_kib for x in runs])
        row(f"PSS 5 s after launch, {name}", f"{pss / 1024:.0f} MiB (RSS {med([x.rss_kib for x in runs]) / 1024:.0f} MiB)", pss / base_pss, 1.15)
    row("CPU in the first 5 s, blank window", f"{base_cpu:.2f} s", 1.0, None)
    row("CPU in the first 5 s, blank window with the app's crates", f"{med([x.cpu_s for x in crates]):.2f} s",
        med([x.cpu_s for x in crates]) / base_cpu, None)
    for name in ("app, empty record", "app, 10k record"):
        cpu = med([x.cpu_s for x in results[name]])
        row(f"CPU in the first 5 s, {name}", f"{cpu:.2f} s", cpu / base_cpu, 1.5)
    row("stripped binary, blank window alone", f"{sizes['blank'] / 1e6:.1f} MB", 1.0, None)
    with_crates = sizes["blank-crates"]
    row("stripped binary, blank window with the app's crates", f"{with_crates / 1e6:.1f} MB", with_crates / sizes["blank"], None)
    row(
        "stripped binary, app",
        f"{sizes['app'] / 1e6:.1f} MB ({sizes['app'] / sizes['blank']:.2f} × the blank window alone)",
        sizes["app"] / with_crates,
        1.5,
        " × the blank window with the app's crates",
    )
    if scrolls:
        start = med([s.pss_start_kib for s in scrolls])
        after = med([s.pss_after_kib for s in scrolls])
        ratio = med([s.pss_after_kib / s.pss_start_kib for s in scrolls])
        row("PSS after scrolling all 10k devices (WebDriver session)", f"{start / 1024:.0f} → {after / 1024:.0f} MiB", ratio, 1.2, " × PSS at start")
        row("CPU while scrolling to the end", f"{med([s.cpu_scroll_s for s in scrolls]):.2f} s", None, None)

    n = len(blank)
    print(f"\nMedians of {n} interleaved runs ({len(scrolls)} for the scroll); ratios to the blank window unless said.\n")
    print("| measure | median | ratio | target | |")
    print("|---|---|---|---|---|")
    for what, value, ratio, target, mark in rows:
        print(f"| {what} | {value} | {ratio} | {target} | {mark} |")


if __name__ == "__main__":
    sys.exit(main())
