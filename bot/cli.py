"""The core's commands of `newsbot`: analyse articles, run batches, benchmarks and evaluations.

The `newsbot` command itself (newsbot.cli) adds a command per chat platform and the digest commands.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import stat
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO, TypeAlias, TypeVar

from .cli_options import COUNT, JOBS, SENTENCES, whole_number
from .errors import BadData, Internal, NewsbotError

T = TypeVar("T")

FORMATS = ("text", "markdown", "json")
DESCRIPTION = "The `newsbot` command: analyse articles, run batches and benchmarks, and start the chat bots."
SubParsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
Commands = Callable[[SubParsers], None]
"""Adds more subcommands (the chat platforms, digests: see newsbot.cli). A long-running one sets
the default `long_running=True`, so that it logs at INFO and operators see what the bot does."""


def error_line(error: NewsbotError) -> str:
    """The one line every failure prints: `newsbot: <sentence> (<code>: <detail>)`."""
    detail = f": {error.detail}" if error.detail else ""
    return f"newsbot: {error.user_message} ({error.code}{detail})"


def _reading_stdin_hint() -> None:
    if sys.stdin is not None and sys.stdin.isatty():
        print("newsbot: reading standard input; end it with Ctrl-D", file=sys.stderr)


def _non_blank_lines(stream: BinaryIO) -> int | None:
    """How many non-blank lines a regular file on standard input holds (for the progress bar)."""
    try:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            return None
        start = stream.tell()
        count = sum(1 for line in stream if line.strip())
        stream.seek(start)
    except (OSError, ValueError):
        return None
    return count


def _progress(label: str, quiet: bool) -> Callable[[Iterable[T], int | None], Iterator[T]]:
    from .progress import wants_progress, with_progress

    show = wants_progress(quiet)

    def wrap(items: Iterable[T], total: int | None) -> Iterator[T]:
        return with_progress(items, total=total, label=label, unit="articles", show=show)

    return wrap


def cmd_analyse(args: argparse.Namespace) -> int:
    from .analysis import analyse
    from .render_text import render_markdown, render_text
    from .report_json import report_to_dict
    from .source import load_article, resolve_source

    source = resolve_source(args.source)
    if source.kind == "stdin":
        _reading_stdin_hint()
    report = analyse(load_article(source, title=args.title), sentences=args.sentences)
    if args.format == "json":
        data = report_to_dict(report, include_text=args.include_text)
        print(json.dumps(data, ensure_ascii=False, indent=2))
    elif args.format == "markdown":
        sys.stdout.write(render_markdown(report))
    else:
        sys.stdout.write(render_text(report))
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    from .compare import MAX_ARTICLES, Analysed, analyse_story, compare, comparison_to_dict
    from .compare.render import render_compare_markdown, render_compare_text
    from .source import load_article, resolve_source

    if not 2 <= len(args.sources) <= MAX_ARTICLES:
        print(f"newsbot compare: give 2 to {MAX_ARTICLES} links or files, not {len(args.sources)}", file=sys.stderr)
        return 2
    analysed: list[Analysed] = []
    failed = False
    for source in args.sources:
        try:
            analysed.append(analyse_story(load_article(resolve_source(source)), sentences=args.sentences))
        except NewsbotError as exc:
            print(f"newsbot: {exc.user_message} ({exc.code}: {source}: {exc.detail})", file=sys.stderr)
            failed = True
    if failed:
        return 1
    comparison = compare(analysed)
    if args.format == "json":
        texts = [a.report.text for a in analysed] if args.include_text else None
        print(json.dumps(comparison_to_dict(comparison, texts=texts), ensure_ascii=False, indent=2))
    elif args.format == "markdown":
        sys.stdout.write(render_compare_markdown(comparison))
    else:
        sys.stdout.write(render_compare_text(comparison))
    return 0


def cmd_batch(args: argparse.Namespace) -> int:
    from .batch import BatchOptions, read_lines, run_batch

    _reading_stdin_hint()
    stdin = sys.stdin.buffer
    progress = _progress("batch", args.quiet)
    total = _non_blank_lines(stdin) if not args.quiet and sys.stderr.isatty() else None
    options = BatchOptions(sentences=args.sentences, include_text=args.include_text)
    for result in progress(run_batch(read_lines(stdin), options, jobs=args.jobs), total):
        sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
        sys.stdout.flush()
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from .bench import format_table, load_texts, result_json, run_bench

    paths = [Path(p) for p in args.paths] or [Path(__file__).resolve().parent.parent / "seeds"]
    texts = load_texts(paths)
    if not texts:
        print("newsbot bench: no .txt or .html articles found in " + ", ".join(map(str, paths)), file=sys.stderr)
        return 2
    result = run_bench(texts, repeats=args.repeats, batch_docs=args.batch_docs)
    print(result_json(result) if args.json else format_table(result))
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    if args.task == "compare":
        return cmd_eval_compare(args)
    from .batch import BatchOptions
    from .evaluate import check_scorer, run_scorer, score_by_speech, write_predictions

    data, out = Path(args.data), Path(args.out)
    texts = Path(args.texts) if args.texts else None
    if args.task == "anonymous" and texts is None:
        raise BadData(
            "--texts is required for anonymous",
            user_message="The anonymous-source labels hold no articles: give the attribution data with --texts.",
        )
    if args.scorer:
        check_scorer(Path(args.scorer))
    if not args.reuse:
        options = BatchOptions(sentences=args.sentences)
        progress = _progress("eval", args.quiet)
        count = write_predictions(data, args.task, out, options, args.jobs, progress, texts)
        print(f"wrote {count} reports to {out}", file=sys.stderr)
    if not args.scorer:
        return 0
    extra = ["--texts", str(texts), *(["--show"] if args.show else [])] if args.task == "anonymous" else []
    code = run_scorer(Path(args.scorer), data, out, extra)
    if args.by_speech and args.task == "attribution":
        code = max(code, score_by_speech(Path(args.scorer), data, out))
    return code


def cmd_eval_compare(args: argparse.Namespace) -> int:
    from .compare.evaluation import run

    if not args.pairs:
        print("newsbot eval compare: --pairs is required", file=sys.stderr)
        return 2
    claims = Path(args.claims) if args.claims else None
    fit = Path(args.fit) if args.fit else None
    cache = Path(args.cache) if args.cache else None
    return run(Path(args.data), Path(args.pairs), claims, sys.stdout, fit=fit, cache=cache)


def cmd_eval_sourcing(args: argparse.Namespace) -> int:
    from .evaluate_sourcing import run

    progress = _progress("eval-sourcing", args.quiet)
    run(Path(args.data), args.mode, args.articles, args.per_kind, args.seed, Path(args.out), sys.stdout, progress)
    return 0


def cmd_eval_language(args: argparse.Namespace) -> int:
    from .evaluate_language import run

    run([Path(p) for p in args.data], sys.stdout, shown=args.show)
    return 0


def _add_analysis_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--sentences", type=SENTENCES, default=3, help="summary length in sentences, 1 to 50 (default 3)")
    p.add_argument("--include-text", action="store_true", help="add the analysed text to the JSON")


def _add_quiet(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "-q", "--quiet", action="store_true", help="no progress bar (there is none unless stderr is a terminal)"
    )


def build_parser(commands: Sequence[Commands] = ()) -> argparse.ArgumentParser:
    """The command line: the commands of the core, then those that `commands` add."""
    parser = argparse.ArgumentParser(prog="newsbot", description=DESCRIPTION)
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages to stderr")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("analyse", aliases=["analyze"], help="analyse one article (URL, file or - for stdin)")
    p.add_argument("source", help="an http(s) URL, a file of text or HTML, or - for standard input")
    p.add_argument("--format", choices=FORMATS, default="text")
    p.add_argument("--title", help="the headline, if the text does not start with it")
    _add_analysis_options(p)
    p.set_defaults(func=cmd_analyse)

    p = sub.add_parser("compare", help="compare how 2-5 outlets report one story (URLs or files)")
    p.add_argument("sources", nargs="+", metavar="URL|FILE", help="http(s) links or files of text or HTML")
    p.add_argument("--format", choices=FORMATS, default="text")
    _add_analysis_options(p)
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser("batch", help='JSON Lines in ({"id", "text"|"url"}), one report a line out')
    p.add_argument("--jobs", type=JOBS, default=1, help="worker processes, 1 to 32 (default 1)")
    _add_analysis_options(p)
    _add_quiet(p)
    p.set_defaults(func=cmd_batch)

    p = sub.add_parser("bench", help="time analysis against the bare spaCy parse")
    p.add_argument("paths", nargs="*", help="article files or folders (default: seeds/)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--repeats", type=COUNT, default=5)
    p.add_argument("--batch-docs", type=COUNT, default=24, help="articles per throughput run")
    p.set_defaults(func=cmd_bench)

    p = sub.add_parser("eval", help="analyse an annotated data set and score it")
    p.add_argument("task", choices=("summaries", "attribution", "anonymous", "compare"))
    p.add_argument("data", help="the data set (JSON Lines; for anonymous, the labels)")
    p.add_argument("--texts", help="anonymous: the attribution data set holding the labelled articles")
    p.add_argument("--show", action="store_true", help="anonymous: list every miss and false alarm in context")
    p.add_argument("--out", default="predictions.jsonl", help="where the reports go")
    p.add_argument("--scorer", help="the scorer script to run on the predictions")
    p.add_argument("--jobs", type=JOBS, default=2, help="worker processes, 1 to 32 (default 2)")
    p.add_argument("--sentences", type=SENTENCES, default=3)
    p.add_argument("--reuse", action="store_true", help="score the existing --out file instead of analysing again")
    p.add_argument("--by-speech", action="store_true", help="attribution: also score direct and indirect speech apart")
    p.add_argument("--pairs", help="compare: labelled article pairs (bench/compare/story-pairs.jsonl)")
    p.add_argument("--claims", help="compare: labelled claim matches (bench/compare/claim-pairs.jsonl)")
    p.add_argument("--fit", metavar="DIR", help="compare: fit the models on the tune pairs and write them to DIR")
    p.add_argument("--cache", metavar="FILE", help="compare: keep the analysed articles in FILE between runs")
    _add_quiet(p)
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("eval-sourcing", help="classify an attribution data set's sources, for hand-checking")
    p.add_argument("data", help="attribution data (JSON Lines with text and attributions)")
    p.add_argument(
        "--mode",
        choices=("gold", "extracted"),
        default="gold",
        help="classify the data's own source spans, or the sources our claims found",
    )
    p.add_argument("--articles", type=COUNT, default=70, help="articles to sample (default 70)")
    p.add_argument("--per-kind", type=COUNT, default=30, help="mentions shown per category (default 30)")
    p.add_argument("--seed", type=int, default=11)
    p.add_argument("--out", default="mentions.jsonl", help="every classified mention, as JSON Lines")
    _add_quiet(p)
    p.set_defaults(func=cmd_eval_sourcing)

    p = sub.add_parser("eval-language", help="how often English texts are refused as not English")
    p.add_argument("data", nargs="+", help="JSON Lines data sets (field 'text' or 'article') or article files")
    p.add_argument("--show", type=whole_number(0), default=20, help="refused pieces listed for checking (default 20)")
    p.set_defaults(func=cmd_eval_language)

    from .scorecard.cli import add_stats_command

    add_stats_command(sub)
    for add in commands:
        add(sub)
    return parser


def main(argv: list[str] | None = None, *, commands: Sequence[Commands] = ()) -> int:
    """Run the command line `argv` (default: this process's), with the core's commands and those
    that `commands` add; returns the exit status. Every failure is one line on standard error."""
    args = build_parser(commands).parse_args(argv)
    quiet = logging.INFO if getattr(args, "long_running", False) else logging.WARNING
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else quiet,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        code: int = args.func(args)
    except NewsbotError as exc:
        print(error_line(exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("newsbot: stopped (Ctrl-C)", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader of our output went away (`newsbot batch | head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as exc:  # a bug, not bad input: one line, the traceback with -v
        if args.verbose:
            traceback.print_exc()
        print(error_line(Internal(f"{type(exc).__name__}: {exc}")), file=sys.stderr)
        return 1
    return code


if __name__ == "__main__":
    sys.exit(main())
