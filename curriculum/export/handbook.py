"""Printable handbooks: a PDF per track, language and edition, printed by headless Chromium.

A handbook is a cover, a table of contents with page numbers, the track's
timed agenda, and one chapter per module: the lesson as the site renders it
(the built learner or facilitator edition), with its quiz as a paper worksheet
instead of the interactive form. The facilitator edition adds each module's
timing, the facilitator notes (from the facilitator site) and the answer key.

Page numbers are printed with CSS page-margin boxes. The contents' page numbers
need the layout, so the handbook is printed twice: the first print carries an
invisible mark at each chapter start, ``pdftotext`` (poppler-utils) finds the
page of each mark, and the second print fills the numbers in. Without
``pdftotext`` the contents list the chapters without numbers. Chromium writes
tagged (accessible) PDF with the document's language, title and outline.

Chromium reads nothing but the built site and makes no network request. The
handbook is not printed from a ``file://`` document (which could load any file
of the exporting machine); it is served, with the built site, by a server in
this process bound to ``127.0.0.1`` on an ephemeral port (:class:`SiteServer`),
which serves only files inside the site folder and sends a Content-Security-
Policy that allows only its own origin and ``data:`` (no scripts, plugins or
forms). Chromium is started with that server as its only proxy, for loopback
addresses too, and with every host name resolving to nothing, so a request for
any other address or port reaches that server and is refused. ``file:`` URLs
are refused by Chromium itself in an ``http:`` page.
"""

from __future__ import annotations

import contextlib
import mimetypes
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from curriculum import bibliography, localefmt, questions, render
from curriculum.diagnostics import Diagnostic
from curriculum.export import forms
from curriculum.export.base import Context, ExportError, OutputError, artifact, atomic_path, write_text
from curriculum.export.site import default_language
from curriculum.export.text import html, modules_of, pass_count, string
from curriculum.model import Catalog, Module, Quiz, Track
from curriculum.questions.base import Paper

HERE = Path(__file__).resolve().parent
EDITIONS = ("learner", "facilitator")
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--disable-extensions",
                 "--no-pdf-header-footer", "--generate-pdf-document-outline"]
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)


def chromium() -> str:
    """The Chromium to print with: $CURRICULUM_CHROMIUM, else the first of the usual names on PATH."""
    explicit = os.environ.get("CURRICULUM_CHROMIUM")
    if explicit:
        if not (os.path.isfile(explicit) and os.access(explicit, os.X_OK)):
            raise OutputError(f"CURRICULUM_CHROMIUM is `{explicit}`, which is not an executable file: handbooks "
                              "are printed with Chromium (`apt-get install chromium`)")
        return explicit
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise OutputError("handbooks are printed with Chromium, which was not found: install it "
                      "(`apt-get install chromium`) or set CURRICULUM_CHROMIUM to its path")


# -- the HTML of a handbook --------------------------------------------------------------------------------


def _page_of(site: Path, module: Module, lang: str, default: str) -> str:
    prefix = "" if lang == default else f"{lang}/"
    page = site / f"{prefix}{module.folder}/index.html"
    if not page.is_file():
        raise ExportError(f"the built site has no {lang} page for module `{module.id}` ({page})")
    match = _ARTICLE.search(page.read_text(encoding="utf-8"))
    if match is None:
        raise ExportError(f"cannot find the lesson in {page} (the theme's page layout changed?)")
    return match.group(1)


def _lesson(article: str, module: Module, page_dir: Path, folders: dict[str, str], site: Path) -> str:
    """The lesson part of a module page, made printable and safe to combine with other chapters."""
    start, end = article.find('<h2 id="quiz"'), article.find('<h2 id="sources"')
    if start >= 0:  # the interactive quiz: replaced by the worksheet
        article = article[:start] + "<!--worksheet-->" + (article[end:] if end > start else "")
    mid = module.id

    def link(match: re.Match[str]) -> str:
        target = match.group(1)
        if target.startswith("#"):
            return f'href="#{mid}--{target[1:]}"'
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):
            return match.group(0)
        path, _, frag = target.partition("#")
        resolved = (page_dir / path).resolve().parent.name if path.endswith("index.html") else ""
        other = folders.get(resolved)
        if other:
            return f'href="#{other}--{frag}"' if frag else f'href="#m-{other}"'
        return 'data-href-removed=""'  # a page that is not in this handbook

    article = re.sub(r'href="([^"]*)"', link, article)
    article = re.sub(r'\b(id|for|aria-describedby|aria-labelledby)="([^"]+)"',
                     lambda m: f'{m.group(1)}="' + " ".join(f"{mid}--{v}" for v in m.group(2).split()) + '"', article)
    # relative resources (the site's images) become paths on the print server, which serves the site folder
    base = "/" + "".join(f"{part}/" for part in page_dir.relative_to(site).parts)
    article = re.sub(r'src="(?![a-z][a-z0-9+.-]*:)([^"]+)"',
                     lambda m: f'src="/{urljoin(base, m.group(1)).lstrip("/")}"', article)
    return article.replace("<details", "<details open")


