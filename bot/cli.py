"""The `pyframework` command line (temporary: kb check only)."""
import sys

from bot import knowledge


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:2] == ["kb", "check"]:
        kb, problems = knowledge.check(argv[2] if len(argv) > 2 else None)
        if problems:
            print(knowledge.describe(problems))
            return 1
        print(f"ok: {len(kb.frameworks)} frameworks, {len(kb.vocabulary.features)} features")
        return 0
    return 2
