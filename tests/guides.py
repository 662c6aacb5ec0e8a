"""One check for a guide and its Dutch version (docs/<name> and docs/nl/<name>): used by the tests of the
trainers' and the advisors' guides."""

from __future__ import annotations

import re
from pathlib import Path

DOCS = Path(__file__).resolve().parents[1] / "docs"
CODE = re.compile(r"```(?:sh|text)\n.*?```", re.S)
IMAGE = re.compile(r"!\[[^\]]*\]\(([^)]+)\)")


def assert_dutch_guide_in_step(name: str) -> tuple[str, str]:
    """docs/nl/<name> names the same commands and quoted output (code blocks, verbatim), figures and
    sections as docs/<name>, its links resolve and the English guide links to it. Returns (en, nl)."""
    en = (DOCS / name).read_text(encoding="utf-8")
    nl = (DOCS / "nl" / name).read_text(encoding="utf-8")
    assert CODE.findall(nl) == CODE.findall(en), f"docs/nl/{name}: code blocks differ from docs/{name}"
    # a figure may have a Dutch variant (``<name>-nl.png``) in the Dutch guide
    assert [Path(p).name.replace("-nl.png", ".png") for p in IMAGE.findall(nl)] == [
        Path(p).name for p in IMAGE.findall(en)]
    assert re.findall(r"^(##+) ", nl, re.M) == re.findall(r"^(##+) ", en, re.M), "different sections"
    assert re.findall(r"^## (\d+)\.", nl, re.M) == re.findall(r"^## (\d+)\.", en, re.M), "different step numbers"
    for target in re.findall(r"\]\(([^)#]+)\)", nl):
        if "://" not in target:
            assert (DOCS / "nl" / target).resolve().exists(), target
    assert f"(nl/{name})" in en, f"docs/{name} does not link its Dutch version"
    return en, nl
