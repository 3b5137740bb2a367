"""Typed configuration: one dataclass per stage plus the run settings, loaded from TOML.

Defaults live in the dataclasses and nowhere else; `corpus-pipeline config` prints them
as a commented TOML file (the checked-in `pipeline.toml` is that output).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import tomllib
import types
import typing
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal

from pipeline.errors import ConfigError
from pipeline.stages import REGISTRY
from pipeline.stages.base import StageConfig

# Keys renamed, still read under their old name for one release (0.2 drops them), with a
# deprecation message naming the new key: table -> {old key: new key}.
RENAMED_KEYS: dict[str, dict[str, str]] = {
    "stages.quality": {"skip_rules": "disabled_rules"},
}

DEFAULT_STAGES = (
    "normalize",
    "template_lines",
    "boilerplate",
    "pii",
    "spam",
    "language",
    "quality",
    "spin",
    "dedup",
)


@dataclass(frozen=True)
class RunConfig(StageConfig):
    stages: list[str] = field(
        default_factory=lambda: [name for name in DEFAULT_STAGES if name in REGISTRY],
        metadata={"doc": "Stages to run, in order. Names from the registry (see README)."},
    )
    max_record_bytes: int = field(
        default=10_000_000,
        metadata={"doc": "A record larger than this is rejected as too_large before parsing: "
                         "a 50 MB line is never a page worth keeping and would stall a worker."},
    )
    shard_bytes: int = field(
        default=16_000_000,
        metadata={"doc": "Input bytes per unit of parallel work; large JSONL files are split "
                         "at line boundaries. Part of the output layout, so not tied to --workers."},
    )
    shard_files: int = field(
        default=500,
        metadata={"doc": "At most this many input files per shard, so many small files still "
                         "spread over the workers."},
    )
    max_inflated_bytes: int = field(
        default=20_000_000_000,
        metadata={"doc": "A compressed input (.gz, .zst, .warc.gz) is read up to this many inflated "
                         "bytes; the rest of it is rejected as too_large. A crawl's 1 GB WARC inflates "
                         "to about 5 GB; a bomb inflates without end. 0: no limit."},
    )
    max_inflation_ratio: float = field(
        default=100.0,
        metadata={"doc": "A compressed input that inflates more than this many times its compressed "
                         "size (judged once past 100 MB inflated) is a decompression bomb: the rest of "
                         "it is rejected as too_large. Web text compresses 3-10 times; gzip and zstd "
                         "bombs 1,000 times and more. 0: no limit."},
    )
    stage_timeout: float = field(
        default=60.0,
        metadata={"doc": "Seconds of CPU time one stage (reading included) may spend on one document; "
                         "a document over it is rejected as timeout, naming the stage, and the run goes "
                         "on. Pages take milliseconds, and the largest the quality stage keeps (100,000 "
                         "words) about 15 s in spin, so only pathological input reaches it. 0: no limit. "
                         "The one setting that makes output depend on the machine: a page just under the "
                         "limit on one may be over on a slower one."},
    )
    html_extractor: Literal["trafilatura", "builtin", "resiliparse", "plain"] = field(
        default="trafilatura",
        metadata={"doc": "How HTML pages (.html files, WARC responses) become text: trafilatura "
                         "(main-content extraction by the trafilatura library: the best on real pages it was "
                         "not tuned on, see BENCHMARKS.md), builtin (our own rules on beautifulsoup4), "
                         "resiliparse (needs pip install 'corpus-pipeline[resiliparse]'), or plain (every "
                         "visible block, no judgement). When the chosen one finds no text, the other "
                         "main-content extractors are tried, then plain; title and links are read the "
                         "same way for all."},
    )

    executor: Literal["local", "dask"] = field(
        default="local",
        metadata={"doc": "Where shards run: local (a pool of worker processes on this machine) or dask "
                         "(tasks on a Dask cluster: the scheduler at run.scheduler, or a LocalCluster of "
                         "--workers processes when it is empty; needs pip install "
                         "'corpus-pipeline[dask]'). The output is the same bytes either way. "
                         "--executor overrides it."},
    )
    scheduler: str = field(
        default="",
        metadata={"doc": "With executor dask: the scheduler's address (tcp://host:8786). Its workers "
                         "must see the input and output paths and run one thread each. --scheduler "
                         "overrides it."},
    )
    text_field: str = field(
        default="text",
        metadata={"doc": "The field of a JSON line (.jsonl, .json, compressed or not) that holds the "
                         "text; `content` for some crawls. A line without it is rejected as unreadable."},
    )
    id_field: str = field(
        default="id",
        metadata={"doc": "The field of a JSON line that holds the record's own id, kept as source.id "
                         "(the corpus id is always ours: unique and stable). Empty: inputs have none."},
    )
    output_format: Literal["jsonl", "parquet"] = field(
        default="jsonl",
        metadata={"doc": "Parts of documents/ and rejected/: gzipped JSON lines (part-NNNNN.jsonl.gz), "
                         "or Parquet compressed with zstd (part-NNNNN.parquet); the same Arrow schema."},
    )

    def validate(self) -> None:
        if not self.text_field:
            raise ConfigError("run.text_field: must not be empty")
        unknown = [name for name in self.stages if name not in REGISTRY]
        if unknown:
            raise ConfigError(
                f"run.stages: unknown stage {unknown[0]!r} (known: {', '.join(sorted(REGISTRY))})"
            )
        if len(set(self.stages)) != len(self.stages):
            raise ConfigError("run.stages: a stage is listed twice")
        if self.html_extractor == "resiliparse" and importlib.util.find_spec(
                self.html_extractor) is None:
            raise ConfigError(f"run.html_extractor: {self.html_extractor!r} needs the {self.html_extractor} "
                              f"package (pip install 'corpus-pipeline[{self.html_extractor}]'), or choose "
                              "'builtin'")
        if self.max_inflated_bytes < 0 or self.max_inflation_ratio < 0:
            raise ConfigError("run.max_inflated_bytes, run.max_inflation_ratio: must be 0 (no limit) or more")
        if self.stage_timeout < 0:
            raise ConfigError("run.stage_timeout: must be 0 (no limit) or more seconds")
        if self.executor == "dask" and importlib.util.find_spec("distributed") is None:
            raise ConfigError("run.executor: 'dask' needs the distributed package "
                              "(pip install 'corpus-pipeline[dask]'), or choose 'local'")
        if self.scheduler and self.executor != "dask":
            raise ConfigError("run.scheduler: only used with run.executor = 'dask'")
        for key in ("max_record_bytes", "shard_bytes", "shard_files"):
            if getattr(self, key) <= 0:
                raise ConfigError(f"run.{key}: must be positive")


@dataclass(frozen=True)
class Config:
    run: RunConfig
    stages: dict[str, StageConfig]
    # What the file asked for under a deprecated name, one message each, for the run's log;
    # not part of the configuration (nor of its digest).
    deprecations: tuple[str, ...] = field(default=(), compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {"run": asdict(self.run), "stages": {k: asdict(v) for k, v in sorted(self.stages.items())}}

    def digest(self) -> str:
        settings = _spelled_as_before(self.to_dict())
        # Where shards run does not change what comes out, so it must not change the digest
        # stamped on every record (nor make a corpus refuse to grow on another executor).
        for key in ("executor", "scheduler"):
            settings["run"].pop(key, None)
        canonical = json.dumps(settings, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode()).hexdigest()


def _spelled_as_before(settings: dict[str, Any]) -> dict[str, Any]:
    """The settings with renamed keys under their old names. The digest is stamped on every
    record and compared by incremental runs, so a rename alone must not change it: corpora
    built before it keep growing, and their records keep their bytes."""
    for table, renames in RENAMED_KEYS.items():
        section, _, stage = table.partition(".")
        values = settings[section][stage] if stage else settings[section]
        for old, new in renames.items():
            if new in values:
                values[old] = values.pop(new)
    return settings


def default_config() -> Config:
    return Config(run=RunConfig(), stages={name: cls.Config() for name, cls in sorted(REGISTRY.items())})


def load_config(path: Path | None) -> Config:
    """Read a TOML file over the defaults; every key is checked, the first bad one is named."""
    if path is None:
        data: dict[str, Any] = {}
    else:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"config file not found: {path}") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise ConfigError(f"config file {path} is not valid TOML: {error}") from None
    return config_from_dict(data)


def config_from_dict(data: dict[str, Any]) -> Config:
    unknown = sorted(set(data) - {"run", "stages"})
    if unknown:
        raise ConfigError(f"unknown section {unknown[0]!r} (known: run, stages)")
    deprecations: list[str] = []
    run = _build(RunConfig, data.get("run", {}), "run", deprecations)
    stage_tables = data.get("stages", {})
    if not isinstance(stage_tables, dict):
        raise ConfigError("stages: must be a table of stage tables")
    for name in stage_tables:
        if name not in REGISTRY:
            raise ConfigError(f"stages.{name}: unknown stage (known: {', '.join(sorted(REGISTRY))})")
    stages = {
        name: _build(cls.Config, stage_tables.get(name, {}), f"stages.{name}", deprecations)
        for name, cls in sorted(REGISTRY.items())
    }
    return Config(run=run, stages=stages, deprecations=tuple(deprecations))


def _build(cls: type[StageConfig], table: Any, prefix: str, deprecations: list[str]) -> Any:
    if not isinstance(table, dict):
        raise ConfigError(f"{prefix}: must be a table")
    table = _renamed(table, prefix, deprecations)
    hints = typing.get_type_hints(cls)
    known = {f.name for f in fields(cls)}
    for key in table:
        if key not in known:
            raise ConfigError(f"{prefix}.{key}: unknown key (known: {', '.join(sorted(known))})")
    values = {key: _check(hints[key], value, f"{prefix}.{key}") for key, value in table.items()}
    try:
        config = replace(cls(), **values)
        config.validate()
    except ConfigError as error:
        message = str(error)
        raise ConfigError(message if message.startswith(prefix) else f"{prefix}.{message}") from None
    return config


def _renamed(table: dict[str, Any], prefix: str, deprecations: list[str]) -> dict[str, Any]:
    """The table with deprecated keys under their new names; giving both is an error."""
    for old, new in RENAMED_KEYS.get(prefix, {}).items():
        if old not in table:
            continue
        if new in table:
            raise ConfigError(f"{prefix}.{old}: renamed to {new}, and both are given; keep only {new}")
        table = {(new if key == old else key): value for key, value in table.items()}
        deprecations.append(f"{prefix}.{old} is deprecated and will be removed in the next release; "
                            f"use {prefix}.{new}")
    return table


def _check(expected: Any, value: Any, key: str) -> Any:
    """Check a TOML value against a field's annotation; lists are converted from TOML arrays."""
    origin = typing.get_origin(expected)
    args = typing.get_args(expected)
    if origin is Literal:
        if value not in args:
            raise ConfigError(f"{key}: must be one of {', '.join(map(repr, args))}, not {value!r}")
        return value
    if origin in (typing.Union, types.UnionType):
        for option in args:
            if option is type(None) and value is None:
                return None
            try:
                return _check(option, value, key)
            except ConfigError:
                continue
        raise ConfigError(f"{key}: {value!r} is not a valid {expected}")
    if origin in (list, tuple):
        if not isinstance(value, list):
            raise ConfigError(f"{key}: must be a list, not {type(value).__name__}")
        item_type = args[0] if args else Any
        return [_check(item_type, item, f"{key}[{i}]") for i, item in enumerate(value)]
    if origin is dict:
        if not isinstance(value, dict):
            raise ConfigError(f"{key}: must be a table, not {type(value).__name__}")
        value_type = args[1] if len(args) == 2 else Any
        return {str(k): _check(value_type, v, f"{key}.{k}") for k, v in value.items()}
    if expected is Any:
        return value
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if expected is int and isinstance(value, bool):
        raise ConfigError(f"{key}: must be an integer, not a boolean")
    if not isinstance(value, expected):
        raise ConfigError(f"{key}: must be {expected.__name__}, not {type(value).__name__} ({value!r})")
    return value


