"""The `newsbot` command: analyse articles, run batches and benchmarks, and start the chat bots."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from pathlib import Path

from .errors import NewsbotError
from .model import Article

FORMATS = ("text", "markdown", "json")
SERVICES = {"slack", "discord"}
"""Long-running commands, which log at INFO so operators see what the bot does."""


def _read_input(source: str, title: str | None) -> Article:
    from .inputs import article_from_text, looks_like_url

    if looks_like_url(source):
        from .fetch import NetworkPolicy, fetch_article

        return asyncio.run(fetch_article(source.strip(), policy=NetworkPolicy.from_env()))
    text = sys.stdin.read() if source == "-" else Path(source).read_text("utf-8", errors="replace")
    return article_from_text(text, title=title)


def cmd_analyse(args: argparse.Namespace) -> int:
    from .analyse import analyse
    from .render_text import render_markdown, render_text
    from .report_json import report_to_dict

    try:
        report = analyse(_read_input(args.source, args.title), sentences=args.sentences)
    except NewsbotError as exc:
        print(f"newsbot: {exc.user_message} ({exc.code}: {exc.detail})", file=sys.stderr)
        return 1
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

    if not 2 <= len(args.sources) <= MAX_ARTICLES:
        print(f"newsbot compare: give 2 to {MAX_ARTICLES} links or files, not {len(args.sources)}", file=sys.stderr)
        return 2
    analysed: list[Analysed] = []
    failed = False
    for source in args.sources:
        try:
            analysed.append(analyse_story(_read_input(source, None), sentences=args.sentences))
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
    from .batch import BatchOptions, run_batch

    options = BatchOptions(sentences=args.sentences, include_text=args.include_text)
    for result in run_batch(sys.stdin, options, jobs=args.jobs):
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
    from .evaluate import run_scorer, score_by_speech, write_predictions

    data, out = Path(args.data), Path(args.out)
    if not args.reuse:
        count = write_predictions(data, args.task, out, BatchOptions(sentences=args.sentences), args.jobs)
        print(f"wrote {count} reports to {out}", file=sys.stderr)
    if not args.scorer:
        return 0
    code = run_scorer(Path(args.scorer), data, out)
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

    run(Path(args.data), args.mode, args.articles, args.per_kind, args.seed, Path(args.out), sys.stdout)
    return 0


def cmd_slack(args: argparse.Namespace) -> int:
    from adapters.slack.run import main as slack_main

    return slack_main(http=args.http, port=args.port, host=args.host)


def cmd_discord(args: argparse.Namespace) -> int:
    from adapters.discord.run import main as discord_main

    return discord_main(shards=args.shards)


def _add_analysis_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--sentences", type=int, default=3, help="summary length in sentences (default 3)")
    p.add_argument("--include-text", action="store_true", help="add the analysed text to the JSON")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsbot", description=__doc__)
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
    p.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    _add_analysis_options(p)
    p.set_defaults(func=cmd_batch)

    p = sub.add_parser("bench", help="time analysis against the bare spaCy parse")
    p.add_argument("paths", nargs="*", help="article files or folders (default: seeds/)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--batch-docs", type=int, default=24, help="articles per throughput run")
    p.set_defaults(func=cmd_bench)

    p = sub.add_parser("eval", help="analyse an annotated data set and score it")
    p.add_argument("task", choices=("summaries", "attribution", "compare"))
    p.add_argument("data", help="the data set (JSON Lines)")
    p.add_argument("--out", default="predictions.jsonl", help="where the reports go")
    p.add_argument("--scorer", help="the scorer script to run on the predictions")
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--sentences", type=int, default=3)
    p.add_argument("--reuse", action="store_true", help="score the existing --out file instead of analysing again")
    p.add_argument("--by-speech", action="store_true", help="attribution: also score direct and indirect speech apart")
    p.add_argument("--pairs", help="compare: labelled article pairs (bench/compare/story-pairs.jsonl)")
    p.add_argument("--claims", help="compare: labelled claim matches (bench/compare/claim-pairs.jsonl)")
    p.add_argument("--fit", metavar="DIR", help="compare: fit the models on the tune pairs and write them to DIR")
    p.add_argument("--cache", metavar="FILE", help="compare: keep the analysed articles in FILE between runs")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("eval-sourcing", help="classify an attribution data set's sources, for hand-checking")
    p.add_argument("data", help="attribution data (JSON Lines with text and attributions)")
    p.add_argument(
        "--mode",
        choices=("gold", "extracted"),
        default="gold",
        help="classify the data's own source spans, or the sources our claims found",
    )
    p.add_argument("--articles", type=int, default=70, help="articles to sample (default 70)")
    p.add_argument("--per-kind", type=int, default=30, help="mentions shown per category (default 30)")
    p.add_argument("--seed", type=int, default=11)
    p.add_argument("--out", default="mentions.jsonl", help="every classified mention, as JSON Lines")
    p.set_defaults(func=cmd_eval_sourcing)

    p = sub.add_parser("slack", help="run the Slack bot (Socket Mode, or --http)")
    p.add_argument("--http", action="store_true", help="serve Slack's HTTP events instead of Socket Mode")
    p.add_argument("--port", type=int, default=3000)
    p.add_argument("--host", default="0.0.0.0", help="address to listen on with --http (default 0.0.0.0: all)")
    p.set_defaults(func=cmd_slack)

    p = sub.add_parser("discord", help="run the Discord bot")
    p.add_argument("--shards", help="'auto', a shard count, or a range like 0-3/16 for this process")
    p.set_defaults(func=cmd_discord)

    from .digest.cli import register as register_digest

    register_digest(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `newsbot` command."""
    args = build_parser().parse_args(argv)
    quiet = logging.INFO if args.command in SERVICES else logging.WARNING
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else quiet,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        code: int = args.func(args)
    except NewsbotError as exc:
        print(f"newsbot: {exc.user_message} ({exc.code}: {exc.detail})", file=sys.stderr)
        return 1
    return code


if __name__ == "__main__":
    sys.exit(main())
