"""The run report: `report.html`, one self-contained page telling the corpus's story."""

from pipeline.report.page import write_report

__all__ = ["write_report"]
