"""The minimal pipeline a user would write instead of adhd-corpus, for `make bench`'s ratio.

spaCy's rule-based sentencizer, one PhraseMatcher over our vocabulary and a list of
hedge cues, and one JSON line per article (sentences with the phrases they contain).
Runs in the benchmark's own environment (`.venv-bench`, where spaCy is installed);
spaCy is never a dependency of the package.

    python spacy_baseline.py PATTERNS.json RAW_DIR OUT.jsonl
"""

from __future__ import annotations

import bisect
import json
import sys
from pathlib import Path


def main() -> None:
    patterns_file, raw_dir, out_file = sys.argv[1:4]
    import spacy
    from spacy.matcher import PhraseMatcher

    patterns = json.loads(Path(patterns_file).read_text(encoding="utf-8"))
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for label, phrases in patterns.items():
        matcher.add(label, [nlp.make_doc(p) for p in phrases])
    with Path(out_file).open("w", encoding="utf-8") as out:
        for path in sorted(Path(raw_dir).glob("*.txt")):
            doc = nlp(path.read_text(encoding="utf-8"))
            sents = list(doc.sents)
            starts = [sentence.start for sentence in sents]
            found: list[list[dict[str, object]]] = [[] for _ in sents]
            for label, s, e in matcher(doc):  # one pass over the article, then by sentence
                found[bisect.bisect_right(starts, s) - 1].append(
                    {"label": nlp.vocab.strings[label], "text": doc[s:e].text}
                )
            sentences = [
                {"text": x.text, "start": x.start_char, "matches": m}
                for x, m in zip(sents, found, strict=True)
            ]
            out.write(json.dumps({"id": path.stem, "sentences": sentences}) + "\n")


if __name__ == "__main__":
    main()
