"""Spun-text detection: pure functions over text that find synonym-substituted phrases.

`resources` loads the language statistics and the thesaurus from installed packages;
`signals` turns a text into per-word evidence, spans and a document score.
"""