def _paper(catalog: Catalog, quiz: Quiz, lang: str) -> Paper:
    return Paper(catalog, quiz, lang, html, lambda key: escape(catalog.string(lang, key)),
                 lambda key: escape(string(key, lang)))


def worksheet(catalog: Catalog, quiz: Quiz, module: Module, lang: str) -> str:
    p = _paper(catalog, quiz, lang)
    items = []
    for n, q in enumerate(quiz.questions, 1):
        items.append(f'<li id="{module.id}--ws-q{n}" class="{q.type}"><p class="prompt">{html(q.prompt[lang])}</p>'
                     f"{questions.kind(q).worksheet_html(p, q)}</li>")
    mark = localefmt.percent(quiz.pass_mark, lang)
    fields = "".join(f"<span>{escape(string(key, lang))}:</span>"
                     for key in ("worksheet_name", "worksheet_date", "worksheet_score"))
    return (f'<section class="worksheet" aria-labelledby="{module.id}--worksheet">'
            f'<h2 id="{module.id}--worksheet">{escape(string("worksheet", lang))}: {html(quiz.title[lang])}</h2>'
            f'<div class="fields">{fields}</div>'
            f"<p>{escape(catalog.string(lang, 'pass_mark').replace('{percent}', mark))}</p>"
            f'<ol class="questions">{"".join(items)}</ol></section>')


def answer_key(catalog: Catalog, quiz: Quiz, module: Module, lang: str) -> str:
    s = lambda key: escape(catalog.string(lang, key))  # noqa: E731
    p = _paper(catalog, quiz, lang)
    items = []
    for n, q in enumerate(quiz.questions, 1):
        items.append(
            f"<li><p><strong>{s('question')} {n}.</strong> {html(q.prompt[lang])}</p>"
            f"{questions.kind(q).key_html(p, q)}"
            f"<p><strong>{s('explanation')}.</strong> {html(q.explanation[lang])}</p>"
            f"<p><strong>{s('source')}:</strong> "
            f"<cite>{html(bibliography.cite_text(catalog, q.source, lang))}</cite></p></li>")
    need = string("right_answers_to_pass", lang, count=pass_count(quiz), total=len(quiz.questions),
                  percent=localefmt.percent(quiz.pass_mark, lang))
    return (f'<section class="answer-key" aria-labelledby="{module.id}--key">'
            f'<h2 id="{module.id}--key">{escape(string("answer_key_for", lang))}: {html(quiz.title[lang])}</h2>'
            f"<p>{escape(need)}</p><ul class=\"key\">{''.join(items)}</ul></section>")


def timing(catalog: Catalog, module: Module, lang: str) -> str:
    minutes = catalog.string(lang, "minutes_long")
    n = lambda value: localefmt.integer(value, lang)  # noqa: E731
    rows = "".join(f'<tr><td>{escape(string("exercise_time", lang))}: {html(e.title[lang])}</td>'
                   f'<td class="num">{n(e.minutes)} {escape(minutes)}</td></tr>' for e in module.exercises)
    return (f'<section class="timing"><h2 id="{module.id}--timing">{escape(string("timing", lang))}</h2><table>'
            f'<tr><th scope="row">{escape(string("session", lang))}</th>'
            f'<td class="num">{n(module.duration_minutes)} {escape(minutes)}</td></tr>{rows}</table></section>')


