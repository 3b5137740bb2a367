import re
from pathlib import Path

import pytest

from pipeline.config import config_from_dict
from pipeline.dedup.fingerprint import Fingerprinter
from pipeline.dedup.resolve import compare
from pipeline.dedup.signatures import estimated_jaccard
from pipeline.document import Document, Drop, Reason, Source
from pipeline.errors import ConfigError
from pipeline.executor import LocalExecutor
from pipeline.io.writers import read_jsonl_gz
from pipeline.runner import run
from pipeline.stages.dedup import DedupConfig, Deduplicator
from tests.conftest import seed_text

SEEDS = ("000", "001", "002", "003", "004")

# A small thesaurus of common words, written for these tests: each occurrence is swapped,
# as an article spinner does.
SYNONYMS = {
    "also": "additionally", "many": "numerous", "however": "nevertheless", "important": "crucial",
    "often": "frequently", "used": "utilized", "help": "assist", "new": "novel", "work": "function",
    "shown": "demonstrated", "people": "individuals", "significant": "substantial", "effects": "results",
    "treatment": "remedy", "patients": "sufferers", "studies": "analyses", "research": "investigation",
    "potential": "prospective", "can": "could", "may": "might", "more": "additional", "some": "certain",
    "recent": "latest", "years": "seasons", "known": "recognized", "provide": "supply", "improve": "enhance",
    "rapid": "swift", "quickly": "rapidly", "benefits": "advantages", "symptoms": "indications",
    "traditional": "conventional", "study": "analysis", "very": "extremely", "which": "that",
    "effective": "efficient", "option": "choice", "options": "choices", "while": "whilst",
}
_WORD = re.compile(r"[A-Za-z]+")


def spin(text: str) -> str:
    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        synonym = SYNONYMS.get(word.lower())
        if synonym is None:
            return word
        return synonym.capitalize() if word[0].isupper() else synonym

    return _WORD.sub(swap, text)


def document(doc_id: str, text: str, path: str | None = None, spam: float = 0.0) -> Document:
    return Document(id=doc_id, text=text, spam={"score": spam},
                    source=Source(path=path or f"{doc_id}.txt", record=0, sha256="0" * 64, format="txt"))


def deduplicate(docs: list[Document], tmp_path: Path, config: DedupConfig | None = None):
    stage = Deduplicator(config)
    stage.begin_scan(None, tmp_path)
    stage.scan(iter(docs))
    figures = stage.finish_scan()
    return {doc.id: stage.process(doc) for doc in docs}, figures


def test_five_seed_articles_on_one_topic_all_survive(tmp_path):
    outcomes, _ = deduplicate([document(f"seed{name}", seed_text(name)) for name in SEEDS], tmp_path)
    for doc_id, outcome in outcomes.items():
        assert isinstance(outcome, Document), outcome
        assert outcome.dedup == {"cluster": doc_id, "duplicates": []}


def test_verbatim_copy_with_other_byline_is_removed_and_names_its_survivor(tmp_path):
    body = seed_text("003")
    original = document("original", "By Alex Morgan, health desk\n\n" + body)
    copy = document("copy", "By Sam Lee\n\n" + body)
    outcomes, _ = deduplicate([copy, original] + [document(f"s{n}", seed_text(n)) for n in ("000", "004")],
                              tmp_path)
    removed = outcomes["copy"]
    assert isinstance(removed, Drop) and removed.reason is Reason.NEAR_DUPLICATE
    assert removed.detail["duplicate_of"] == "original"
    assert removed.detail["match"] == "near" and removed.detail["jaccard"] > 0.9
    assert outcomes["original"].dedup == {"cluster": "original", "duplicates": ["copy"]}


def test_copy_differing_in_case_and_punctuation_is_an_exact_duplicate(tmp_path):
    text = seed_text("001")
    outcomes, _ = deduplicate([document("a", text), document("b", text.upper().replace(",", " ;"))], tmp_path)
    dropped = [outcome for outcome in outcomes.values() if isinstance(outcome, Drop)]
    assert len(dropped) == 1 and dropped[0].reason is Reason.EXACT_DUPLICATE
    assert dropped[0].detail["match"] == "exact" and dropped[0].detail["jaccard"] == 1.0


