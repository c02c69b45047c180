"""Build bot/compare/data/background.json: how many news articles use each matching key.

Story matching weighs a shared word or name by how rare it is in news (a shared "campaign"
or "Trump" says little, a shared "auction" or "Ginsburg" says much). The weights come from
document frequencies over news articles that are *not* in the labelled pairs, so the matching
figures are measured on articles the table never saw. Only keys (lemmas, "kind:name" names,
"#number") and counts are written, never text; keys used by fewer than --min-df articles are
left out (they get the weight of an unseen key).

    .venv/bin/python bench/compare/make_background.py ../shared/data/attribution-dev.jsonl:text \
        ../shared/data/summaries-dev.jsonl:article --exclude bench/compare/story-pairs.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bot.compare.features import content_of  # noqa: E402
from bot.nlp import load_nlp  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="+", help="FILE.jsonl:FIELD, the field holding each article's text")
    parser.add_argument("--exclude", action="append", default=[], help="pairs files whose articles are left out")
    parser.add_argument("--min-df", type=int, default=3)
    parser.add_argument("--out", default=str(ROOT / "bot/compare/data/background.json"))
    args = parser.parse_args()
    excluded = set()
    for path in args.exclude:
        for line in Path(path).read_text("utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                excluded |= {row["a"], row["b"]}
    texts = []
    for source in args.sources:
        path, field = source.rsplit(":", 1)
        for line in Path(path).read_text("utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if str(row["id"]) not in excluded:
                    texts.append(row[field])
    nlp = load_nlp()
    df: Counter[str] = Counter()
    with nlp.select_pipes(disable=["parser"]):
        for doc in nlp.pipe(texts, batch_size=16):
            df.update(content_of(doc, [(0, len(doc.text))]).keys())
    kept = {k: n for k, n in sorted(df.items()) if n >= args.min_df}
    data = {
        "_comment": "Document frequencies of matching keys over news articles left out of the labelled pairs "
        "(see bench/compare/make_background.py): keys and counts only, no text.",
        "documents": len(texts),
        "min_df": args.min_df,
        "df": kept,
    }
    Path(args.out).write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
    print(f"{len(texts)} articles ({len(excluded)} excluded), {len(kept)} keys -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
