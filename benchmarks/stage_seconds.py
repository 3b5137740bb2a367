"""One process's measurement for bench_stages: a generated corpus through the default stages
in this process, in the runner's order (a corpus stage scans what reached it, then processes),
with the CPU seconds of each stage's `process`, of each corpus stage's scan and of building
each stage (its tables), and a digest of every outcome.

    python benchmarks/stage_seconds.py CORPUS_DIR   # run with the tree to measure first on sys.path

It is run as a file, not a module, so that the tree measured (this one or a baseline's
checkout, put first on PYTHONPATH) provides `pipeline`; it only uses interfaces that the
baseline has too. Prints one JSON object.
"""

from __future__ import annotations

import hashlib
import json
import resource
import sys
import tempfile
import time
from pathlib import Path


def read_documents(root: Path) -> list:
    from pipeline.document import Document, document_id
    from pipeline.io.inputs import plan
    from pipeline.io.readers import read_item

    _inputs, shards = plan(root, 1 << 40, 1 << 20)
    docs = []
    for shard in shards:
        for item in shard.items:
            for raw in read_item(root, item, 1 << 30):
                if raw.drop is not None or not (raw.text or "").strip():
                    continue
                doc_id = document_id(raw.source.path, raw.source.sha256, raw.source.record)
                docs.append(Document(id=doc_id, text=raw.text, source=raw.source, metadata=raw.metadata,
                                     links=raw.links, title=raw.title))
    return docs


def outcome_digest(doc_or_drop) -> bytes:
    from pipeline.document import Document

    if isinstance(doc_or_drop, Document):
        record = doc_or_drop.to_record()
    else:
        record = {"reason": doc_or_drop.reason.value, "detail": doc_or_drop.detail}
    return json.dumps(record, sort_keys=True, ensure_ascii=False, default=str).encode()


def main(corpus: Path) -> dict:
    from pipeline.config import default_config
    from pipeline.document import Document
    from pipeline.stages import REGISTRY
    from pipeline.stages.base import CorpusStage

    config = default_config()
    docs = read_documents(corpus)
    count = len(docs)
    seconds: dict[str, float] = {}
    digest = hashlib.sha256()
    with tempfile.TemporaryDirectory() as index:
        for name in config.run.stages:
            started = time.process_time()
            stage = REGISTRY[name](config.stages[name])
            seconds[f"{name} (build)"] = time.process_time() - started
            if isinstance(stage, CorpusStage):
                started = time.process_time()
                (Path(index) / name).mkdir()
                stage.begin_scan(None, Path(index) / name)
                stage.scan(iter(docs))
                stage.finish_scan()
                seconds[f"{name} (scan)"] = time.process_time() - started
            kept = []
            spent = 0.0
            for doc in docs:
                started = time.process_time()
                result = stage.process(doc)
                spent += time.process_time() - started
                if isinstance(result, Document) and result.text.strip():
                    kept.append(result)
                else:
                    digest.update(name.encode() + b"\0" + outcome_digest(result) + b"\n")
            seconds[name] = spent
            docs = kept
    for doc in docs:
        digest.update(outcome_digest(doc) + b"\n")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"documents": count, "kept": len(docs), "seconds": seconds, "digest": digest.hexdigest(),
            "peak_mb": peak_mb}


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]))))