def test_spun_copy_is_caught_by_its_frame(tmp_path):
    original = seed_text("004")
    spun = spin(original)
    changed = sum(a != b for a, b in zip(original.split(), spun.split(), strict=True))
    assert changed > 0.1 * len(original.split())
    docs = [document("original", original), document("spun", spun, spam=0.2)]
    outcomes, figures = deduplicate(docs, tmp_path)
    removed = outcomes["spun"]
    assert isinstance(removed, Drop) and removed.reason is Reason.NEAR_DUPLICATE
    assert removed.detail["duplicate_of"] == "original"
    assert removed.detail["match"] == "spin-robust"  # word 5-grams alone do not match it
    assert figures["verified_pairs"]["near"] == 0


def test_spun_copy_is_kept_when_spin_robust_matching_is_off(tmp_path):
    original = seed_text("004")
    outcomes, _ = deduplicate([document("original", original), document("spun", spin(original))], tmp_path,
                              DedupConfig(spin_robust=False))
    assert all(isinstance(outcome, Document) for outcome in outcomes.values())


def test_removed_copy_detail_has_fixed_keys_and_types(tmp_path):
    text = seed_text("002")
    outcomes, _ = deduplicate([document("a", text), document("b", text + "\n\nShare this.")], tmp_path)
    detail = next(outcome.detail for outcome in outcomes.values() if isinstance(outcome, Drop))
    types = {key: type(value) for key, value in detail.items()}
    assert types == {"message": str, "duplicate_of": str, "jaccard": float, "match": str,
                     "survivor_in_previous_corpus": bool, "via": type(None)}


def test_two_different_articles_on_one_topic_are_kept(tmp_path):
    first = ("Tide pools at Carrow Point fill twice a day. Hermit crabs, limpets and anemones shelter "
             "under the kelp, and volunteers from the Marrick aquarium count periwinkles every spring. ") * 3
    second = ("The Carrow Point survey logged 412 anemones this year. Periwinkle numbers fell while "
              "limpets held steady; the Marrick team blames warmer kelp beds and trampling by visitors. ") * 3
    outcomes, _ = deduplicate([document("first", first), document("second", second)], tmp_path)
    assert all(isinstance(outcome, Document) for outcome in outcomes.values())


# One sentence template filled twice with other names, places and terms: the same frame, as a
# spun copy would have, but none of the same rare words, so no copy.
TEMPLATE = ("The {0} team at {1} spent {2} months on the {3} survey. They found that the {4} near {5} "
            "had moved by {6} metres since the last visit, and that the {7} was to blame. {8} said the "
            "results would go to the {9} council before the end of the year, with a plan for the {3}. ")
FILLS = (
    ("Marrick", "Carrow Point", "nine", "anemone", "kelp bed", "Tolland", "40", "storm surge", "Okafor",
     "Westmere"),
    ("Halvard", "Ostrava Bay", "four", "periwinkle", "seagrass", "Brindle", "12", "dredging", "Lindqvist",
     "Eastholm"),
)


def test_two_texts_from_one_sentence_template_are_kept(tmp_path):
    docs = [document("first", TEMPLATE.format(*FILLS[0])), document("second", TEMPLATE.format(*FILLS[1]))]
    outcomes, _ = deduplicate(docs, tmp_path)
    assert all(isinstance(outcome, Document) for outcome in outcomes.values())
    # the frames alone would join them: it is the aligned rare words that keep them apart
    config = DedupConfig()
    table = Fingerprinter(config).fingerprint([doc.text for doc in docs])
    frame_jaccard = estimated_jaccard(table.frame_signatures[0], table.frame_signatures[1])
    assert frame_jaccard >= config.frame_jaccard_threshold
    assert compare(table, 0, 1, config) is None


REAL_ARTICLES = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "html" / "readability"


def real_halves(name: str) -> tuple[str, str]:
    """A real article cut in two at its middle paragraph: two texts on one subject, one author."""
    path = REAL_ARTICLES / name / "expected.txt"
    if not path.is_file():
        pytest.skip(f"no real article at {path}")
    paragraphs = path.read_text(encoding="utf-8").strip().split("\n\n")
    middle = len(paragraphs) // 2
    return "\n\n".join(paragraphs[:middle]), "\n\n".join(paragraphs[middle:])


