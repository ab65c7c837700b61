"""The results as files: text, toml, json, csv, the results document (Markdown, HTML, PDF), the analysis report, the results workbook; the letterhead, the MC's rundown.

The submodules are imported where they are used, never here: the console's start-up stays light.
"""

__all__ = [
    "analysis_report",
    "document",
    "document_analysis",
    "document_layout",
    "export",
    "letterhead",
    "pdf",
    "results_workbook",
    "rundown",
]
