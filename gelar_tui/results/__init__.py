"""The results as files: text, toml, json, csv, the results document (Markdown, HTML, PDF), the analysis report, the results workbook; rankings per category and each day's times; each stage's ranking and the final over the stages; the letterhead, the MC's rundown.

The submodules are imported where they are used, never here: the console's start-up stays light.
"""

__all__ = [
    "analysis_report",
    "day_times",
    "document",
    "document_categories",
    "document_analysis",
    "document_layout",
    "document_stages",
    "export",
    "letterhead",
    "pdf",
    "results_workbook",
    "rundown",
    "stage_results",
]
