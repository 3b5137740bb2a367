"""The projection onto the one output schema: every key declared, every type fixed, open maps
and input metadata in forms every loader reads; anything undeclared fails loudly."""

import json

import pytest

from pipeline.config import config_from_dict
from pipeline.document import Document, Source
from pipeline.executor import LocalExecutor
from pipeline.io.schema import (
    DOCUMENT_SCHEMA,
    REJECTED_SCHEMA,
    SchemaError,
    project_document,
    project_rejection,
)
from pipeline.runner import run


def document(**findings):
    doc = Document(id="d1", text="text", source=Source("a.txt", 0, "0" * 64, "txt"))
    for name, value in findings.items():
        setattr(doc, name, value)
    return doc.to_record() | {"pipeline": {"version": "0", "config_sha256": "0"}}


def test_a_document_has_every_declared_key_in_declared_order():
    record = project_document(document())
    assert list(record) == DOCUMENT_SCHEMA.names
    assert list(record["quality"]) == DOCUMENT_SCHEMA.field("quality").type.names
    assert set(record["quality"].values()) == {None}  # quality did not run: all keys, null


def test_a_rejection_has_every_declared_key_with_null_where_it_does_not_apply():
    source = {"path": "a", "record": 0, "sha256": "0", "format": "txt"}
    record = project_rejection({"id": "r", "source": source, "stage": "read", "reason": "empty",
                                "detail": {"message": "no text"}, "text": ""})
    assert list(record) == REJECTED_SCHEMA.names
    assert record["detail"]["message"] == "no text"
    assert record["detail"]["measures"] is None and record["detail"]["failed"] == []
    assert record["source"]["url"] is None and record["source"]["id"] is None


def test_an_open_map_becomes_a_list_of_name_value_objects():
    record = project_document(document(spam={"score": 0.5, "rules": {"bare_url": 2, "glued_words": 1}}))
    assert record["spam"]["rules"] == [{"name": "bare_url", "value": 2}, {"name": "glued_words", "value": 1}]


def test_input_metadata_is_one_json_text_whatever_its_types():
    first = project_document(document(metadata={"year": "2020", "tags": ["a"]}))
    second = project_document(document(metadata={"year": 2020, "nested": {"x": None}}))
    assert json.loads(first["metadata"]) == {"year": "2020", "tags": ["a"]}
    assert json.loads(second["metadata"]) == {"year": 2020, "nested": {"x": None}}
    assert project_document(document())["metadata"] == "{}"


def test_an_integer_where_a_decimal_is_declared_is_widened():
    record = project_document(document(lang={"code": "en", "score": 1}))
    assert record["lang"]["score"] == 1.0 and isinstance(record["lang"]["score"], float)


@pytest.mark.parametrize("findings, field", [
    ({"spam": {"score": 0.1, "new_signal": 3}}, "spam.new_signal"),
    ({"spin": {"score": 0.1, "spans": [{"start": 0, "end": 1, "colour": "red"}]}}, "spin.spans[0].colour"),
    ({"quality": {"words": 10, "shiny_new_measure": 0.2}}, "quality.shiny_new_measure"),
])
def test_an_undeclared_key_is_an_error_naming_the_field(findings, field):
    with pytest.raises(SchemaError, match=field.replace("[", r"\[").replace("]", r"\]")):
        project_document(document(**findings))


@pytest.mark.parametrize("findings, field", [
    ({"lang": {"code": "en", "score": "high"}}, "lang.score"),
    ({"quality": {"words": 10.5}}, "quality.words"),
    ({"dedup": {"cluster": "c", "duplicates": "d2"}}, "dedup.duplicates"),
    ({"lang": {"code": "en", "score": True}}, "lang.score"),
])
def test_a_value_of_another_type_is_an_error_naming_the_field(findings, field):
    with pytest.raises(SchemaError, match=field):
        project_document(document(**findings))


def test_an_undeclared_detail_key_is_an_error():
    with pytest.raises(SchemaError, match="detail.confidence"):
        project_rejection({"id": "r", "source": {}, "stage": "x", "reason": "spam",
                           "detail": {"message": "m", "confidence": 0.3}, "text": None})


def test_a_stage_that_emits_an_undeclared_finding_fails_the_run_naming_it(tmp_path, monkeypatch):
    from pipeline.stages.normalize import Normalizer

    original = Normalizer.process

    def drifting(self, doc):
        doc.spam = {"score": 0.0, "new_signal": 1}
        return original(self, doc)

    monkeypatch.setattr(Normalizer, "process", drifting)
    source = tmp_path / "in"
    source.mkdir()
    (source / "a.txt").write_text("a page")
    with pytest.raises(SchemaError, match="spam.new_signal"):
        run(source, tmp_path / "out", config_from_dict({"run": {"stages": ["normalize"]}}),
            executor=LocalExecutor(1), progress=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]


def test_a_stage_error_detail_fits_the_schema():
    from pipeline.document import Drop, Reason
    from pipeline.stages.base import Stage
    from pipeline.worker import ShardReport, _run_stages, rejection_record

    class Broken(Stage):
        name = "broken"

        def process(self, doc):
            raise RuntimeError("bug")

    doc = Document(id="d1", text="text", source=Source("a.txt", 0, "0" * 64, "txt"))
    stage, drop, text = _run_stages(doc, [Broken()], ShardReport(0))
    assert isinstance(drop, Drop) and drop.reason is Reason.STAGE_ERROR
    record = project_rejection(rejection_record(doc.id, doc.source, stage, drop, text))
    assert "bug" in record["detail"]["message"] and "RuntimeError" in record["detail"]["traceback"]
