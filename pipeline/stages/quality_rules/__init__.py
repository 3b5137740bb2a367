"""Measures of the quality stage: text units (words, lines, scripts) and the measures the
rules compare with their thresholds. Pure functions, no configuration."""
