"""One search index per language.

mkdocs-static-i18n merges every language into one ``search/search_index.json``
(upstream #31, #271), so Spanish readers get English hits. After the last
language build we split it: the default language keeps ``search/``, each other
language gets ``<lang>/search/`` with locations relative to ``<lang>/``, and its
pages' Material ``base`` points at ``<lang>/`` so the search worker loads it.
The offline plugin's ``search_index.js`` (for ``file://``) is rewritten the same way.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

_BASE = re.compile(r'(<script id="__config" type="application/json">\{.*?"base":\s*)"[^"]*"', re.S)


def split_index(site_dir: Path, default: str, others: list[str]) -> dict[str, int]:
    """Split the merged index in ``site_dir``; return the number of entries per language."""
    merged = site_dir / "search" / "search_index.json"
    if not merged.is_file():
        return {}
    data = json.loads(merged.read_text(encoding="utf-8"))
    # The quiz section is marked data-search-exclude, but Material's indexer loses the mark inside the
    # form; drop its text here so feedback and explanations never surface as answer spoilers.
    docs = [{**d, "text": ""} if d.get("location", "").endswith("#quiz") else d for d in data.get("docs", [])]
    counts = {}
    for lang in [default, *others]:
        if lang == default:
            mine = [d for d in docs if not any(d["location"].startswith(f"{o}/") for o in others)]
            target = site_dir / "search"
        else:
            mine = [{**d, "location": d["location"][len(lang) + 1:]} for d in docs
                    if d["location"].startswith(f"{lang}/")]
            target = site_dir / lang / "search"
        config = {**data.get("config", {}), "lang": [lang]}
        _write(target, {"config": config, "docs": mine}, with_js=(site_dir / "search" / "search_index.js").exists())
        counts[lang] = len(mine)
    return counts


def _write(folder: Path, index: dict, with_js: bool) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    (folder / "search_index.json").write_text(text, encoding="utf-8")
    if with_js:  # same form as Material's offline plugin writes
        (folder / "search_index.js").write_text(f"var __index = {text}", encoding="utf-8")


def rebase(output: str, page_url: str, lang: str) -> str:
    """Point a page's Material ``base`` at its language root (``<lang>/``)."""
    base = posixpath.relpath(lang, posixpath.dirname(page_url) or ".")
    return _BASE.sub(lambda m: f'{m.group(1)}"{base}"', output, count=1)
