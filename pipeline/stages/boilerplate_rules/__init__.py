"""Pure rules of the boilerplate stage: each family takes line facts (and vocabularies) and
returns what it found; the stage (`pipeline.stages.boilerplate`) decides where each rule is
trusted and applies the spans as recorded edits. Nothing here edits a document.

- `lines`: lines with offsets, the `Span` every rule returns, whole-line removal (shared
  with the template_lines and pii stages);
- `words`: words, numbers, phrase sets and the facts of one line;
- `vocabulary`: the per-language phrase tables of `pipeline/data/boilerplate/`;
- `config`: the stage's typed settings;
- `widgets`: widget lines by vocabulary coverage, cookie and newsletter banners;
- `bylines`: bylines, counter lines, comment author lines;
- `trails`: tag lists, breadcrumbs, menu rows, copyright footers;
- `titles`: the page's titles and the related-link tail;
- `comments`: the comment section under an article.
"""
