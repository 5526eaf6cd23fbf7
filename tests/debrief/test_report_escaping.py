"""The report escapes everything people and trainers wrote, in both languages.

A scripted two-day session is rewritten so that every participant's name, expectation, note,
comment, argument, proposal title, amendment, reason, plan action, charter note and evaluation
comment, every name of the scenario (its title, spaces, uses, characters, indicators, consent
options, rules, phases…) and a debrief note hold markup, quotes and ampersands. The page must
show them as text: no raw tag, nothing escaped twice, every attribute quoted and closed.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from ilot.game.core.scenario import Scenario
from ilot.game.debrief.recording import Recording
from ilot.game.debrief.report import Report
from ilot.game.text import lang_for

from .conftest import ROOM

EVIL = "<script>alert(1)</script> \"'& "
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt; &#34;&#39;&amp; "
# free text in event data, by key (ids are left alone: `comment` is an id in project_commented)
TEXT_KEYS = {"name", "text", "title", "reason", "what", "criteria", "service", "why"}
TEXT_OF_TYPE = {("evaluation_submitted", "comment"), ("rule_added", "note")}
SCENARIO_NAMES = {"title", "name", "label", "text"}
ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "h3", "h4", "p", "span",
                "section", "div", "b", "i", "table", "thead", "tbody", "tr", "th", "td", "svg", "line",
                "text", "path", "rect", "polygon", "circle", "g", "ul", "li", "br"}


def _evil(value):
    return EVIL + value if isinstance(value, str) else value


def _scenario(sc: Scenario) -> Scenario:
    """The scenario with markup in front of every name, title, label and question."""

    def walk(obj):
        if isinstance(obj, dict):
            return {k: (_evil(v) if k in SCENARIO_NAMES else walk(v)) for k, v in obj.items()}
        if isinstance(obj, list):
            return [walk(v) for v in obj]
        return obj

    return Scenario.model_validate(walk(sc.model_dump(mode="json")))


def _events(events):
    out = []
    for e in events:
        data = {k: (_evil(v) if k in TEXT_KEYS or (e.type, k) in TEXT_OF_TYPE else v)
                for k, v in e.data.items()}
        if e.type == "round_closed":
            data["positions"] = {pid: {**p, "reason": _evil(p.get("reason") or "")} if p.get("reason") else p
                                 for pid, p in e.data["positions"].items()}
        out.append(e.with_data(data))
    return out


@pytest.fixture(scope="module")
def evil_rec(rich, rich_script):
    rec = Recording(ROOM, _scenario(rich), _events(rich_script.events))
    rec.add_note(rich_script.events[300].t, EVIL + "note de débriefing")
    rec.add_note(rich_script.events[-1].t, "R&D <b>gras</b> \"fin\"")
    return rec


class _Page(HTMLParser):
    """Every tag, attribute value and text of a page, as a browser reads them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.attrs, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [v for _, v in attrs if v]

    def handle_data(self, data):
        self.text.append(data)


@pytest.mark.parametrize("code", ["fr", "en"])
def test_every_user_text_is_escaped_once(evil_rec, code):
    html = Report(evil_rec, lang=lang_for(code)).html()
    # nothing anyone wrote became markup
    assert "<script" not in html.lower() and "</script" not in html.lower()
    assert "<b>gras" not in html
    # ...and nothing was escaped twice
    assert "&amp;amp;" not in html and "&amp;lt;" not in html and "&amp;#" not in html
    assert html.count(ESCAPED) > 200
    assert "R&amp;D &lt;b&gt;gras&lt;/b&gt; &#34;fin&#34;" in html
    # every tag is one the report writes, with quoted attributes holding no quote, < or >
    for tag in re.findall(r"<[a-zA-Z][^>]*>", html):
        rest = re.sub(r'\s[a-zA-Z][a-zA-Z0-9:-]*="[^"<>]*"', "", tag)
        assert re.fullmatch(r"<[a-zA-Z0-9]+\s*/?>", rest), tag
    page = _Page()
    page.feed(html)
    assert set(page.tags) <= ALLOWED_TAGS, set(page.tags) - ALLOWED_TAGS
    # what was written is shown as written: in the text and in the charts' labels and tooltips
    text = "".join(page.text)
    assert text.count(EVIL.strip()) > 200
    assert EVIL + "note de débriefing" in text and "R&D <b>gras</b> \"fin\"" in text
    assert any(EVIL.strip() in v for v in page.attrs)  # a chart's aria-label holds a proposal title
    title = re.search(r"<title>(.*?)</title>", html).group(1)
    assert ESCAPED.strip() in title


def test_the_page_has_no_script_link_or_fetch(evil_rec):
    html = Report(evil_rec).html()
    assert not re.search(r"<[^>]*\s(src|href|xlink:href|on\w+)=", html)
    assert "@import" not in html and "url(" not in html and "javascript:" not in html