def agenda(catalog: Catalog, track: Track, lang: str, mark: str = "") -> str:
    s = lambda key: escape(catalog.string(lang, key))  # noqa: E731
    n = lambda value: localefmt.integer(value, lang)  # noqa: E731
    rows, number = [], 0
    for item in track.agenda:
        module = catalog.module(item.module_id or "")
        if item.module_id is None:
            rows.append(f'<tr><td></td><td><em>{s("break")}</em></td><td class="num">{n(item.break_minutes)}</td></tr>')
        elif module is not None:
            number += 1
            rows.append(f'<tr><td class="num">{number}</td><td><a href="#m-{module.id}">{html(module.title[lang])}</a>'
                        f'</td><td class="num">{n(module.duration_minutes)}</td></tr>')
    teach, rest = catalog.track_minutes(track)
    h = s("hours")
    return (f'<section class="agenda chapter-start" aria-labelledby="agenda">{mark}<h1 id="agenda">{s("agenda")}</h1>'
            f'<table><thead><tr><th class="num">#</th><th>{s("module")}</th>'
            f'<th class="num">{s("minutes_long")}</th></tr></thead><tbody>{"".join(rows)}</tbody><tfoot>'
            f'<tr><th></th><th>{s("total_instruction")}</th><td class="num">{n(teach)} '
            f"({render.hours(teach, lang)} {h})</td></tr>"
            f'<tr><th></th><th>{s("total_breaks")}</th><td class="num">{n(rest)}</td></tr>'
            f'<tr><th></th><th>{s("total_time")}</th><td class="num">{n(teach + rest)} '
            f"({render.hours(teach + rest, lang)} {h})</td></tr></tfoot></table></section>")


def _mark(n: int) -> str:
    """An invisible mark at the start of chapter ``n``, found in the first print to number the contents."""
    return f'<span class="chapter-mark" aria-hidden="true">CURMARK{n}X</span>'


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


@dataclass
class Job:
    """One handbook to print."""

    track: Track
    lang: str
    edition: str
    dest: Path
    html_path: Path
    chapters: list[tuple[str, str]]  # (anchor, title) in contents order


def document(catalog: Catalog, track: Track, lang: str, edition: str, site: Path, pages: dict[str, int] | None,
             marks: bool) -> tuple[str, list[tuple[str, str]]]:
    """The handbook's HTML, and its chapters ``(anchor, title)`` for the contents."""
    default = default_language(site)
    modules = modules_of(catalog, track)
    folders = {m.folder: m.id for m in modules}
    facilitator = edition == "facilitator"
    edition_label = string("facilitator_handbook", lang) if facilitator else string("learner_edition", lang)
    chapters: list[tuple[str, str]] = [("agenda", catalog.string(lang, "agenda"))]
    body = []
    for n, module in enumerate(modules, 1):
        prefix = "" if lang == default else f"{lang}/"
        page_dir = site / prefix / module.folder
        lesson = _lesson(_page_of(site, module, lang, default), module, page_dir, folders, site)
        quiz = catalog.quiz_for(module)
        extra = ""
        if quiz is not None:
            extra = worksheet(catalog, quiz, module, lang)
            if facilitator:
                extra += answer_key(catalog, quiz, module, lang)
        lesson = lesson.replace("<!--worksheet-->", extra) if "<!--worksheet-->" in lesson else lesson + extra
        if facilitator:
            at = lesson.find(f'<h2 id="{module.id}--objectives"')
            box = timing(catalog, module, lang)
            lesson = lesson[:at] + box + lesson[at:] if at >= 0 else box + lesson
        mark = _mark(n) if marks else ""
        body.append(f'<section class="chapter" id="m-{module.id}">{mark}{lesson}</section>')
        chapters.append((f"m-{module.id}", f"{n}. {module.title[lang]}"))
    if facilitator and track.pre_post is not None:   # the pre/post forms, sheets and keys, to photocopy
        n = len(modules) + 1
        body.append(forms.chapter(catalog, track, lang, _mark(n) if marks else ""))
        chapters.append(("pre-post", string("pre_post_forms", lang)))
    toc = "".join(
        f'<li class="{"module" if anchor.startswith("m-") else "part"}"><a href="#{anchor}">{html(title)}</a>'
        f'<span class="dots" aria-hidden="true"></span>'
        f'<span class="toc-page">{(pages or {}).get(anchor, "")}</span></li>' for anchor, title in chapters)
    reviewed = max((m.last_legal_review for m in modules), default=None)
    facts = ""
    if reviewed is not None:
        facts = (f'<p class="facts">{escape(catalog.string(lang, "last_legal_review"))}: '
                 f"{escape(render.format_date(reviewed, lang))}</p>")
    title = track.title[lang]
    kind = string("handbook", lang)
    page_word, of = string("page", lang), string("of", lang)
    margin_css = (
        "@page { @top-left { content: " + _css_string(title) + "; font-size: 8pt; color: #555; }"
        " @top-right { content: " + _css_string(string("facilitator_handbook", lang).split(" — ")[0]
                                                if facilitator else string("learner_edition", lang))
        + "; font-size: 8pt; color: " + ("#b71c1c" if facilitator else "#555") + "; }"
        " @bottom-center { content: " + _css_string(page_word + " ") + " counter(page) "
        + _css_string(f" {of} ") + " counter(pages); font-size: 8.5pt; color: #333; } }")
    style = (HERE / "handbook.css").read_text(encoding="utf-8")
    doc = (
        f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)} — {escape(kind)} ({escape(edition_label.split(' — ')[0])})</title>\n"
        f"<style>\n{style}\n{margin_css}\n</style>\n</head>\n<body>\n"
        f'<section class="cover"><p class="kind">{escape(kind)}</p><h1>{html(title)}</h1>'
        f'<p class="description">{html(track.description[lang])}</p>'
        f'<p class="edition{" facilitator" if facilitator else ""}">{escape(edition_label)}</p>{facts}'
        f'<p class="disclaimer">{escape(catalog.string(lang, "disclaimer"))}</p></section>\n'
        f'<nav class="toc" aria-labelledby="toc"><h1 id="toc">{escape(string("contents", lang))}</h1>'
        f"<ol>{toc}</ol></nav>\n"
        f"{agenda(catalog, track, lang, _mark(0) if marks else '')}\n" + "\n".join(body) + "\n</body>\n</html>\n")
    return doc, chapters


