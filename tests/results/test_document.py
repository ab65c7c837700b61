"""The official results document (berita acara penilaian), as `gelar results --format html|md` writes it.

The day is played on a copy of the demo event (with a penalty of one point per
started minute of overtime) on a fake clock; the scores come in as imported,
signed paper sheets. The HTML is parsed and every part a jury signs is checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest

from gelar_tui.cli import main
from gelar_tui.journal.clock import FakeClock
from gelar_tui.day.facade import Day, ScoreRow
from gelar_tui.event.eventfile import load_event
from gelar_tui.journal.store import Journal
from tests.support.screens import CRITERIA, JURORS, demo_source

# Raw totals per group (every juror, every criterion) and the overtime each group runs.
# With one point off per started minute: berlian 91-1 = 90, ceria 82-2 = 80, melati 80, cp-joss 70;
# ceria and melati tie on 80 and melati's higher Inovasi (90) places it above ceria.
MELATI = {"analisis": 80, "solusi": 80, "inovasi": 90, "manfaat": 70, "presentasi": 80, "kerjasama": 80}

LANGS = {
    "id": {
        "title": "BERITA ACARA PENILAIAN",
        "date": "Selasa, 16 Agustus 2016",
        "header": ["Peringkat", "Kelompok", "Instansi", "Juri Pemprov Jawa Timur", "Juri Swasta", "Penalti", "Nilai", "Penghargaan"],
        "ranking": [
            ["1", "KBK Berlian", "RSUD Gambiran", "90,00", "90,00", "1,00", "90,00", "Juara I"],
            ["2", "KBK Melati", "Satpol PP", "80,00", "80,00", "0,00", "80,00", "Juara II"],
            ["3", "KBK Ceria", "Dispenda", "80,00", "80,00", "2,00", "80,00", "Juara III"],
            ["4", "KBK CP JOSS", "Puskesmas Campurejo", "70,00", "70,00", "0,00", "70,00", "Harapan I"],
        ],
        "method": "nilai akhir adalah rata-rata nilai total juri",
        "tie_break": "Nilai akhir yang sama ditentukan berturut-turut oleh: Inovasi, waktu lebih yang lebih sedikit.",
        "decided": "KBK Ceria: nilai sama, ditentukan oleh Inovasi",
        "done": "selesai",
        "closing": "Demikian berita acara ini dibuat dengan sebenarnya",
        "juror": "Juri",
        "organizer": "Penyelenggara",
        "provisional": "SEMENTARA:",
        "final": "Hasil ini final",
    },
    "en": {
        "title": "OFFICIAL RECORD OF JUDGING",
        "date": "Tuesday, 16 August 2016",
        "header": ["Rank", "Group", "Agency", "Juri Pemprov Jawa Timur", "Juri Swasta", "Penalty", "Score", "Award"],
        "ranking": [
            ["1", "KBK Berlian", "RSUD Gambiran", "90.00", "90.00", "1.00", "90.00", "1st place"],
            ["2", "KBK Melati", "Satpol PP", "80.00", "80.00", "0.00", "80.00", "2nd place"],
            ["3", "KBK Ceria", "Dispenda", "80.00", "80.00", "2.00", "80.00", "3rd place"],
            ["4", "KBK CP JOSS", "Puskesmas Campurejo", "70.00", "70.00", "0.00", "70.00", "Honourable mention I"],
        ],
        "method": "the final score is the mean of the juror totals",
        "tie_break": "Equal final scores are decided by, in turn: Inovasi, less overtime.",
        "decided": "KBK Ceria: tie decided by Inovasi",
        "done": "done",
        "closing": "This record was drawn up truthfully",
        "juror": "Juror",
        "organizer": "For the organiser",
        "provisional": "PROVISIONAL:",
        "final": "These results are final",
    },
}
TIMES = [
    ["KBK Ceria", "30:00", "-", "31:15", "+01:15"],
    ["KBK Melati", "30:00", "-", "25:00", "-"],
    ["KBK Berlian", "30:00", "+2m", "33:00", "+01:00"],
    ["KBK CP JOSS", "30:00", "-", "29:10", "-"],
]


@pytest.fixture
def event_path(tmp_path):
    """A copy of the demo in tmp_path, its day played (slots with overtime), no scores yet."""
    path = tmp_path / "gelar.toml"
    path.write_text(demo_source().replace("penalty_per_minute = 0", "penalty_per_minute = 1"), encoding="utf-8")
    clock = FakeClock()
    day = Day.open(load_event(path), path.with_name("gelar.gelar-journal"), clock=clock)
    day.start(), clock.advance(31 * 60 + 15), day.next_group()  # ceria: 1:15 over
    day.start(), clock.advance(25 * 60), day.next_group()  # melati: early
    day.extend(120), day.start(), clock.advance(33 * 60), day.next_group()  # berlian: +2m, then 1:00 over
    day.start(), clock.advance(29 * 60 + 10), day.next_group()  # cp-joss
    day.close()
    return path


def import_scores(path, *, leave_out: int = 0) -> None:
    values = {"berlian": 91, "ceria": 82, "melati": MELATI, "cp-joss": 70}
    rows = [
        ScoreRow(group, juror, c, str(value[c] if isinstance(value, dict) else value))
        for group, value in values.items()
        for juror in JURORS
        for c in CRITERIA
    ]
    day = Day.open(load_event(path), path.with_name("gelar.gelar-journal"), origin="cli")
    day.import_scores(rows[: len(rows) - leave_out])
    day.close()


def results(capsys, path, fmt: str, lang: str) -> str:
    assert main(["results", str(path), "--format", fmt, "--lang", lang]) == 0
    out = capsys.readouterr()
    assert out.err == ""
    return out.out


def fingerprint(path) -> str:
    journal = Journal(path.with_name("gelar.gelar-journal"), load_event(path).identity, create=False)
    try:
        return journal.fingerprint()[1]
    finally:
        journal.close()


# -- reading the HTML ------------------------------------------------------------------------


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    def all(self, tag: str | None = None, cls: str | None = None) -> list[Element]:
        found = []
        for child in self.children:
            if isinstance(child, Element):
                if (tag is None or child.tag == tag) and (cls is None or cls in child.classes):
                    found.append(child)
                found += child.all(tag, cls)
        return found

    def one(self, tag: str | None = None, cls: str | None = None) -> Element:
        found = self.all(tag, cls)
        assert len(found) == 1, (tag, cls, len(found))
        return found[0]


class Collector(HTMLParser):
    """The document as a tree of elements (void elements closed at once)."""

    VOID = {"meta", "br", "hr", "img", "link", "input", "col"}

    def __init__(self) -> None:
        super().__init__()
        self.root = Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(element)
        if tag not in self.VOID:
            self.stack.append(element)

    def handle_endtag(self, tag) -> None:
        if tag in self.VOID:
            return
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data) -> None:
        self.stack[-1].children.append(data)


def parse(text: str) -> Element:
    collector = Collector()
    collector.feed(text)
    collector.close()
    assert collector.stack == [collector.root], "unclosed elements"
    return collector.root


def table(doc: Element, cls: str) -> tuple[list[str], list[list[str]]]:
    element = doc.one("table", cls)
    header = [th.text for th in element.one("thead").all("th")]
    rows = [[td.text for td in tr.all("td")] for tr in element.one("tbody").all("tr")]
    return header, rows


# -- HTML -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_html_document_has_every_part(capsys, event_path, lang) -> None:
    import_scores(event_path)
    words = LANGS[lang]
    doc = parse(results(capsys, event_path, "html", lang))
    assert doc.one("html").attrs["lang"] == lang
    assert doc.one("h1").text == words["title"] and doc.one("h2").text == "Gelar Budaya Kerja 2016"
    opening = doc.one("p", "opening").text
    for part in (words["date"], "Balai Kota Kediri", "Pemerintah Kota Kediri"):
        assert part in opening
    assert table(doc, "criteria")[1] == [
        ["Analisis masalah", "20"], ["Solusi dan langkah perbaikan", "20"], ["Inovasi", "20"],
        ["Manfaat bagi pelayanan publik", "20"], ["Penyajian", "10"], ["Kekompakan tim", "10"],
    ]
    assert table(doc, "ranking") == (words["header"], words["ranking"])
    assert words["method"] in doc.one("p", "method").text
    assert doc.one("p", "tie-break").text == words["tie_break"]
    assert [li.text for li in doc.one("ul", "ties").all("li")] == [words["decided"]]
    _, times = table(doc, "times")
    assert [row[:5] for row in times] == TIMES and all(row[5] == words["done"] for row in times)
    assert doc.one("p", "closing").text.startswith(words["closing"]) and words["date"] in doc.one("p", "closing").text
    jurors = doc.all("div", "juror")
    assert [(s.all("b")[0].text, s.all("div")[-1].text) for s in jurors] == [
        ("Juri Pemprov Jawa Timur", "Pemerintah Provinsi Jawa Timur"), ("Juri Swasta", "Swasta"),
    ]
    assert all(s.all("div")[0].text == words["juror"] and s.all("div", "line") for s in jurors)
    organizer = doc.one("div", "organizer")
    assert organizer.all("div")[0].text == words["organizer"] and organizer.one("b").text == "Pemerintah Kota Kediri"
    code = doc.one("code").text
    assert re.fullmatch(r"[0-9a-f]{64}", code) and code == fingerprint(event_path)
    style = doc.one("style").text
    assert re.search(r"@page\s*{[^}]*size:\s*A4", style) and "@media print" in style
    chart = doc.one("div", "chart")
    bars = chart.all("div", "bar")
    assert [r.one("span", "label").text for r in chart.all("div", "bar-row")] == [row[1] for row in words["ranking"]]
    widths = [float(re.search(r"width:\s*([\d.]+)%", b.attrs["style"]).group(1)) for b in bars]
    assert widths[0] == 100.0 and widths[1] == widths[2] == pytest.approx(100 * 80 / 90, abs=0.1)
    assert widths[3] == pytest.approx(100 * 70 / 90, abs=0.1)
    assert doc.all("p", "provisional") == []
    assert doc.one("p", "status").text.startswith(words["final"])


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_provisional_document_says_so(capsys, event_path, lang) -> None:
    import_scores(event_path, leave_out=1)  # the last sheet lacks one score: not locked
    doc = parse(results(capsys, event_path, "html", lang))
    notice = doc.one("p", "provisional").text
    words = "47 dari 48 nilai masuk, 7 dari 8 lembar terkunci" if lang == "id" else "47 of 48 scores in, 7 of 8 sheets locked"
    assert notice.startswith(LANGS[lang]["provisional"]) and words in notice
    assert doc.one("p", "status").text == notice
    assert LANGS[lang]["final"] not in doc.text
    assert doc.one("code").text == fingerprint(event_path)


def test_the_fingerprint_follows_the_journal(capsys, event_path) -> None:
    before = parse(results(capsys, event_path, "html", "id")).one("code").text
    import_scores(event_path)
    after = parse(results(capsys, event_path, "html", "id")).one("code").text
    assert before != after and after == fingerprint(event_path)


def test_names_are_escaped(capsys, tmp_path) -> None:
    path = tmp_path / "gelar.toml"
    path.write_text(demo_source().replace('name = "KBK Ceria"', 'name = "KBK <Ceria> & Co"'), encoding="utf-8")
    Day.open(load_event(path), path.with_name("gelar.gelar-journal")).close()  # `results` reads one, makes none
    doc = parse(results(capsys, path, "html", "en"))
    assert "KBK <Ceria> & Co" in [row[1] for row in table(doc, "ranking")[1]]


# -- Markdown ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_markdown_document_has_every_part(capsys, event_path, lang) -> None:
    import_scores(event_path)
    words = LANGS[lang]
    text = results(capsys, event_path, "md", lang)
    lines = text.split("\n")
    assert lines[0] == f"# {words['title']}" and "## Gelar Budaya Kerja 2016" in lines
    assert words["date"] in text and "Balai Kota Kediri" in text
    assert "| Analisis masalah | 20 |" in lines and "| Kekompakan tim | 10 |" in lines
    assert "| " + " | ".join(words["header"]) + " |" in lines
    ranked = [line for line in lines if line.startswith("| ") and "| KBK " in line]
    assert ranked[:4] == ["| " + " | ".join(row) + " |" for row in words["ranking"]]
    assert ranked[4:8] == ["| " + " | ".join(row) + f" | {words['done']} |" for row in TIMES]  # then the appendix
    assert words["method"] in text and words["tie_break"] in lines and f"- {words['decided']}" in lines
    assert any(line.startswith(words["closing"]) for line in lines)
    assert f"**{words['juror']}**: Juri Pemprov Jawa Timur (Pemerintah Provinsi Jawa Timur)" in lines
    assert f"**{words['juror']}**: Juri Swasta (Swasta)" in lines
    assert f"**{words['organizer']}**: Pemerintah Kota Kediri" in lines
    assert f"`{fingerprint(event_path)}`" in lines
    assert words["provisional"] not in text and words["final"] in text


def test_a_provisional_markdown_document_says_so(capsys, event_path) -> None:
    import_scores(event_path, leave_out=1)
    text = results(capsys, event_path, "md", "id")
    assert "> **SEMENTARA: 47 dari 48 nilai masuk, 7 dari 8 lembar terkunci. Hasil ini masih dapat berubah.**" in text
    assert "Hasil ini final" not in text
