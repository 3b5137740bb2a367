"""The output README's front matter: a dataset card, so that
`datasets.load_dataset("clean", "documents")` finds the parts and their features
without guessing types part by part (see pipeline/io/schema.py)."""

from __future__ import annotations

import json
from typing import Any

import pyarrow as pa

from pipeline.io.schema import SCHEMAS
from pipeline.io.writers import PART_SUFFIXES

_DTYPES = {pa.string(): "string", pa.int64(): "int64", pa.float64(): "float64", pa.bool_(): "bool"}


def features(schema: pa.Schema | pa.StructType) -> list[dict[str, Any]]:
    """The schema as the `features` list of a Hugging Face dataset card."""
    return [_feature(field) for field in schema]


def _feature(field: pa.Field) -> dict[str, Any]:
    return {"name": field.name, **_type(field.type)}


def _type(data_type: pa.DataType) -> dict[str, Any]:
    if pa.types.is_struct(data_type):
        return {"struct": features(data_type)}
    if pa.types.is_list(data_type):
        item = _type(data_type.value_type)
        return {"list": item.get("dtype", item.get("struct"))}
    return {"dtype": _DTYPES[data_type]}


def front_matter(output_format: str) -> str:
    suffix = PART_SUFFIXES[output_format]
    configs: list[dict[str, Any]] = [
        {"config_name": name, "data_files": f"{name}/*{suffix}"} for name in SCHEMAS
    ]
    configs[0]["default"] = True  # documents
    card = {
        "configs": configs,
        "dataset_info": [{"config_name": name, "features": features(s)} for name, s in SCHEMAS.items()],
    }
    return "---\n" + "\n".join(_yaml(card, 0)) + "\n---\n"


def _yaml(value: Any, indent: int) -> list[str]:
    """Block YAML of nested dicts, lists and scalars (all this card holds)."""
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, (dict, list)):
                lines.append(f"{pad}{key}:")
                lines += _yaml(item, indent + 2 if isinstance(item, dict) else indent)
            else:
                lines.append(f"{pad}{key}: {_scalar(item)}")
    else:
        for item in value:
            inner = _yaml(item, indent + 2) if isinstance(item, (dict, list)) else [f"{pad}  {_scalar(item)}"]
            lines.append(f"{pad}- {inner[0].lstrip()}")
            lines += inner[1:]
    return lines


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    plain = text.replace("_", "").replace("/", "").replace("*", "").replace(".", "").replace("-", "")
    return text if plain.isalnum() and not text.startswith("*") else json.dumps(text)
