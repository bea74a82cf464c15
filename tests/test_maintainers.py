"""Maintaining the corpus: adding articles, describing any folder truthfully, the
documents table, the hub front matter and the golden-file drafts."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import (
    DIST,
    FIXTURES,
    RAW,
    SEED_IDS,
    distinct_copy,
    parse_file,
    seed_earlier_releases,
)
from golden_draft import draft
from test_golden_full import disagreements, golden_sentences, load_golden

import adhd_corpus
from adhd_corpus.build import build_release
from adhd_corpus.corpus import CORPUS_FILE, Corpus, Publisher, load_corpus
from adhd_corpus.tables import TABLES

ROOT = RAW.parent
OTHER_SITES = FIXTURES / "raw"
"""Pages from sites other than the seeds' publisher: a corpus corpus.toml knows nothing of."""
LATEST: str = json.loads((DIST / "index.json").read_text(encoding="utf-8"))["latest"]
RELEASE = DIST / LATEST
CITING = """Dopamine and Memory

Dopamine release in the hippocampus supports memory consolidation [1].

Low dopamine tone may impair working memory in ADHD [2, 3].
"""


def read(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def card_lines(folder: Path) -> list[str]:
    return (folder / "README.md").read_text(encoding="utf-8").splitlines()


def section(folder: Path, heading: str) -> str:
    """One ``## heading`` section of a card, as text."""
    lines = card_lines(folder)
    start = lines.index(f"## {heading}") + 1
    end = next((i for i in range(start, len(lines)) if lines[i].startswith("## ")), len(lines))
    return "\n".join(lines[start:end])


@pytest.fixture(scope="module")
def other(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A release of other sites' pages, built with this checkout's corpus description."""
    out = tmp_path_factory.mktemp("other") / "dist"
    build_release(OTHER_SITES, out, "0.1.0")
    return out / "0.1.0"


# --- a folder nobody described -------------------------------------------------------------


def test_other_sites_are_not_credited_to_the_seed_publisher(other: Path) -> None:
    for name in ["README.md", "croissant.json", "datapackage.json", "schemaorg.jsonld"]:
        text = (other / name).read_text(encoding="utf-8")
        assert "mypatientadvice" not in text, name
        assert "my patient advice" not in text, name
    articles = len(list(OTHER_SITES.glob("*.txt")))
    assert f"- {articles} whose publisher is not recorded in the corpus description" in (
        section(other, "Where it comes from")
    )


def test_other_sites_licences_claim_nothing_for_their_texts(other: Path) -> None:
    croissant = read(other / "croissant.json")
    package = read(other / "datapackage.json")
    articles = len(list(OTHER_SITES.glob("*.txt")))
    assert croissant["license"][0].startswith(
        f"Texts of the {articles} article(s) whose publisher is not"
    )
    assert croissant["license"][1:] == ["https://spdx.org/licenses/MIT.html"]
    assert "isBasedOn" not in croissant
    assert package["sources"] == []
    assert [entry["name"] for entry in package["licenses"]] == ["other", "MIT"]
    assert all("publisher" not in page for page in read(other / "schemaorg.jsonld")["@graph"])


def test_card_licence_says_what_every_metadata_file_says(other: Path) -> None:
    licence = section(other, "Licence")
    for entry in read(other / "datapackage.json")["licenses"]:
        assert f"- {entry['title']}" in licence
    package, croissant = read(other / "datapackage.json"), read(other / "croissant.json")
    assert package["description"] == croissant["description"]
    assert package["version"] == croissant["version"] == "0.1.0"
    assert package["description"] in card_lines(other)


def test_limitations_are_computed_from_the_data(other: Path) -> None:
    limitations = section(other, "Limitations")
    people = adhd_corpus.load_table("people", path=other)
    pseudonyms = sorted(set(people.loc[people["pseudonymous"], "name"]))
    if pseudonyms:
        assert f"  {', '.join(pseudonyms)}; those names are not real identities." in limitations
    else:
        assert "pseudonym" not in limitations
    links = adhd_corpus.load_table("links", path=other)
    providers = sorted(set(links.loc[links["kind"] == "provider", "text"]))
    assert ("Promotional content" in limitations) == bool(providers)
    for name in providers:
        assert name in limitations
    cited = ("- No cited sources: no article holds citation-like text" in limitations) != (
        "- Citations: " in limitations
    )
    assert cited  # exactly one of the two statements, whichever the data supports


def test_no_release_date_recorded_means_no_date_published(other: Path) -> None:
    assert "datePublished" not in read(other / "croissant.json")
    assert "Released " not in "\n".join(card_lines(other))


def test_a_citing_article_is_never_called_uncited(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(OTHER_SITES / "other_site_bylines.txt", raw)
    (raw / "citing.txt").write_text(CITING, encoding="utf-8")
    build_release(raw, tmp_path / "dist", "0.1.0")
    limitations = section(tmp_path / "dist" / "0.1.0", "Limitations")
    assert "No cited sources" not in limitations
    assert "- Citations: 1 of 2 articles hold citation-like text (numbered reference);" in (
        limitations
    )


def test_a_recorded_publisher_is_named_with_its_terms(tmp_path: Path) -> None:
    example = Publisher(
        publisher="Example Health",
        url="https://example.org",
        texts_licence="CC BY 4.0.",
        texts_licence_url="https://creativecommons.org/licenses/by/4.0/",
        articles=frozenset({"plain_no_byline"}),
    )
    corpus = Corpus(name="example-corpus", sources=(example,))
    build_release(OTHER_SITES, tmp_path, "0.2.0", corpus=corpus)
    release = tmp_path / "0.2.0"
    where = section(release, "Where it comes from")
    assert "- 1 from Example Health (https://example.org)" in where
    others = len(list(OTHER_SITES.glob("*.txt"))) - 1
    assert f"- {others} whose publisher is not recorded in the corpus description" in where
    croissant = read(release / "croissant.json")
    assert croissant["name"] == "example-corpus"
    assert croissant["isBasedOn"] == [
        {"@type": "sc:WebSite", "name": "Example Health", "url": "https://example.org"}
    ]
    assert croissant["license"][0] == "https://creativecommons.org/licenses/by/4.0/"
    pages = {page["identifier"]: page for page in read(release / "schemaorg.jsonld")["@graph"]}
    assert pages["plain_no_byline"]["publisher"]["name"] == "Example Health"
    assert "publisher" not in pages["other_site_bylines"]


# --- the committed description and release -------------------------------------------------


def test_corpus_description_lists_only_raw_articles_and_dates_the_package_version() -> None:
    corpus = load_corpus(ROOT / CORPUS_FILE)
    listed = {a for source in corpus.sources for a in source.articles}
    assert listed <= {p.stem for p in RAW.glob("*.txt")}
    assert corpus.release_date(adhd_corpus.__version__) is not None, (
        f"record the release date of {adhd_corpus.__version__} under [releases] in corpus.toml"
    )


def test_latest_croissant_is_dated_and_mlcroissant_warns_of_nothing() -> None:
    corpus = load_corpus(ROOT / CORPUS_FILE)
    croissant = read(RELEASE / "croissant.json")
    date = corpus.release_date(LATEST)
    assert date is not None
    assert croissant["datePublished"] == date.isoformat()
    mlc = pytest.importorskip("mlcroissant")
    issues = mlc.Dataset(jsonld=str(RELEASE / "croissant.json")).metadata.issues
    assert not issues.errors
    assert not issues.warnings


def test_a_corpus_description_error_names_the_file_and_key(tmp_path: Path) -> None:
    bad = tmp_path / "corpus.toml"
    bad.write_text('name = "x"\n[releases]\n"1.0.0" = "soon"\n', encoding="utf-8")
    with pytest.raises(adhd_corpus.CorpusError, match=r"releases\.1\.0\.0 must be a date"):
        load_corpus(bad)


# --- documents: the texts the offsets index ------------------------------------------------


def rows(table: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = adhd_corpus.load_table(table, LATEST, engine="arrow").to_pylist()
    return found


def test_documents_table_holds_every_raw_text_with_its_hash() -> None:
    documents, articles = rows("documents"), rows("articles")
    assert [d["id"] for d in documents] == [a["id"] for a in articles]
    for document in documents:
        assert hashlib.sha256(document["text"].encode("utf-8")).hexdigest() == document["sha256"]
    assert [d["sha256"] for d in documents] == [a["source_sha256"] for a in articles]


def test_every_claim_and_entity_slices_its_document() -> None:
    texts = {d["id"]: d["text"] for d in rows("documents")}
    for name in ["claims", "entities"]:
        spans = rows(name)
        assert spans
        for span in spans:
            assert texts[span["article_id"]][span["start"] : span["end"]] == span["text"], span


def test_documents_jsonl_equals_the_parquet_table() -> None:
    lines = (RELEASE / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    table = adhd_corpus.load_table("documents", LATEST)
    assert rows == table[["id", "sha256", "text"]].to_dict("records")


def test_an_older_release_without_documents_says_so() -> None:
    with pytest.raises(adhd_corpus.ReleaseNotFoundError, match="has no 'documents' table"):
        adhd_corpus.load_table("documents", "1.0.0")


# --- a dataset hub reads the folder as it is -----------------------------------------------


def front_matter(folder: Path) -> dict[str, Any]:
    yaml = pytest.importorskip("yaml")
    lines = card_lines(folder)
    assert lines[0] == "---"
    end = lines.index("---", 1)
    data: dict[str, Any] = yaml.safe_load("\n".join(lines[1:end]))
    return data


def test_card_front_matter_has_a_config_per_table() -> None:
    data = front_matter(RELEASE)
    assert [c["config_name"] for c in data["configs"]] == list(TABLES)
    for config in data["configs"]:
        [files] = config["data_files"]
        assert files == {"split": "train", "path": f"{config['config_name']}.parquet"}
        assert (RELEASE / files["path"]).is_file()
    assert data["language"] == ["en"]
    assert data["size_categories"] == ["n<1K"]
    assert {"license", "task_categories", "pretty_name"} <= set(data)


def test_datasets_loads_the_release_folder_by_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    datasets = pytest.importorskip("datasets")
    for name in ["HF_HUB_OFFLINE", "HF_DATASETS_OFFLINE"]:
        monkeypatch.setenv(name, "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    folder = tmp_path / LATEST
    shutil.copytree(RELEASE, folder)
    claims = datasets.load_dataset(str(folder), "claims", cache_dir=str(tmp_path / "cache"))
    counts = read(RELEASE / "manifest.json")["counts"]
    assert claims["train"].num_rows == counts["claims"]
    assert claims["train"].column_names == [c.name for c in TABLES["claims"]]


# --- golden files for new articles ---------------------------------------------------------


@pytest.mark.parametrize("path", sorted(OTHER_SITES.glob("*.txt")), ids=lambda p: p.stem)
def test_a_golden_draft_agrees_with_the_parser(path: Path) -> None:
    _, article = parse_file(path)
    golden = draft(article)
    assert set(golden) == {"claims", "non_claims", "parser_differs"}
    assert disagreements(golden, article) == []
    # Golden files key sentences by text: a repeated sentence (a table's "2 puffs" in two
    # rows) is one entry, so every distinct sentence must be there.
    texts = {c.text for c in article.claims} | {s.text for s in article.non_claims or []}
    assert len(golden_sentences(golden)) == len(texts)


def test_a_golden_draft_of_a_seed_has_the_annotated_sentences() -> None:
    for article_id in SEED_IDS:
        golden = load_golden(article_id)
        drafted = draft(parse_file(RAW / f"{article_id}.txt")[1])
        assert sorted(golden_sentences(drafted)) == sorted(golden_sentences(golden))


# --- adding an article ---------------------------------------------------------------------


def test_an_added_article_builds_and_is_described_truthfully(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    # Distinct bytes, in case raw/ already holds a copy of the page.
    text = (OTHER_SITES / "other_site_bylines.txt").read_text(encoding="utf-8")
    (raw / "zzz_my_new_article.txt").write_text(distinct_copy(text, 7), encoding="utf-8")
    out = tmp_path / "dist"
    seed_earlier_releases(out, "99.0.0")
    report = build_release(raw, out, "99.0.0")
    assert report.counts["articles"] == len(list(raw.glob("*.txt")))
    where = section(out / "99.0.0", "Where it comes from")
    corpus = load_corpus(ROOT / CORPUS_FILE)
    found, unrecorded = corpus.publishers(p.stem for p in raw.glob("*.txt"))
    for source, n in found:
        assert f"- {n} from {source.publisher} ({source.url})" in where
    assert unrecorded >= 1  # the added page, and any other article no source lists
    assert f"- {unrecorded} whose publisher is not recorded in the corpus description" in where
