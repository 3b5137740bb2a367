"""The one schema of the output: every kept document and every rejected record has the same
keys with the same types, in every part, whatever the input format.

The Arrow schemas below are the single declaration. `project_document` and
`project_rejection` turn the runner's records into exactly that shape at the writer edge:

- every object has all its declared keys, in declared order; a value that does not
  apply is null (a whole object may be null where it does not apply: `detail.measures`
  outside `low_quality`); lists may be empty;
- a map whose keys vary per record (`spam.rules`, `detail.rules`) becomes a list of
  `{"name", "value"}` objects;
- input metadata, whose keys and types are the input's, is one JSON text (`metadata`);
- an undeclared key or a value of another type is a SchemaError naming the field: a stage
  that emits a new finding must declare it here first, so no part can drift.

Integers are int64 and decimals float64 (an integer where a decimal is declared is
widened, never the reverse). JSON lines carry no types, so each part's loader would guess
them from that part alone (a field null throughout a part guesses "null"); the schema
therefore travels with the corpus (`schema/*.parquet`, the README's dataset card) and
Parquet parts carry it themselves.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

import pyarrow as pa

JSON_TEXT = {"encoding": "json"}  # field metadata: the string holds a JSON value

_str, _int, _float, _bool = pa.string(), pa.int64(), pa.float64(), pa.bool_()


def _struct(*fields: tuple[str, pa.DataType] | pa.Field) -> pa.StructType:
    return pa.struct([f if isinstance(f, pa.Field) else pa.field(*f) for f in fields])


NAME_COUNT = _struct(("name", _str), ("value", _int))

SOURCE = _struct(
    ("path", _str), ("record", _int), ("sha256", _str), ("format", _str),
    ("url", _str), ("date", _str), ("id", _str),
)
LANG = _struct(("code", _str), ("score", _float))
SPIN_SPAN = _struct(("start", _int), ("end", _int), ("text", _str), ("likely", _str), ("score", _float))
SPIN = _struct(("score", _float), ("words", _int), ("flagged_words", _int), ("spans", pa.list_(SPIN_SPAN)))
SPAM_FLAG = _struct(("rule", _str), ("text", _str), ("start", _int), ("end", _int))
SPAM = _struct(
    ("score", _float), ("removed_chars", _int), ("rules", pa.list_(NAME_COUNT)),
    ("flags", pa.list_(SPAM_FLAG)),
)
QUALITY = _struct(
    ("words", _int), ("mean_word_length", _float), ("hash_word_ratio", _float),
    ("ellipsis_word_ratio", _float), ("alpha_word_fraction", _float),
    ("non_alpha_character_ratio", _float), ("stop_words", _int),
    ("duplicate_line_fraction", _float), ("duplicate_line_character_fraction", _float),
    ("duplicate_paragraph_fraction", _float), ("duplicate_paragraph_character_fraction", _float),
    *((f"top_{n}gram_character_fraction", _float) for n in (2, 3, 4)),
    *((f"duplicate_{n}gram_character_fraction", _float) for n in range(5, 11)),
    ("bullet_line_fraction", _float), ("ellipsis_lines", _int), ("ellipsis_line_fraction", _float),
    ("punctuated_line_fraction", _float), ("short_line_fraction", _float), ("lines_per_word", _float),
    ("lorem_ipsum_phrases", _int), ("placeholder_phrases", _int),
)
DEDUP = _struct(("cluster", _str), ("duplicates", pa.list_(_str)))
EDIT = _struct(
    ("stage", _str), ("rule", _str), ("start", _int), ("end", _int), ("removed", _str), ("inserted", _str),
)
LINK = _struct(("href", _str), ("text", _str))
PIPELINE = _struct(("version", _str), ("config_sha256", _str))
# The union of what every stage puts in a Drop's detail; keys shared by stages share a type.
DETAIL = _struct(
    ("message", _str),
    ("traceback", _str),  # stage_error, timeout (where it was interrupted)
    ("failed", pa.list_(_str)), ("measures", QUALITY),  # quality
    ("code", _str), ("score", _float), ("targets", pa.list_(_str)),  # language (score: spam, spin too)
    ("rules", pa.list_(NAME_COUNT)),  # spam
    ("spans", _int),  # spin: how many spans were found
    ("duplicate_of", _str), ("jaccard", _float), ("match", _str),  # dedup
    ("survivor_in_previous_corpus", _bool), ("via", _str),
)

DOCUMENT_SCHEMA = pa.schema([
    ("id", _str), ("text", _str), ("source", SOURCE), ("lang", LANG), ("spin", SPIN), ("spam", SPAM),
    ("quality", QUALITY), ("dedup", DEDUP), ("edits", pa.list_(EDIT)), ("title", _str),
    pa.field("metadata", _str, metadata=JSON_TEXT), ("links", pa.list_(LINK)), ("pipeline", PIPELINE),
])
REJECTED_SCHEMA = pa.schema([
    ("id", _str), ("source", SOURCE), ("stage", _str), ("reason", _str), ("detail", DETAIL), ("text", _str),
])
SCHEMAS = {"documents": DOCUMENT_SCHEMA, "rejected": REJECTED_SCHEMA}


class SchemaError(ValueError):
    """A record does not fit the declared schema; the message names the field."""

    def __init__(self, problem: str, path: tuple[str, ...] = ()) -> None:
        self.problem, self.path = problem, path
        where = "".join(step if step.startswith("[") else f".{step}" for step in path).lstrip(".")
        super().__init__(f"{where}: {problem}" if where else problem)

    def inside(self, step: str) -> SchemaError:
        return SchemaError(self.problem, (step, *self.path))


# Converters check one value and return it in schema form. The field path of an error is
# built on the way out of a failure, so the common case formats no strings.
Convert = Callable[[Any], Any]


def _mismatch(value: Any, declared: str) -> SchemaError:
    return SchemaError(f"{type(value).__name__} {value!r:.60} where {declared} is declared")


def _string(value: Any) -> Any:
    if value is None or type(value) is str:
        return value
    if isinstance(value, str):
        return str(value)
    raise _mismatch(value, "a string")


def _integer(value: Any) -> Any:
    if value is None or type(value) is int:
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return int(value)
    raise _mismatch(value, "an integer")


def _number(value: Any) -> Any:
    if value is None or type(value) is float:
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)  # an integer where a decimal is declared is widened
    raise _mismatch(value, "a number")


def _boolean(value: Any) -> Any:
    if value is None or type(value) is bool:
        return value
    raise _mismatch(value, "a boolean")


_SCALARS: dict[pa.DataType, Convert] = {_str: _string, _int: _integer, _float: _number, _bool: _boolean}


def _json_text(value: Any) -> str:
    try:
        return json.dumps({} if value is None else value, ensure_ascii=False, allow_nan=False,
                          separators=(",", ":"))
    except (TypeError, ValueError) as error:
        raise SchemaError(f"not JSON: {error}") from None


def converter(data_type: pa.DataType, field: pa.Field | None = None) -> Convert:
    """A function that checks a value against `data_type` and returns it in schema form."""
    if field is not None and field.metadata and field.metadata.get(b"encoding") == b"json":
        return _json_text
    if pa.types.is_struct(data_type):
        return _struct_converter(data_type)
    if pa.types.is_list(data_type):
        return _list_converter(data_type.value_type)
    if data_type in _SCALARS:
        return _SCALARS[data_type]
    raise TypeError(f"no projection for Arrow type {data_type}")


def _struct_converter(data_type: pa.StructType) -> Convert:
    fields = [(f.name, converter(f.type, f)) for f in data_type]
    names = frozenset(name for name, _ in fields)

    def convert(value: Any) -> dict[str, Any] | None:
        if value is None:
            return None
        if not isinstance(value, Mapping):
            raise SchemaError(f"{type(value).__name__} where an object is declared")
        if not names.issuperset(value):
            extra = next(key for key in value if key not in names)
            raise SchemaError("not declared in the output schema (pipeline/io/schema.py)", (str(extra),))
        result = {}
        for name, field in fields:
            try:
                result[name] = field(value.get(name))
            except SchemaError as error:
                raise error.inside(name) from None
        return result
    return convert


def _list_converter(item_type: pa.DataType) -> Convert:
    item = converter(item_type)
    open_map = item_type == NAME_COUNT

    def convert(value: Any) -> list[Any]:
        if value is None:
            return []
        if open_map and isinstance(value, Mapping):
            value = [{"name": key, "value": count} for key, count in value.items()]
        if not isinstance(value, (list, tuple)):
            raise SchemaError(f"{type(value).__name__} where a list is declared")
        try:
            return [item(element) for element in value]
        except SchemaError:
            for index, element in enumerate(value):  # find which one, for the message
                try:
                    item(element)
                except SchemaError as error:
                    raise error.inside(f"[{index}]") from None
            raise
    return convert


def _record_converter(schema: pa.Schema, objects: tuple[str, ...]) -> Callable[[Mapping[str, Any]], dict]:
    """The projection of one record; the objects named are never null, only their values."""
    convert = _struct_converter(pa.struct(list(schema)))
    empty = {name: converter(schema.field(name).type)({}) for name in objects}

    def project(record: Mapping[str, Any]) -> dict[str, Any]:
        result = convert(record)
        assert result is not None
        for name in objects:
            if result[name] is None:
                result[name] = dict(empty[name])
        return result
    return project


# Findings of a stage that did not run are still objects with every key (all null).
project_document = _record_converter(
    DOCUMENT_SCHEMA, ("source", "lang", "spin", "spam", "quality", "dedup", "pipeline"))
project_document.__doc__ = "A kept document (Document.to_record() plus `pipeline`) in the output schema."
project_rejection = _record_converter(REJECTED_SCHEMA, ("source", "detail"))
project_rejection.__doc__ = "A rejected record in the output schema."
