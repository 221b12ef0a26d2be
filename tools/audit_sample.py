"""Draw random facts from the knowledge base for an audit against primary sources.

An audit is only honest if nobody chose which facts to check: this lists every
(file, field) fact of knowledge/frameworks/ in file order and draws a seeded
sample, so anyone can redraw the same facts and check the verdicts in
knowledge/audits/.

    python tools/audit_sample.py SEED COUNT [EXCLUDE.tsv] > sample.tsv
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import yaml

FRAMEWORKS = Path(__file__).resolve().parent.parent / "knowledge" / "frameworks"
TOP_FIELDS = ("license", "first_release", "interface", "async_support", "dependencies", "notable_users")
RELEASE_FIELDS = ("version", "date", "python_requires")
LIST_FIELDS = ("strengths", "weaknesses", "article_claims")

Fact = tuple[str, str, int]


def facts_of(path: Path) -> list[Fact]:
    """Every auditable fact of one file as (file name, field, line)."""
    root = yaml.compose(path.read_text(encoding="utf-8"))
    fields = {key.value: value for key, value in root.value}
    found: list[Fact] = []

    def add(field: str, node: yaml.Node) -> None:
        found.append((path.name, field, node.start_mark.line + 1))

    for field in TOP_FIELDS:
        if field in fields:
            add(field, fields[field])
    if "release" in fields:
        release = {key.value: value for key, value in fields["release"].value}
        for field in RELEASE_FIELDS:
            if field in release:
                add(f"release.{field}", release[field])
    for field in ("support_policy", "backing"):
        if field in fields:
            add(field, fields[field])
    for key, _ in fields["features"].value if "features" in fields else ():
        add(f"features.{key.value}", key)
    for field in LIST_FIELDS:
        for index, item in enumerate(fields[field].value if field in fields else ()):
            add(f"{field}[{index}]", item)
    return found


def main(argv: list[str]) -> int:
    """Print the drawn facts as tab-separated file, field, line."""
    if len(argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    seed, count = int(argv[0]), int(argv[1])
    excluded: set[tuple[str, str]] = set()
    if len(argv) == 3:
        for line in Path(argv[2]).read_text(encoding="utf-8").splitlines():
            name, field = line.split("\t")[:2]
            excluded.add((name, field))
    every = [fact for path in sorted(FRAMEWORKS.glob("*.yaml")) for fact in facts_of(path)]
    pool = [fact for fact in every if fact[:2] not in excluded]
    for name, field, line in random.Random(seed).sample(pool, count):
        print(f"{name}\t{field}\t{line}")
    print(f"{len(every)} facts, pool {len(pool)}, drew {count}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
