"""Export every record of a run on the seeds and on BBC articles, or compare two such exports.

A refactor must leave every export identical (ids, events, stories, agreements):

    .venv/bin/python scripts/compare_exports.py snapshot /tmp/before   # on the old commit
    .venv/bin/python scripts/compare_exports.py snapshot /tmp/after    # on the new one
    .venv/bin/python scripts/compare_exports.py compare /tmp/before /tmp/after

`snapshot` runs `python -m eventscope run` with one worker on `../shared/samples/seeds` and on
400 BBC articles (every fifth of the corpus sorted by section and name, so every section is in)
into fresh DuckDB files, and writes each record kind as JSON Lines. Run it with the old tree
first on PYTHONPATH (a `git worktree` of the old commit) to snapshot the old code. `compare` prints the kinds and records that differ and exits 1 if any do.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
KINDS = ("articles", "events", "actors", "stories", "agreements")
BBC_ARTICLES = 400


def corpora(work: Path) -> dict[str, Path]:
    bbc = work / "bbc"
    bbc.mkdir()
    files = sorted((SHARED / "corpora" / "bbc" / "news").glob("*/*.txt"))
    step = max(1, len(files) // BBC_ARTICLES)
    for path in files[::step][:BBC_ARTICLES]:
        (bbc / f"{path.parent.name}-{path.name}").write_bytes(path.read_bytes())
    return {"seeds": SHARED / "samples" / "seeds", "bbc": bbc}


def snapshot(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    eventscope = [sys.executable, "-m", "eventscope"]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for name, folder in corpora(work).items():
            db = work / f"{name}.duckdb"
            subprocess.run([*eventscope, "run", str(folder), "--db", str(db), "--workers", "1", "--quiet"],
                           check=False)
            for kind in KINDS:
                target = out / f"{name}-{kind}.jsonl"
                subprocess.run([*eventscope, "export", kind, "--db", str(db), "--out", str(target)], check=True)
                # Sources name the scratch folder: the same placeholder in every snapshot.
                target.write_text(target.read_text().replace(json.dumps(str(work))[1:-1], "SCRATCH"))


def compare(before: Path, after: Path) -> int:
    differ = 0
    for old in sorted(before.glob("*.jsonl")):
        new = after / old.name
        a = old.read_text().splitlines()
        b = new.read_text().splitlines() if new.exists() else []
        if a == b:
            print(f"{old.stem}: {len(a)} records identical")
            continue
        differ += 1
        print(f"{old.stem}: {len(a)} records before, {len(b)} after, differ")
        for x, y in zip(a, b):
            if x != y:
                xa, ya = json.loads(x), json.loads(y)
                keys = sorted(k for k in xa.keys() | ya.keys() if xa.get(k) != ya.get(k))
                print(f"  first difference in record {xa.get('id')}: fields {keys}")
                break
    return 1 if differ else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["snapshot"] and len(sys.argv) == 3:
        snapshot(Path(sys.argv[2]))
    elif sys.argv[1:2] == ["compare"] and len(sys.argv) == 4:
        sys.exit(compare(Path(sys.argv[2]), Path(sys.argv[3])))
    else:
        sys.exit(__doc__)
