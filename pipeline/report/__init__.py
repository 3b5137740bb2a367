"""The run report: `report.html`, one self-contained page telling the corpus's story."""

from pipeline.report.page import failed_report, write_report

__all__ = ["failed_report", "write_report"]
