"""report.html: the corpus's story on one self-contained page (styles and charts inline, no
script, and a content security policy that forbids any network request).

Everything but the last section is a function of the corpus alone, so it is byte-identical
across runs and worker counts; the last section (`<section id="time">`) holds wall times,
dates and how the run was executed, which no two runs share.
"""

from __future__ import annotations

import html
from collections import Counter
from pathlib import Path
from typing import Any

from pipeline.report import plots
from pipeline.report.facts import HISTOGRAMS, ReportFacts
from pipeline.report.spans import input_html, output_html, palette_css, pieces_of

TOP_ROWS = 40
TOP_PER_RULE = 8
STYLE = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 0; color: #222; background: #fafafa; }
header, section { max-width: 1200px; margin: 0 auto; padding: 0.5em 1.5em; }
header { background: #fff; border-bottom: 1px solid #ddd; }
section { border-bottom: 1px solid #e4e4e4; }
h1 { font-size: 1.6em; margin: 0.4em 0; } h2 { font-size: 1.25em; } h3 { font-size: 1em; }
table { border-collapse: collapse; margin: 0.5em 0; font-size: 13px; }
th, td { border: 1px solid #ddd; padding: 2px 8px; text-align: left; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
img { max-width: 100%; display: block; margin: 0.5em 0; }
.figures { display: flex; gap: 2em; flex-wrap: wrap; } .figures div { flex: 1; }
.side { display: grid; grid-template-columns: 1fr 1fr; gap: 1em; }
.text { white-space: pre-wrap; font: 12px/1.4 ui-monospace, monospace; background: #fff;
        border: 1px solid #ddd; padding: 0.5em; max-height: 28em; overflow: auto; }
del { text-decoration: line-through; } ins { text-decoration: none; }
mark.spin { background: #ffd84d; outline: 1px dashed #a07800; }
.likely { font-size: 0.85em; color: #555; background: #eef; border-radius: 3px; padding: 0 3px;
          margin-left: 2px; } .likely::before { content: "\\2190 "; }
.legend span { padding: 0 6px; margin-right: 6px; border-radius: 3px; font-size: 12px; }
.muted { color: #666; }
"""


def write_report(path: Path, manifest: dict[str, Any], facts: ReportFacts) -> None:
    path.write_text(render(manifest, facts), encoding="utf-8")


def failed_report(error: str) -> str:
    """The page written when the report could not be drawn: the corpus is fine, say why."""
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Corpus report</title>"
            f"</head><body><h1>Corpus report</h1><p>The report could not be drawn ({html.escape(error)}); "
            "the corpus itself is complete, and manifest.json has its figures.</p></body></html>\n")


def render(manifest: dict[str, Any], facts: ReportFacts) -> str:
    totals = manifest["totals"]
    sections = [
        _outcomes(manifest, facts), _edits(manifest, facts), _languages(facts), _scores(facts),
        _duplicates(manifest, facts),
        _top_lines("boilerplate", "Most removed boilerplate lines", facts.boilerplate_lines,
                   "Lines removed from kept documents by rule, digits shown as #."),
        _top_lines("spam", "Most removed spam anchors and links", facts.spam_anchors,
                   "Lines removed from kept documents by the spam stage, by rule."),
        _samples(facts), _runs(manifest), _time(manifest),
    ]
    header = (f"<header><h1>Corpus report</h1><p>{totals['records']:,} records from {totals['inputs']:,} "
              f"input files: <b>{totals['kept']:,} kept</b>, {totals['rejected']:,} rejected "
              f"({_share(totals['rejected'], totals['records'])}). Pipeline "
              f"{html.escape(manifest['pipeline']['version'])}, configuration "
              f"<code>{manifest['pipeline']['config_sha256'][:12]}</code>.</p></header>")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "img-src data:; style-src 'unsafe-inline'\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>Corpus report</title><style>{STYLE}{palette_css()}</style></head>\n<body>\n"
            + header + "\n<main>\n" + "\n".join(sections) + "\n</main>\n</body></html>\n")


def _section(name: str, title: str, body: str) -> str:
    return f'<section id="{name}"><h2>{html.escape(title)}</h2>\n{body}\n</section>'


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "0%"


def _table(headers: list[str], rows: list[list[Any]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f'<td class="n">{cell:,}</td>' if isinstance(cell, (int, float)) and
                         not isinstance(cell, bool) else f"<td>{html.escape(str(cell))}</td>" for cell in row)
        + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def _image(uri: str, alt: str) -> str:
    return f'<img src="{uri}" alt="{html.escape(alt)}">'


def _outcomes(manifest: dict[str, Any], facts: ReportFacts) -> str:
    rows = [[name, stage["entered"], stage["kept"], sum(stage["dropped"].values()),
             ", ".join(f"{reason} {count:,}" for reason, count in stage["dropped"].items()) or "-"]
            for name, stage in manifest["stages"].items()]
    table = _table(["stage", "in", "kept", "rejected", "rejected by reason"], rows)
    rejected = sorted(facts.rejected.items(), key=lambda item: (-item[1], item[0]))
    labels = ["kept"] + [f"{stage}: {reason}" for (stage, reason), _ in rejected]
    values = [manifest["totals"]["kept"]] + [count for _, count in rejected]
    chart = _image(plots.horizontal_bars(labels, values, "records"),
                   "records kept and rejected by stage and reason")
    return _section("outcomes", "Records in, kept and rejected", table + chart)


def _edits(manifest: dict[str, Any], facts: ReportFacts) -> str:
    edits = {(stage, rule): count for stage, entry in manifest["stages"].items()
             for rule, count in entry["edits"].items()}
    keys = sorted(set(edits) | set(facts.removed_chars), key=lambda key: (-facts.removed_chars[key], key))
    if not keys:
        return _section("edits", "Characters removed by stage and rule", "<p>No edits were made.</p>")
    rows = [[stage, rule, edits.get((stage, rule), 0), facts.edited_documents[(stage, rule)],
             facts.removed_chars[(stage, rule)]] for stage, rule in keys]
    note = ("<p class=\"muted\">Edits: every edit made, in kept and later rejected documents. "
            "Documents and characters: in the kept documents.</p>")
    table = _table(["stage", "rule", "edits", "kept documents edited", "characters removed"], rows)
    chart = _image(plots.horizontal_bars([f"{s}/{r}" for s, r in keys],
                                         [facts.removed_chars[k] for k in keys],
                                         "characters removed from kept documents"),
                   "characters removed by rule")
    return _section("edits", "Characters removed by stage and rule", note + table + chart)


def _languages(facts: ReportFacts) -> str:
    totals: Counter[str] = Counter()
    for (code, _), count in facts.languages.items():
        totals[code] += count
    codes = sorted(totals, key=lambda code: (-totals[code], code))
    if not codes:
        return _section("languages", "Languages", "<p>No language was identified.</p>")
    kept = [facts.languages[(code, "kept")] for code in codes]
    rejected = [facts.languages[(code, "rejected")] for code in codes]
    table = _table(["language", "kept", "rejected as not a target language"],
                   [[code, k, r] for code, k, r in zip(codes, kept, rejected, strict=True)])
    chart = _image(plots.stacked_bars(codes, kept, rejected, "documents"), "documents by language")
    body = f'<div class="figures"><div>{table}</div><div>{chart}</div></div>'
    return _section("languages", "Languages", body)


def _scores(facts: ReportFacts) -> str:
    panels = []
    for name, (low, high, bins, scale) in HISTOGRAMS.items():
        kept = [facts.histograms[(name, "kept", index)] for index in range(bins)]
        rejected = [facts.histograms[(name, "rejected", index)] for index in range(bins)]
        if not any(kept) and not any(rejected):
            continue
        edges = [low + (high - low) * index / bins for index in range(bins + 1)]
        label = name.split(".", 1)[1].replace("_", " ")
        panels.append((name, edges, kept, rejected, f"log10 {label}" if scale == "log10" else label))
    if not panels:
        return _section("scores", "Spin, spam and quality scores", "<p>No scores were recorded.</p>")
    chart = plots.histograms(panels)
    note = ("<p class=\"muted\">Every document as it left the pipeline, kept (blue) or rejected (orange); "
            "a rejected document is counted with the scores it had when it was rejected.</p>")
    return _section("scores", "Spin, spam and quality scores", note + _image(chart, "score histograms"))


def _duplicates(manifest: dict[str, Any], facts: ReportFacts) -> str:
    sizes = sorted(facts.cluster_sizes.items())
    clustered = [(size, count) for size, count in sizes if size > 1]
    removed = sum((size - 1) * count for size, count in sizes)
    body = (f"<p>{sum(count for _, count in clustered):,} kept documents have copies; {removed:,} copies "
            f"were removed with them, and {facts.copies_of_earlier:,} copies of documents kept by earlier "
            "runs.</p>")
    scan = manifest["stages"].get("dedup", {}).get("scan")
    if scan:
        figures = ", ".join(f"{key} {value}" for key, value in sorted(scan.items()))
        body += f"<p class=\"muted\">Last run's scan: {html.escape(figures)}</p>"
    if sizes:
        body += _image(plots.columns_chart([str(size) for size, _ in sizes], [count for _, count in sizes],
                                           "cluster size (survivor and its removed copies)", "clusters"),
                       "duplicate cluster sizes")
    return _section("duplicates", "Duplicate clusters", body)


def _top_lines(name: str, title: str, table: Counter, note: str) -> str:
    """The most frequent removed lines, at most TOP_PER_RULE of each rule so that one
    prolific rule (a link farm's URLs) does not hide the others."""
    per_rule: Counter = Counter()
    top: list[tuple[tuple[str, str], int]] = []
    for (rule, text), count in sorted(table.items(), key=lambda item: (-item[1], item[0])):
        if per_rule[rule] < TOP_PER_RULE and len(top) < TOP_ROWS:
            per_rule[rule] += 1
            top.append(((rule, text), count))
    if not top:
        return _section(name, title, "<p>Nothing was removed.</p>")
    note = f"<p class=\"muted\">{note}</p>"
    return _section(name, title, note + _table(["times", "rule", "text"],
                                               [[count, rule, text] for (rule, text), count in top]))


def _samples(facts: ReportFacts) -> str:
    blocks = []
    for kind in sorted(facts.samples, key=lambda kind: (kind.startswith("rejected"), kind)):
        for sample in facts.samples[kind]:
            blocks.append(_sample(sample))
    intro = ("<p class=\"muted\">A sample chosen by id (so the same in every run): up to three kept "
             "documents of each kind and one of each rejection reason. Left, the input with each removed "
             "span struck through in its rule's colour (hover for the rule); right, the output with "
             "spun spans marked and their likely original beside them.</p>")
    return _section("samples", "Sample documents, input and output", intro + "\n".join(blocks))


def _sample(sample: dict[str, Any]) -> str:
    source = sample["source"]
    where = f"{source['path']} record {source['record']}"
    where += f" ({source['url']})" if source.get("url") else ""
    facts = [f"id <code>{sample['id']}</code>", html.escape(where)]
    facts += [f"{key} {sample[key]:.2f}" if isinstance(sample[key], float) else f"{key} {sample[key]}"
              for key in ("lang", "spin", "spam") if sample.get(key) is not None]
    if sample["outcome"] == "rejected":
        facts.append(f"<b>rejected by {html.escape(sample['stage'])}</b>: {html.escape(sample['message'])}")
    text = sample["text"]
    if text is None:
        return f"<h3>{html.escape(sample['kind'])}</h3><p>{' · '.join(facts)}</p><p>No text (undecoded).</p>"
    try:
        pieces = pieces_of(text, sample["edits"])
    except ValueError:
        pieces = pieces_of(text, [])
    labels = sorted({label for p in pieces if (label := p.removed_by or p.inserted_by)})
    colours = {label: index for index, label in enumerate(labels)}
    legend = "".join(f'<span class="c{colours[label] % 8}">{html.escape(label)}</span>' for label in labels)
    after = "output" if sample["outcome"] == "kept" else f"as it reached {html.escape(sample['stage'])}"
    return (f"<h3>{html.escape(sample['kind'])}</h3><p>{' · '.join(facts)}</p>"
            f'<p class="legend">{legend or "no edits"}</p><div class="side">'
            f'<div><b>input</b><div class="text">{input_html(pieces, colours)}</div></div>'
            f'<div><b>{after}</b><div class="text">{output_html(pieces, sample["spin_spans"], colours)}'
            "</div></div></div>")


def _runs(manifest: dict[str, Any]) -> str:
    run = manifest.get("run", {})
    new = run.get("new_inputs", [])
    shown = "".join(f"<li>{html.escape(path)}</li>" for path in new[:50])
    more = f"<li>and {len(new) - 50:,} more (manifest.json)</li>" if len(new) > 50 else ""
    runs = len(manifest.get("runs", [])) or 1
    body = (f"<p>This corpus was built by {runs} run{'s' if runs > 1 else ''}. The last run (number "
            f"{run.get('number', 1)}) cleaned {len(new):,} new input files and skipped "
            f"{run.get('skipped_inputs', 0):,} already in the corpus.</p><ul>{shown}{more}</ul>")
    return _section("last-run", "What the last run added", body)


def _time(manifest: dict[str, Any]) -> str:
    """Wall times and dates: the one part of the page that differs from run to run."""
    stages = manifest.get("run", manifest)["stages"]
    names = [name for name in stages if name != "read"]
    chart = _image(plots.horizontal_bars(names, [stages[name]["seconds"] for name in names],
                                         "seconds (summed over workers), last run", colour="#009e73"),
                   "time by stage")
    timings = manifest["timings"]
    runs = [[entry.get("number", ""), entry.get("started") or "", entry.get("new_inputs", ""),
             entry.get("records", ""), entry.get("kept", ""), entry.get("seconds") or "",
             entry.get("resumed_shards", "")] for entry in manifest.get("runs", [])]
    body = (f"<p>Last run: started {html.escape(str(timings.get('started')))}, "
            f"{timings.get('total_seconds', 0):,.1f} s wall, {timings.get('records_per_second', 0):,.1f} "
            f"records/s, {manifest.get('environment', {}).get('workers', '?')} workers.</p>" + chart
            + _table(["run", "started", "new inputs", "records", "kept", "seconds", "resumed shards"], runs))
    return _section("time", "Time by stage, and every run", body)
