"""report.html: one self-contained page with every section of the run's story, drawn the
same way every time."""

from __future__ import annotations

import html
import json
import re
import subprocess

from pipeline.report.facts import ReportFacts, read_facts
from pipeline.report.page import render
from tests.report.conftest import CHROMIUM_FLAGS

SECTIONS = ("outcomes", "edits", "languages", "scores", "duplicates", "boilerplate", "spam", "samples",
            "last-run", "time")
# Run inside Chromium on a copy of the page: what rendered, written into the DOM for --dump-dom.
PROBE = """<script>
window.addEventListener("load", () => {
  const images = [...document.images].map(i => [i.alt, i.complete && i.naturalWidth > 0]);
  const sections = [...document.querySelectorAll("section")]
    .map(s => [s.id, s.getBoundingClientRect().height]);
  const marks = {removed: document.querySelectorAll("del").length,
                 spin: document.querySelectorAll("mark.spin").length,
                 likely: document.querySelectorAll(".likely").length};
  const out = document.createElement("pre");
  out.id = "probe";
  out.textContent = JSON.stringify({images, sections, marks});
  document.body.appendChild(out);
});
</script>"""


def page(corpus):
    return (corpus / "report.html").read_text(encoding="utf-8")


def test_the_page_is_self_contained_and_may_not_reach_the_network(sample_corpus):
    text = page(sample_corpus)
    assert "default-src 'none'; img-src data:" in text
    assert "<script" not in text and "<link" not in text
    sources = re.findall(r'\b(?:src|href)="([^"]*)"', text)
    assert sources and all(source.startswith("data:image/svg+xml;base64,") for source in sources)


def test_every_section_and_image_renders_in_headless_chromium(sample_corpus, chromium, tmp_path):
    probe = tmp_path / "probe.html"
    allow_probe = "default-src 'none'; script-src 'unsafe-inline';"
    probe.write_text(page(sample_corpus).replace("default-src 'none';", allow_probe)
                     .replace("</body>", PROBE + "</body>"))
    profile = tmp_path / "profile"
    common = [str(chromium), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--virtual-time-budget=5000"]
    dom = subprocess.run([*common, "--dump-dom", probe.as_uri()], capture_output=True, text=True, timeout=120)
    written = re.search(r'<pre id="probe">(.*?)</pre>', dom.stdout, re.S)
    assert written, f"the probe did not run: {dom.stderr[-500:]}"
    found = json.loads(html.unescape(written.group(1)))
    assert [name for name, _ in found["sections"]] == list(SECTIONS)
    assert all(height > 40 for _, height in found["sections"]), found["sections"]
    assert len(found["images"]) >= 6 and all(ok for _, ok in found["images"]), found["images"]
    assert found["marks"]["removed"] > 0 and found["marks"]["spin"] > 0 and found["marks"]["likely"] > 0
    shot = tmp_path / "report.png"
    report = (sample_corpus / "report.html").as_uri()
    subprocess.run([*common, "--window-size=1280,9000", f"--screenshot={shot}", report],
                   capture_output=True, timeout=120)
    assert shot.stat().st_size > 50_000  # a rendered page, not a blank one


def test_the_page_tells_the_corpus_figures(sample_corpus):
    manifest = json.loads((sample_corpus / "manifest.json").read_text())
    text = page(sample_corpus)
    totals = manifest["totals"]
    assert f"{totals['records']:,} records" in text and f"{totals['kept']:,} kept" in text
    for reason in totals["reasons"]:
        assert reason in text
    assert "view_counter" in text and "spam_anchor_link" in text


def test_rendering_the_same_facts_twice_gives_the_same_page(sample_corpus):
    manifest = json.loads((sample_corpus / "manifest.json").read_text())
    facts = read_facts(sample_corpus / "index" / "report")
    assert facts is not None
    assert render(manifest, facts) == render(manifest, ReportFacts.from_json(facts.to_json()))


def test_only_the_time_section_depends_on_the_clock(sample_corpus):
    manifest = json.loads((sample_corpus / "manifest.json").read_text())
    facts = read_facts(sample_corpus / "index" / "report")
    later = json.loads(json.dumps(manifest))
    later["timings"] |= {"started": "2031-01-01T00:00:00+00:00", "total_seconds": 99.0}
    later["run"]["stages"]["spam"]["seconds"] = 42.0
    first, second = render(manifest, facts), render(later, facts)
    assert first != second
    assert first.split('<section id="time"')[0] == second.split('<section id="time"')[0]