# -- printing ----------------------------------------------------------------------------------------------

DOCUMENT = "/.curriculum-handbook.html"   # where the server serves the handbook (a name no site page has)
CSP = ("default-src 'self'; img-src 'self' data:; font-src 'self' data:; style-src 'self' 'unsafe-inline'; "
       "script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'")


class SiteServer:
    """The print server: ``DOCUMENT`` and the files inside ``site``, on ``http://127.0.0.1:<port>`` only.

    It is also Chromium's proxy: a request for any other host or port (an absolute URL, or CONNECT for
    https and WebSockets) is refused with 403 and recorded in ``refused``. Paths are resolved, symbolic
    links included, and served only if they stay inside ``site``.
    """

    def __init__(self, site: Path, document: bytes) -> None:
        self.site, self.document = site.resolve(), document
        self.refused: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                self._serve(body=True)

            def do_HEAD(self) -> None:
                self._serve(body=False)

            def do_CONNECT(self) -> None:  # https:// and wss:// through the proxy
                server.refused.append(f"CONNECT {self.path}")
                self._reply(403, b"", "text/plain", body=True)

            do_POST = do_PUT = do_DELETE = do_OPTIONS = do_PATCH = do_CONNECT

            def _serve(self, body: bool) -> None:
                url = urlsplit(self.path)
                ours = url.scheme == "http" and url.netloc == server.origin_host   # as a proxy request
                if (url.scheme or url.netloc or not self.path.startswith("/")) and not ours:
                    server.refused.append(self.path)
                    self._reply(403, b"", "text/plain", body)
                    return
                data, kind = server.lookup(url.path)
                if data is None:
                    self._reply(404, b"", "text/plain", body)
                else:
                    self._reply(200, data, kind, body)

            def _reply(self, status: int, data: bytes, kind: str, body: bool) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Content-Security-Policy", CSP)
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                if body:
                    self.wfile.write(data)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.origin_host = f"127.0.0.1:{self.port}"
        self.origin = f"http://{self.origin_host}"

    def lookup(self, path: str) -> tuple[bytes | None, str]:
        if path == DOCUMENT:
            return self.document, "text/html; charset=utf-8"
        rel = unquote(path).lstrip("/")
        if "\0" in rel or "\\" in rel:
            return None, ""
        try:
            file = (self.site / rel).resolve()
            if self.site not in file.parents or not file.is_file():
                return None, ""
            data = file.read_bytes()
        except (OSError, ValueError):
            return None, ""
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        return data, kind + ("; charset=utf-8" if kind.startswith("text/") else "")

    @contextlib.contextmanager
    def running(self) -> Iterator[SiteServer]:
        thread = threading.Thread(target=self.httpd.serve_forever, name="handbook-print-server", daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self.httpd.shutdown()
            self.httpd.server_close()
            thread.join()


def isolation_args(server: SiteServer) -> list[str]:
    """Chromium flags that leave it no way out but the print server (see the module's docstring)."""
    return [f"--proxy-server={server.origin}", "--proxy-bypass-list=<-loopback>",
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--no-pings", "--dns-prefetch-disable",
            "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
            "--disable-features=NetworkPrediction,InterestFeedContentSuggestions,Translate,MediaRouter"]


def print_pdf(html_path: Path, pdf: Path, profile: Path, site: Path) -> None:
    """Print ``html_path`` to ``pdf`` with headless Chromium (its profile and caches kept in ``profile``).

    The document is served with ``site`` by a :class:`SiteServer`: root-relative URLs (``/img/x.png``)
    are the site's files; Chromium can reach nothing else.
    """
    profile.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "HOME": str(profile), "XDG_CONFIG_HOME": str(profile / "config"),
           "XDG_CACHE_HOME": str(profile / "cache")}
    server = SiteServer(site, html_path.read_bytes())
    with server.running():
        _chromium_print(server, pdf, profile, env, html_path.name)