def defaults_toml() -> str:
    """The default configuration as a commented TOML file: the one documented place for defaults."""
    lines = [
        "# Configuration of the corpus pipeline, with every default.",
        "# Generated by `corpus-pipeline config`; copy it and change what you need.",
        "# Unknown keys are rejected, naming the key.",
        "",
        "[run]",
    ]
    lines += _table_lines(RunConfig())
    for name, cls in sorted(REGISTRY.items()):
        settings = cls.Config()
        if not fields(settings):
            continue
        lines += ["", f"# {cls.__name__}: {(cls.__doc__ or '').strip().splitlines()[0]}", f"[stages.{name}]"]
        lines += _table_lines(settings)
    return "\n".join(lines) + "\n"


def _table_lines(settings: StageConfig) -> list[str]:
    lines = []
    for f in fields(settings):
        doc = f.metadata.get("doc", "")
        for doc_line in _wrap(doc):
            lines.append(f"# {doc_line}")
        lines.append(f"{f.name} = {_toml_value(getattr(settings, f.name))}")
    return lines


def _wrap(text: str, width: int = 86) -> list[str]:
    words, lines, current = text.split(), [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    if current:
        lines.append(current)
    return lines


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(str(k))} = {_toml_value(v)}" for k, v in value.items()) + "}"
    if value is None:
        raise ConfigError("None cannot be written to TOML; give the field a real default")
    raise TypeError(f"cannot write {type(value).__name__} to TOML")

