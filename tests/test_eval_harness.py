"""``make eval`` keeps running: its script on tiny gold files written here, and on none.

The real gold data lives outside the repository and is never read by the tests; these
files are made up in the gold files' formats, so the harness is checked, not the figures.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

from adhd_corpus.release.quality import parser_fingerprint

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "benchmarks" / "eval.py"

STRENGTH_ROWS = [
    ("Dopamine levels were measured in 40 adults.", 0, "none"),
    ("Poor sleep is associated with inattention.", 1, "correlational"),
    ("Methylphenidate may reduce impulsivity.", 2, "conditional causal"),
    ("Exercise improves working memory.", 3, "direct causal"),
]
RULES = [
    {"rule": 1, "name": "Two sentences", "text": "Sleep helps. So does exercise.",
     "expected": ["Sleep helps.", "So does exercise."]},
    {"rule": 2, "name": "Title", "text": "Dr. Ames spoke.", "expected": ["Dr. Ames spoke."]},
]  # fmt: skip
BIOSCOPE = """<?xml version="1.0" encoding="utf-8"?>
<Annotation><DocumentSet><Document><DocID type="PMID">1</DocID>
<DocumentPart type="AbstractText">
<sentence id="S1.1">Dopamine <xcope id="X1"><cue type="speculation" ref="X1">may</cue> rise</xcope>.</sentence>
<sentence id="S1.2">Serotonin did <xcope id="X2"><cue type="negation" ref="X2">not</cue> change in ADHD</xcope>.</sentence>
</DocumentPart></Document></DocumentSet></Annotation>
"""  # noqa: E501


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, check=False
    )


def test_eval_scores_every_task_on_gold_files_in_their_formats(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    lines = ["sentence,strength,strength_name,label,label_name"]
    lines += [
        f"{text},{strength},{name},{strength},{name}" for text, strength, name in STRENGTH_ROWS
    ]
    (gold / "yu2019-dev.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (gold / "pysbd-golden-rules.json").write_text(json.dumps(RULES), encoding="utf-8")
    (gold / "bioscope-abstracts.xml.gz").write_bytes(gzip.compress(BIOSCOPE.encode()))
    out = tmp_path / "accuracy.md"
    quality = tmp_path / "label_quality.json"
    done = _run("--data", str(gold), "--out", str(out), "--quality", str(quality))
    assert done.returncode == 0, done.stderr
    assert "skipped:" not in done.stdout
    report = out.read_text(encoding="utf-8")
    assert "| English Golden Rules passed | 2/2 | >= 46/48 |" in report
    for figure in ("acceptance", "macro-F1", "abstracts split exactly", "uncertain class"):
        assert figure in report
    assert "| abstracts split exactly | 100.0% (1/1) |" in report
    assert "## In-sample" in report
    recorded = json.loads(quality.read_text(encoding="utf-8"))
    assert recorded["parser"] == parser_fingerprint()
    assert recorded["gold"] == [
        "bioscope-abstracts.xml.gz",
        "pysbd-golden-rules.json",
        "yu2019-dev.csv",
    ]
    columns = {c["column"]: c["out_of_sample"] for c in recorded["columns"]}
    boundaries = columns["`claims.text`, `start`, `end` (sentence boundaries)"]
    assert any("English Golden Rules passed 2/2" in figure for figure in boundaries)


def test_eval_skips_each_missing_file_and_still_succeeds(tmp_path: Path) -> None:
    done = _run("--data", str(tmp_path / "absent"), "--no-write")
    assert done.returncode == 0, done.stderr
    for name in ("yu2019-dev.csv", "pysbd-golden-rules.json", "bioscope-abstracts.xml.gz"):
        assert f"skipped: {tmp_path / 'absent' / name} not found" in done.stdout
