"""The run report: `report.html`, one self-contained page telling the corpus's story.

The page (and matplotlib with it) is imported by the runner only when it draws the
report: workers import `pipeline.report.facts` alone, so they never load a plotting
library."""
