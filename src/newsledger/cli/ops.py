"""Commands that run the whole thing rather than one stage: `demo` (seeds -> correction log),
`serve` (every flow on its schedule), `eval` (classifier scores) and `bench`.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from newsledger.cli.common import DEFAULT_SOURCES, UserError, add_command, console, db_argument
from newsledger.cli.ingest import print_seed_summary, run_seed_flow
from newsledger.cli.publish import write_report
from newsledger.config import apply_prefect_offline_env, load_settings
from newsledger.outputs.terminal import literal
from newsledger.store.warehouse import query_sql

# ------------------------------------------------------------------------ demo


def cmd_demo(args: argparse.Namespace) -> int:
    settings = load_settings(db_path=args.db, seeds_dir=args.seeds, report_dir=args.out)
    if not settings.seeds_dir.is_dir():
        raise UserError(f"no seed folder at {settings.seeds_dir}: pass --seeds DIR")
    console.print(f"ingesting the seed reports in {settings.seeds_dir}/ through Prefect ...")
    result = run_seed_flow(settings.seeds_dir, settings.db_path)
    print_seed_summary(result, settings.db_path)
    paths = write_report(settings.db_path, settings.report_dir, None)
    _print_log_entries(settings.db_path)
    console.print(literal(f"correction log: {paths[0]} (also .md, .csv, .json, .atom)"))
    console.print(
        "see the Kirby correction: .venv/bin/newsledger diff ap-moscow-concert-hall-attack"
    )
    return 0


def _print_log_entries(db_path: Path) -> None:
    from newsledger.store.warehouse import Warehouse

    with Warehouse.open(db_path, read_only=True, wait_s=30) as warehouse:
        rows = warehouse.fetch_all(query_sql("cli_log_entries"))
    for entry_id, report_id, from_version, to_version, status, kinds in rows:
        span = f"v{from_version}→v{to_version}" if from_version else f"v{to_version}"
        console.print(
            literal(f"  {entry_id}  {report_id} {span}: {status} ({', '.join(kinds or [])})")
        )


def add_demo_command(commands: Any) -> None:
    demo = add_command(
        commands,
        "demo",
        "ingest the seed reports, write the correction log and print a summary",
        "newsledger demo",
        cmd_demo,
    )
    demo.add_argument(
        "--seeds", help="seed folder (default: seeds, else the copy installed with newsledger)"
    )
    demo.add_argument("--out", help="report folder (default: reports)")
    db_argument(demo)


# ------------------------------------------------------------------------ eval


def cmd_eval(args: argparse.Namespace) -> int:
    if args.what == "changes":
        from newsledger.evaluation.changes import evaluate_changes, format_change_eval

        real_passed = _eval_real_changes(args.realdata or os.environ.get("NEWSLEDGER_REALDATA"))
        change_result = evaluate_changes()
        console.print("", "Written alongside the rules:", sep="\n", markup=False)
        console.print(format_change_eval(change_result), markup=False)
        return 0 if change_result.passed and real_passed else 1
    from newsledger.evaluation.stories import evaluate_stories, format_story_eval

    story_result = evaluate_stories()
    console.print(format_story_eval(story_result), markup=False)
    return 0 if story_result.passed else 1


def _eval_real_changes(realdata: str | None) -> bool:
    """Scores the real-data pairs when their folder is given; True when the test half holds."""
    from newsledger.evaluation.real_changes import (
        RealDataMissing,
        format_real_eval,
        score_real_pairs,
    )

    if not realdata:
        console.print(
            "real-data evaluation skipped: pass --realdata DIR (the shared realdata folder, "
            "with versions/) or set NEWSLEDGER_REALDATA",
            markup=False,
        )
        return True
    try:
        results = score_real_pairs(Path(realdata))
    except RealDataMissing as error:
        raise UserError(f"{error}: pass --realdata DIR, the folder holding versions/") from None
    console.print(format_real_eval(results), markup=False)
    from newsledger.config import default_seeds_dir
    from newsledger.evaluation.real_notes import format_real_note_eval, score_real_notes

    try:
        notes = score_real_notes(Path(realdata), default_seeds_dir())
    except RealDataMissing as error:
        raise UserError(f"{error}: pass --realdata DIR, the folder holding pages/") from None
    console.print("", format_real_note_eval(notes), sep="\n", markup=False)
    return results["test"].passed and notes.passed


def add_eval_command(commands: Any) -> None:
    evaluate = add_command(
        commands,
        "eval",
        "score the classifiers on the labelled sets; exit 1 when a target is missed",
        "newsledger eval changes",
        cmd_eval,
    )
    evaluate.add_argument("what", choices=["changes", "stories"])
    evaluate.add_argument(
        "--realdata",
        help="folder of the real data (versions/ inside): also score the labelled real edits, "
        "dev and test halves (default: NEWSLEDGER_REALDATA)",
    )


# ----------------------------------------------------------------------- serve


def cmd_serve(args: argparse.Namespace) -> int:
    apply_prefect_offline_env()
    from flows.serve import serve_all

    serve_all(sources_path=args.sources or str(DEFAULT_SOURCES), db_path=args.db)
    return 0


def add_serve_command(commands: Any) -> None:
    serve = add_command(
        commands,
        "serve",
        "run every flow on its schedule in this one process (Prefect serve; needs a server)",
        "newsledger serve --sources sources.toml",
        cmd_serve,
    )
    serve.add_argument("--sources", help="sources file (default: sources.toml)")
    db_argument(serve)


# ----------------------------------------------------------------------- bench


def cmd_bench(args: argparse.Namespace) -> int:
    apply_prefect_offline_env()
    from newsledger.bench.run import format_table, run_bench

    results = run_bench(args.size, Path(args.out))
    console.print(format_table(results), markup=False)
    return 0


def add_bench_command(commands: Any) -> None:
    bench = add_command(
        commands,
        "bench",
        "measure ingest, re-poll, diff, storage, queries and the report against baselines",
        "newsledger bench --size small",
        cmd_bench,
    )
    bench.add_argument("--size", choices=["tiny", "small", "full"], default="small")
    bench.add_argument("--out", default="bench/results", help="where latest.json goes")
