"""The results document as a PDF, rendered from its printable HTML by WeasyPrint (the optional extra `pdf`).

The HTML carries its own print CSS (page size, named landscape pages, page-break
rules), so the PDF and a browser's print of the HTML lay out the same way.
"""

from __future__ import annotations

from ..errors import GelarError


def require_weasyprint() -> None:
    """Refuse, saying how to get it, when WeasyPrint or the libraries it loads are missing."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):  # OSError: the package is there but Pango is not
        raise GelarError("paper.cli.needs_weasyprint") from None


def html_to_pdf(html: str) -> bytes:
    """The PDF of a self-contained HTML page (no external files are fetched)."""
    require_weasyprint()
    import logging

    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # its CSS warnings are for developers, not the user
    try:
        return HTML(string=html, url_fetcher=_data_only()).write_pdf()
    except Exception as exc:  # WeasyPrint raises many kinds; the user gets a message, not a traceback
        raise GelarError("paper.cli.pdf_failed", reason=str(exc) or type(exc).__name__) from None


def _data_only():
    """A fetcher of the page's own data: URIs (the letterhead's logo) that fetches nothing from outside.

    A WeasyPrint with ``URLFetcher`` (70 here) takes one (a plain function fails on the first
    fetch there); an earlier one takes a function.
    """
    import weasyprint

    if hasattr(weasyprint, "URLFetcher"):
        return weasyprint.URLFetcher(allowed_protocols={"data"})

    def fetch(url: str, *args, **kwargs):
        if not url.startswith("data:"):
            raise ValueError(f"external resource not fetched: {url}")
        return weasyprint.default_url_fetcher(url, *args, **kwargs)

    return fetch
