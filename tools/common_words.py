"""Print the ordinary English words (six letters or more) that are never a framework's distinctive term.

A word that only one framework's description uses points at that framework ("msgspec", "traversal"),
unless it is an everyday word ("outside", "options"): those are the words English uses often, which
wordfreq (a maintained word-frequency library) measures. Run it in a scratch virtualenv; the bot reads
only the generated file, so wordfreq is not a dependency:

    python -m venv /tmp/wf && /tmp/wf/bin/pip install wordfreq==3.1.1
    /tmp/wf/bin/python tools/common_words.py > knowledge/language/en/common_words.txt
"""

from __future__ import annotations

from wordfreq import top_n_list, zipf_frequency

ZIPF_ORDINARY = 3.5  # about once in 300,000 words or more often: "specification" 3.75, "traversal" 2.31
MIN_LENGTH = 6  # distinctive terms are at least this long (bot/knowledge/base.py)
HEADER = """\
# Ordinary English words of six letters or more: a word here is never a framework's distinctive term
# ("outside", "options" and "replace" say nothing about which framework a question means).
# Words with a Zipf frequency of 3.5 or more in English, from wordfreq 3.1.1 (https://github.com/rspeer/wordfreq),
# whose data is licensed CC BY-SA 4.0; this list is derived from it under the same licence.
# Regenerate with: python tools/common_words.py > knowledge/language/en/common_words.txt"""


def main() -> None:
    words = {w for w in top_n_list("en", 60000) if w.isalpha() and w.isascii() and len(w) >= MIN_LENGTH
             and zipf_frequency(w, "en") >= ZIPF_ORDINARY}
    print(HEADER)
    print("\n".join(sorted(words)))


if __name__ == "__main__":
    main()
