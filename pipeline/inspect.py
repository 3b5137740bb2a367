"""`corpus-pipeline inspect`: everything the corpus knows about one record, by id or by
input path and record number: where it came from, every edit with the removed text, its
scores and spans, and its duplicates or the survivor it was removed for.

It reads the corpus as any user would (the parts, the manifest): a lookup by id scans the
parts, reading only the lines that mention the id; a lookup by path scans only the parts
the manifest says hold that input.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pipeline.document import document_id
from pipeline.io.output import PART_FOLDERS, is_corpus

EXIT_FOUND, EXIT_NOT_FOUND, EXIT_USAGE = 0, 1, 2
KINDS = {"documents": "kept", "rejected": "rejected"}


class NotACorpus(Exception):
    pass


def inspect_command(args: argparse.Namespace) -> int:
    if (args.id is None) == (args.path is None):
        print("error: give a record id, or --path (and --record) instead", file=sys.stderr)
        return EXIT_USAGE
    try:
        found = explain(args.output, args.id, args.path, args.record)
    except NotACorpus as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    if found is None:
        wanted = args.id or f"{args.path} record {args.record}"
        print(f"no record {wanted} in {args.output}", file=sys.stderr)
        return EXIT_NOT_FOUND
    print(json.dumps(found, indent=2, ensure_ascii=False) if args.json else as_text(found))
    return EXIT_FOUND


def explain(
    corpus: Path, doc_id: str | None, path: str | None = None, record: int = 0
) -> dict[str, Any] | None:
    """The record with its provenance and its duplicates, or None if the corpus has no such record."""
    if not corpus.is_dir() or not is_corpus(corpus):
        raise NotACorpus(f"{corpus} is not a corpus written by corpus-pipeline")
    manifest = _manifest(corpus)
    if doc_id is not None:
        ids, parts = {doc_id}, None
    else:
        if path is None:
            raise ValueError("explain: give a doc_id or a path")
        versions = [entry for entry in manifest.get("inputs", []) if entry["path"] == path]
        ids = {document_id(path, entry["sha256"], record) for entry in versions}
        parts = {number for entry in versions for number in entry.get("parts", [])} or None
    target = next(((kind, part, found) for kind, part, found in _scan(corpus, ids, parts)
                   if found["id"] in ids), None)
    if target is None:
        return None
    kind, part, found = target
    result: dict[str, Any] = {"outcome": KINDS[kind], "part": part, "record": found,
                              "input": _input_entry(manifest, found["source"])}
    if kind == "documents":
        result["duplicates"] = _duplicates(corpus, found)
    elif found["detail"].get("duplicate_of"):
        result["survivor"] = _survivor(corpus, found["detail"])
    return result


def _manifest(corpus: Path) -> dict[str, Any]:
    try:
        return json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _input_entry(manifest: dict[str, Any], source: dict[str, Any]) -> dict[str, Any] | None:
    return next((entry for entry in manifest.get("inputs", [])
                 if entry["path"] == source["path"] and entry["sha256"] == source["sha256"]), None)


def _scan(corpus: Path, needles: set[str], parts: set[int] | None = None,
          kinds: tuple[str, ...] = PART_FOLDERS) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(kind, part, record) for every record whose line mentions one of `needles`."""
    quoted = [f'"{needle}"'.encode() if not needle.startswith('"') else needle.encode() for needle in needles]
    for kind in kinds:
        for path in sorted((corpus / kind).glob("part-*")):
            if parts is not None and int(path.name[5:10]) not in parts:
                continue
            name = f"{kind}/{path.name}"
            if path.name.endswith(".parquet"):
                yield from ((kind, name, row) for row in _parquet_rows(path) if _mentions(row, needles))
                continue
            with gzip.open(path, "rb") as stream:
                for line in stream:
                    if any(needle in line for needle in quoted):
                        yield kind, name, json.loads(line)


def _parquet_rows(path: Path) -> Iterator[dict[str, Any]]:
    import pyarrow.parquet as pq

    for batch in pq.ParquetFile(path).iter_batches(batch_size=2000):
        yield from batch.to_pylist()


def _mentions(row: dict[str, Any], needles: set[str]) -> bool:
    detail = row.get("detail") or {}
    values = {row.get("id"), detail.get("duplicate_of"), detail.get("via")}
    values.update((row.get("dedup") or {}).get("duplicates") or [])
    plain = {needle.split('":"')[-1].strip('"') for needle in needles}
    return bool(values & plain)


def _duplicates(corpus: Path, kept: dict[str, Any]) -> list[dict[str, Any]]:
    """Copies removed for this document: those its record lists, and those later runs removed."""
    doc_id = kept["id"]
    needles = set(kept["dedup"]["duplicates"]) | {f'"duplicate_of":"{doc_id}"'}
    copies = {}
    for _, part, found in _scan(corpus, needles, kinds=("rejected",)):
        if found["id"] in needles or found["detail"].get("duplicate_of") == doc_id:
            copies[found["id"]] = _brief(found, part)
    return [copies[key] for key in sorted(copies)]


