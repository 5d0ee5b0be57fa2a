"""Time and peak memory of `load_report` alone, each run in a fresh process (issue 19).

    python benchmarks/load_profile.py FILE [FILE ...] [--runs 3] [--cache]
    python benchmarks/load_profile.py FILE --profile      # cProfile's top 30, in this process

For each file: the seconds `tomllib.loads` takes on its text (the parse floor), the
seconds `load_report` takes, and the peak RSS of a process that imports xihu-tui and loads
the report (`ru_maxrss`), against the file's size. With `--cache`, also a load that fills
an empty parse cache (in a temporary folder), and one from that cache. Figures are the median of `--runs` fresh processes.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

_CHILD = r"""
import gc, json, resource, sys, time
from pathlib import Path
mode, path, cache_dir = sys.argv[1], sys.argv[2], sys.argv[3]
from xihu_tui.core.report.loader import load_report, parse_document, read_report_text
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
if mode == "parse":
    document = parse_document(read_report_text(Path(path)))
else:
    document = load_report(path, cache=mode == "cache", cache_directory=Path(cache_dir))
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": elapsed, "peak_kib": peak, "base_kib": base}))
"""


def _child(mode: str, path: Path, cache_dir: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, mode, str(path), str(cache_dir)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _median(results: list[dict[str, float]], key: str) -> float:
    return statistics.median(result[key] for result in results)


def measure(path: Path, runs: int, with_cache: bool) -> None:
    size = path.stat().st_size
    print(f"{path} ({size / 1e6:.1f} MB)")
    modes = ["parse", "load", *(["cold", "cache"] if with_cache else [])]
    labels = {
        "parse": "tomllib parse",
        "load": "load_report",
        "cold": "load_report, stored",
        "cache": "load_report, cached",
    }
    with tempfile.TemporaryDirectory() as folder:
        cache_dir = Path(folder)
        for mode in modes:
            results = []
            for _ in range(runs):
                if mode == "cold":  # an empty cache, which the load fills
                    for entry in cache_dir.iterdir():
                        entry.unlink()
                results.append(_child("cache" if mode == "cold" else mode, path, cache_dir))
            seconds = _median(results, "seconds")
            peak = _median(results, "peak_kib") * 1024
            base = _median(results, "base_kib") * 1024
            label = labels[mode]
            print(
                f"  {label:<20} {seconds:6.2f} s   peak RSS {peak / 1e6:7.1f} MB "
                f"({peak / size:4.1f}x the file; {base / 1e6:.0f} MB after imports)"
            )


def profile(path: Path) -> None:
    import cProfile
    import pstats

    from xihu_tui.core.report.loader import load_report

    profiler = cProfile.Profile()
    profiler.runcall(load_report, path)
    pstats.Stats(profiler).sort_stats("tottime").print_stats(30)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cache", action="store_true", help="also time a load from a warm parse cache")
    parser.add_argument("--profile", action="store_true", help="cProfile one load instead")
    arguments = parser.parse_args()
    for path in arguments.files:
        if arguments.profile:
            profile(path)
        else:
            measure(path, arguments.runs, arguments.cache)


if __name__ == "__main__":
    main()