def heavy_spin(text: str) -> str:
    """Every third lower-case word of five letters or more replaced by another word (its letters
    reversed): as far as dedup can tell, what a spinner with a thesaurus it does not know does
    to one word in eight."""
    count = 0

    def swap(match: re.Match[str]) -> str:
        nonlocal count
        word = match.group(0)
        if len(word) < 5 or not word.islower():
            return word
        count += 1
        return word[::-1] if count % 3 == 0 else word

    return _WORD.sub(swap, text)


def test_real_articles_on_one_subject_and_their_halves_stay_apart_while_spun_copies_join(tmp_path):
    docs = []
    for name in ("webmd-1", "webmd-2", "medicalnewstoday"):
        for number, half in enumerate(real_halves(name)):
            docs += [document(f"{name}-{number}", half),
                     document(f"{name}-{number}-spun", heavy_spin(half), spam=0.3)]
    outcomes, _ = deduplicate(docs, tmp_path)
    for doc in docs:
        outcome = outcomes[doc.id]
        if doc.id.endswith("-spun"):
            assert isinstance(outcome, Drop) and outcome.detail["match"] == "spin-robust"
            assert outcome.detail["duplicate_of"] == doc.id.removesuffix("-spun")
        else:
            assert isinstance(outcome, Document) and outcome.dedup["duplicates"] == [f"{doc.id}-spun"]


def test_survivor_is_the_copy_with_least_spam_not_the_first_seen(tmp_path):
    text = seed_text("000")
    docs = [document("spammy", text + " Buy now.", spam=0.6), document("clean", text, path="z/late.txt")]
    outcomes, _ = deduplicate(docs, tmp_path)
    assert isinstance(outcomes["spammy"], Drop) and outcomes["spammy"].detail["duplicate_of"] == "clean"
    reversed_outcomes, _ = deduplicate(list(reversed(docs)), tmp_path)
    assert reversed_outcomes["clean"].dedup == outcomes["clean"].dedup


def test_document_never_scanned_passes_as_a_singleton():
    outcome = Deduplicator().process(document("alone", "some text"))
    assert outcome.dedup == {"cluster": "alone", "duplicates": []}


def test_config_out_of_range_is_rejected_naming_the_key():
    with pytest.raises(ConfigError, match="^jaccard_threshold:"):
        DedupConfig(jaccard_threshold=0.0).validate()
    with pytest.raises(ConfigError, match="^num_perm:"):
        DedupConfig(num_perm=8).validate()


# --- through the runner: index carried from one run to the next -----------------------------

CONFIG = config_from_dict({"run": {"stages": ["normalize", "dedup"]}})


def run_once(source: Path, out: Path) -> dict:
    result = run(source, out, CONFIG, executor=LocalExecutor(1), progress=False)
    return result.manifest


def records(out: Path, kind: str) -> list[dict]:
    return [record for path in sorted((out / kind).glob("*.jsonl.gz")) for record in read_jsonl_gz(path)]


def output_bytes(out: Path) -> dict[str, list[bytes]]:
    return {kind: [path.read_bytes() for path in sorted((out / kind).glob("*.gz"))]
            for kind in ("documents", "rejected")}


def test_next_run_removes_copies_of_documents_kept_before(tmp_path):
    day_one, day_two, out = tmp_path / "day1", tmp_path / "day2", tmp_path / "clean"
    day_one.mkdir()
    day_two.mkdir()
    for name in ("001", "003"):
        (day_one / f"{name}.txt").write_text(seed_text(name), encoding="utf-8")
    run_once(day_one, out)
    kept_first = {record["source"]["path"]: record["id"] for record in records(out, "documents")}
    assert (out / "index" / "dedup" / "dedup.sqlite").is_file()

    (day_two / "reposted.txt").write_text("Posted by a reader\n\n" + seed_text("003"), encoding="utf-8")
    (day_two / "fresh.txt").write_text(seed_text("004"), encoding="utf-8")
    manifest = run_once(day_two, out)
    rejected = records(out, "rejected")
    assert [record["source"]["path"] for record in rejected] == ["reposted.txt"]
    assert rejected[0]["reason"] == "near_duplicate"
    assert rejected[0]["detail"]["duplicate_of"] == kept_first["003.txt"]
    assert rejected[0]["detail"]["survivor_in_previous_corpus"] is True
    # the corpus grows: day one's documents stay beside the new one
    kept = [record["source"]["path"] for record in records(out, "documents")]
    assert kept == ["001.txt", "003.txt", "fresh.txt"]
    assert manifest["stages"]["dedup"]["scan"]["index_documents"] == 3  # two from day one, one new