def _survivor(corpus: Path, detail: dict[str, Any]) -> dict[str, Any]:
    wanted = {detail["duplicate_of"]} | ({detail["via"]} if detail.get("via") else set())
    found = {record["id"]: _brief(record, part) for _, part, record in _scan(corpus, wanted)
             if record["id"] in wanted}
    return {"id": detail["duplicate_of"], "match": detail.get("match"), "jaccard": detail.get("jaccard"),
            "kept_by_an_earlier_run": detail.get("survivor_in_previous_corpus"),
            "record": found.get(detail["duplicate_of"]), "via": found.get(detail.get("via") or "")}


def _brief(record: dict[str, Any], part: str) -> dict[str, Any]:
    source = record["source"]
    brief = {"id": record["id"], "part": part, "path": source["path"], "record": source["record"],
             "url": source.get("url")}
    if "reason" in record:
        detail = record["detail"]
        brief |= {"reason": record["reason"], "match": detail.get("match"), "jaccard": detail.get("jaccard")}
    return brief


def as_text(found: dict[str, Any]) -> str:
    record = found["record"]
    source = record["source"]
    lines = [f"{record['id']}  {found['outcome'].upper()}  ({found['part']})",
             f"source    {source['path']} record {source['record']} ({source['format']}), "
             f"sha256 {source['sha256'][:16]}...",
             f"          url {source.get('url') or '-'}, date {source.get('date') or '-'}, "
             f"own id {source.get('id') or '-'}"]
    if found["input"]:
        entry = found["input"]
        lines.append(f"input     {entry['bytes']:,} bytes, added by run {entry.get('run', 1)}; "
                     f"{entry['records']} records: {entry['kept']} kept, {entry['rejected']} rejected")
    if found["outcome"] == "rejected":
        lines += _rejected_lines(found)
    else:
        lines += _kept_lines(found)
    return "\n".join(lines)


def _rejected_lines(found: dict[str, Any]) -> list[str]:
    record = found["record"]
    detail = record["detail"]
    lines = [f"rejected  by {record['stage']}: {record['reason']} - {detail.get('message') or ''}"]
    if detail.get("failed"):
        lines.append(f"failed    {', '.join(detail['failed'])}")
    if detail.get("score") is not None:
        lines.append(f"score     {detail['score']}")
    survivor = found.get("survivor")
    if survivor:
        where = survivor["record"]
        place = f"{where['path']} record {where['record']} ({where['part']})" if where else "not found"
        earlier = " kept by an earlier run" if survivor["kept_by_an_earlier_run"] else ""
        lines.append(f"survivor  {survivor['id']}{earlier}: {place}; {survivor['match']} match, "
                     f"jaccard {survivor['jaccard']}")
        if survivor["via"]:
            lines.append(f"via       {survivor['via']['id']} ({survivor['via']['path']})")
    text = record.get("text")
    lines.append(f"text      {len(text):,} characters as it reached {record['stage']}" if text is not None
                 else "text      none (could not be decoded, or too large)")
    return lines


def _kept_lines(found: dict[str, Any]) -> list[str]:
    record = found["record"]
    spin, spam, lang = record["spin"], record["spam"], record["lang"]
    removed = sum(len(edit["removed"]) - len(edit["inserted"] or "") for edit in record["edits"])
    lines = [f"text      {len(record['text']):,} characters; {len(record['edits'])} edits took out "
             f"{removed:,}",
             f"lang      {lang['code']} {lang['score']}",
             f"spin      {spin['score']} ({spin.get('words')} words, {spin.get('flagged_words')} flagged)",
             f"spam      {spam['score']}; removed {spam.get('removed_chars')} characters; rules "
             + (", ".join(f"{rule['name']} {rule['value']}" for rule in spam.get("rules") or []) or "-")]
    quality = {key: value for key, value in (record.get("quality") or {}).items() if value is not None}
    if quality:
        lines.append("quality   " + ", ".join(f"{key} {value}" for key, value in quality.items()))
    lines += [f"  spun    {span['start']}-{span['end']} {span['text']!r}"
              + (f" (likely {span['likely']!r})" if span.get("likely") else "") + f" {span['score']}"
              for span in spin.get("spans") or []]
    lines += [f"  flag    {flag['rule']} {flag['start']}-{flag['end']} {flag['text']!r}"
              for flag in spam.get("flags") or []]
    lines.append("edits     in the order applied (offsets into the text at that step)" if record["edits"]
                 else "edits     none")
    for number, edit in enumerate(record["edits"], 1):
        inserted = f" -> {edit['inserted']!r}" if edit["inserted"] else ""
        lines.append(f"  {number:>3}. {edit['stage']}/{edit['rule']} at {edit['start']}-{edit['end']}: "
                     f"removed {edit['removed']!r}{inserted}")
    duplicates = found["duplicates"]
    lines.append(f"cluster   {record['dedup']['cluster']}; {len(duplicates)} copies removed for this "
                 "document")
    lines += [f"  copy    {copy['id']} {copy['path']} record {copy['record']}: {copy['reason']} "
              f"({copy['match']}, jaccard {copy['jaccard']})" for copy in duplicates]
    return lines