def _chromium_print(server: SiteServer, pdf: Path, profile: Path, env: dict[str, str], name: str) -> None:
    command = [chromium(), *CHROMIUM_ARGS, *isolation_args(server), f"--user-data-dir={profile / 'chromium'}",
               f"--print-to-pdf={pdf}", server.origin + DOCUMENT]
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=False)
    except FileNotFoundError as exc:
        raise OutputError(f"cannot run Chromium ({command[0]}): {exc}") from exc
    except subprocess.TimeoutExpired as exc:
        raise ExportError(f"Chromium did not finish printing {name} within 5 minutes") from exc
    if result.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
        tail = "\n".join((result.stderr or "").strip().splitlines()[-5:])
        raise ExportError(f"Chromium could not print {name} (exit {result.returncode}):\n{tail}")


def chapter_pages(pdf: Path, count: int) -> dict[int, int] | None:
    """Page number (1-based) of each chapter mark ``CURMARK<n>X`` in ``pdf``; None without pdftotext."""
    tool = shutil.which("pdftotext")
    if tool is None:
        return None
    result = subprocess.run([tool, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, timeout=120, check=False)
    if result.returncode != 0:
        return None
    pages: dict[int, int] = {}
    for number, text in enumerate(result.stdout.decode("utf-8", "replace").split("\f"), 1):
        for mark in re.findall(r"CURMARK(\d+)X", text):
            pages.setdefault(int(mark), number)
    return pages if len(pages) == count else None


class HandbookExporter:
    name, folder, editions = "handbook", "handbooks", EDITIONS
    summary = "printable PDF handbooks per track and language, learner and facilitator editions"

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def problems(self, catalog: Catalog, lang: str) -> list[Diagnostic]:
        return []

    def preflight(self) -> None:
        chromium()

    def export(self, catalog: Catalog, lang: str, out_dir: Path) -> list[Path]:
        work = self.ctx.scratch / "handbooks"
        work.mkdir(parents=True, exist_ok=True)
        jobs = [(track, edition) for track in self.ctx.tracks for edition in EDITIONS]

        def build(job: tuple[Track, str]) -> Path:
            track, edition = job
            site = self.ctx.site(edition)
            stem = f"{track.id}.{lang}.{edition}"
            html_path, draft = work / f"{stem}.html", work / f"{stem}.draft.pdf"
            profile = work / f"profile-{stem}"
            doc, chapters = document(catalog, track, lang, edition, site, None, marks=True)
            html_path.write_text(doc, encoding="utf-8")
            print_pdf(html_path, draft, profile, site)
            found = chapter_pages(draft, len(chapters))
            pages = None if found is None else {anchor: found[n] for n, (anchor, _) in enumerate(chapters)}
            doc, _ = document(catalog, track, lang, edition, site, pages, marks=False)
            html_path.write_text(doc, encoding="utf-8")
            dest = artifact(out_dir, track.id, lang, edition, "pdf")
            with atomic_path(dest) as tmp:
                print_pdf(html_path, tmp.with_suffix(".pdf"), profile, site)
                tmp.with_suffix(".pdf").replace(tmp)
            return dest

        for edition in {e for _, e in jobs}:
            self.ctx.site(edition)  # build the sites first, one at a time
        with ThreadPoolExecutor(max_workers=2) as pool:
            written = list(pool.map(build, jobs))
        for track in self.ctx.tracks:   # the class tally of each pre/post test, beside its handbooks
            if track.pre_post is not None:
                written.append(write_text(out_dir / f"{track.id}.{lang}.tally.csv", forms.tally_csv(catalog, track,
                                                                                                      lang)))
        return written