def test_rerun_over_unchanged_input_changes_nothing(tmp_path):
    source, out = tmp_path / "in", tmp_path / "clean"
    source.mkdir()
    for name in SEEDS:
        (source / f"{name}.txt").write_text(seed_text(name), encoding="utf-8")
    (source / "copy.txt").write_text(seed_text("002") + "\n\nShare this article.", encoding="utf-8")
    run_once(source, out)
    first = output_bytes(out)
    first_manifest = (out / "manifest.json").read_bytes()
    run_once(source, out)  # every input is already in the corpus: nothing to do
    second = output_bytes(out)
    assert first == second
    assert (out / "manifest.json").read_bytes() == first_manifest
    assert len(records(out, "documents")) == 5 and len(records(out, "rejected")) == 1


# Written for these tests: two articles on one subject in each script without spaces.
CHINESE = ("北京市环保局今天发布了年度空气质量报告。"
           "报告显示，去年全市细颗粒物的平均浓度比前年下降了百分之十二，"
           "重污染天数也明显减少。专家认为，这主要得益于燃煤锅炉的改造、老旧车辆的淘汰以及周边地区的联合治理。"
           "不过，报告也指出，夏季臭氧污染有所加重，今后需要进一步控制挥发性有机物的排放。")
CHINESE_OTHER = ("据气象部门介绍，北京今年冬季的雾霾天气比往年少得多。"
                 "市民王先生说，以前每到十二月就得戴口罩出门，"
                 "现在蓝天的日子越来越多了。环保志愿者在社区里组织了骑车活动，鼓励居民少开私家车，"
                 "一些学校还把空气监测数据贴在了教室门口。")
THAI = ("กรุงเทพมหานครประกาศแผนพัฒนาระบบขนส่งสาธารณะฉบับใหม่ในปีนี้ โดยจะเพิ่มเส้นทางรถไฟฟ้าอีกสามสาย"
        "เพื่อลดปัญหาการจราจรติดขัดในใจกลางเมือง ผู้ว่าราชการกล่าวว่าโครงการทั้งหมดจะแล้วเสร็จภายในห้าปี "
        "และจะมีการปรับปรุงป้ายรถเมล์กว่าหนึ่งพันจุดให้ผู้พิการใช้งานได้สะดวกยิ่งขึ้น")
THAI_OTHER = ("ชาวกรุงเทพจำนวนมากหันมาใช้จักรยานในการเดินทางไปทำงานมากขึ้น หลังจากที่ราคาน้ำมันสูงขึ้นอย่างต่อเนื่อง "
              "กลุ่มผู้ใช้จักรยานเรียกร้องให้เมืองสร้างทางจักรยานที่ปลอดภัยกว่าเดิม "
              "ขณะที่ร้านค้าริมถนนบางแห่งเริ่มจัดที่จอดจักรยานให้ลูกค้าฟรี")


@pytest.mark.parametrize("original, other", [(CHINESE, CHINESE_OTHER), (THAI, THAI_OTHER)],
                         ids=["chinese", "thai"])
def test_copies_in_scripts_without_spaces_are_removed_and_other_articles_kept(tmp_path, original, other):
    docs = [document("original", original), document("copy", "转载 / ข่าว\n" + original + "\n© 2024"),
            document("other", other)]
    outcomes, _ = deduplicate(docs, tmp_path)
    # the longer copy survives (survivor policy); the original goes as its near duplicate
    assert isinstance(outcomes["original"], Drop) and outcomes["original"].detail["match"] == "near"
    assert isinstance(outcomes["copy"], Document) and isinstance(outcomes["other"], Document)
