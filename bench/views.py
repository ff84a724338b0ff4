"""The time of each CLI view at several store sizes: does it grow no faster than its answer?

    python bench/views.py [--documents 1000,10000] [--folder build/bench] [--rounds 2]

For each size a synthetic store (bench/synthetic.py: rows inserted, no NLP) is made once in
the folder and reused; each view runs through the CLI in this process (imports not counted,
the store opened by each run as the CLI does), the best of ``rounds`` runs timed, its output
written to a pipe as CSV or JSON. Printed per view and size: seconds, rows answered, and
milliseconds per row answered, which stays flat when the time follows the answer and not the
store.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from click.testing import CliRunner
from synthetic import build, entity_pool

from newstrace.cli import main as cli

# A person of the synthetic pool, quoted in a few dozen documents at every size.
SOMEONE = entity_pool(200)["PERSON"][0]["name"]
VIEWS: list[tuple[str, list[str]]] = [
    ("summary --limit 10", ["summary", "--limit", "10", "--format", "json"]),
    ("quotes --limit 20", ["quotes", "--limit", "20"]),
    ("quotes --speaker NAME --limit 20", ["quotes", "--speaker", SOMEONE, "--limit", "20"]),
    ("quotes --since/--until (a week)", ["quotes", "--since", "2023-03-01", "--until",
                                         "2023-03-07"]),
    ("entities --limit 20", ["entities", "--limit", "20"]),
    ("entities --type GPE", ["entities", "--type", "GPE"]),
    ("entities --name NAME (one record)", ["entities", "--name", SOMEONE, "--format", "json"]),
    ("timeline --entity NAME", ["timeline", "--entity", SOMEONE]),
    ("timeline --since/--until (a week)", ["timeline", "--since", "2023-03-01", "--until",
                                           "2023-03-07"]),
    ("timeline --limit 20", ["timeline", "--limit", "20"]),
    ("spread --speaker NAME", ["spread", "--speaker", SOMEONE]),
    ("spread --limit 20", ["spread", "--limit", "20"]),
    ("status --treaty CCM --on 2025-06-01", ["status", "--treaty", "Convention on Cluster "
                                             "Munitions", "--on", "2025-06-01"]),
]


def answered(output: str, args: list[str]) -> int:
    """Rows in a view's output: CSV lines less the header; for the summary its ten entries;
    for an entity's records their mentions, statements and events."""
    if args[0] == "summary":
        return 10
    if "--name" in args:
        return sum(len(record[key]) for record in json.loads(output)
                   for key in ("mentions", "statements_by", "statements_about", "events"))
    return max(0, len(output.splitlines()) - 1)


def run(db: str, args: list[str], rounds: int) -> tuple[float, int]:
    runner = CliRunner()
    best, rows = float("inf"), 0
    for _ in range(rounds):
        began = time.perf_counter()
        result = runner.invoke(cli, [*args, "--db", db] + (
            ["--format", "csv"] if "--format" not in args and args[0] != "status" else []))
        best = min(best, time.perf_counter() - began)
        if result.exit_code != 0:
            raise SystemExit(f"{' '.join(args)}: {result.output}")
        rows = answered(result.output, args)
    return best, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", default="1000,10000",
                        help="Store sizes, comma-separated (100000 takes some minutes).")
    parser.add_argument("--folder", default="build/bench")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    sizes = [int(size) for size in args.documents.split(",")]
    Path(args.folder).mkdir(parents=True, exist_ok=True)
    print(f"{'view':38} {'documents':>9} {'seconds':>8} {'rows':>6} {'ms/row':>7}")
    for size in sizes:
        db = str(Path(args.folder) / f"views_{size}.db")
        if not Path(db).exists():
            began = time.perf_counter()
            build(db + ".part", size).engine.dispose()  # the write-ahead log folded in
            Path(db + ".part").rename(db)
            print(f"(made {size:,} documents in {time.perf_counter() - began:.1f} s)")
        for name, view in VIEWS:
            seconds, rows = run(db, view, args.rounds)
            per_row = f"{1000 * seconds / rows:7.2f}" if rows else "      -"
            print(f"{name:38} {size:>9,} {seconds:8.3f} {rows:>6} {per_row}", flush=True)


if __name__ == "__main__":
    main()
