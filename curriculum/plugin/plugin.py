"""The ``curriculum`` MkDocs plugin: a thin view over the core catalog.

Every handler converts MkDocs objects into core calls and back. The build runs
once per language under mkdocs-static-i18n (see ``mkdocs-stack-notes.md``
§1.1), so everything here is idempotent and per-build state is reset in
``on_pre_build``.
"""

from __future__ import annotations

import os
import posixpath
import re
import secrets
from html import escape
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs.utils.templates import TemplateContext

from curriculum import csp, markers, pagesafety, render
from curriculum.model import Catalog
from curriculum.plugin import search_split
from curriculum.plugin.catalog_cache import cached_catalog
from curriculum.plugin.config import CurriculumConfig
from curriculum.settings import PROJECT_FILE, SOURCE_DIRS

log = get_plugin_logger(__name__)

ASSETS = Path(__file__).resolve().parent.parent / "assets"
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"  # escaped <title>, lang on the switcher
QUIZ_ASSETS = ("assets/curriculum/quiz.js", "assets/curriculum/quiz.css")
ASSESSMENT_JS = "assets/curriculum/assessment.js"  # with quiz.js (whose answer handlers it shares) on assessment pages
PROGRESS_ASSETS = ("assets/curriculum/progress.js", "assets/curriculum/progress.css")
SITE_CSS = "assets/curriculum/site.css"  # module facts, glossary, facilitator notes, print, contrast fixes
ASSET_URIS = (*QUIZ_ASSETS, ASSESSMENT_JS, *PROGRESS_ASSETS, SITE_CSS)
QUICK_EXIT_ASSETS = ("assets/curriculum/quick-exit.js", "assets/curriculum/quick-exit.css")  # only with quick_exit
_BODY = re.compile(r"<body\b[^>]*>", re.I)
NAV_MODULES = "curriculum:modules"


class CurriculumPlugin(BasePlugin[CurriculumConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.catalog: Catalog | None = None
        self.quiz_pages: set[str] = set()
        self.track_pages: set[str] = set()
        self.assessment_pages: dict[str, tuple[str, str]] = {}  # generated src_uri -> (track id, form)
        self.not_found: dict[str, str] = {}
        self.contents: dict[str, tuple[str, str]] = {}
        self.slot_token = secrets.token_hex(16)

    # -- configuration -----------------------------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        root = Path(self.config.root or Path(config.config_file_path).parent).resolve()
        docs = Path(config.docs_dir).resolve()
        if not docs.is_relative_to(root) or docs == root:
            raise PluginError(f"docs_dir `{config.docs_dir}` must be a folder inside the project `{root}`: "
                              "the build reads nothing outside the project")
        docs_dir = docs.relative_to(root).as_posix()
        catalog, diags, fresh = cached_catalog(root, docs_dir)
        if fresh:  # log once, not once per language build
            for d in diags:  # warnings fail the strict build, as they fail `curriculum check`; notes fail nothing
                {"error": log.error, "warning": log.warning}.get(d.severity, log.info)(d.render())
        if diags.errors:
            raise PluginError(
                f"{len(diags.errors)} error(s) in the curriculum sources (listed above); "
                "run `curriculum check` for the same report without building"
            )
        self.catalog = catalog
        config.nav = _expand_nav(config.nav, catalog, _track_pages(catalog))
        if SITE_CSS not in config.extra_css:  # on_config runs once per language: stay idempotent
            config.extra_css.append(SITE_CSS)
        _add_templates(config)
        _localise_theme(config, catalog, _build_language(config))
        for folder in (*SOURCE_DIRS, PROJECT_FILE):
            path = str(root / folder)
            if path not in config.watch:
                config.watch.append(path)
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        self.contents = {}
        self.slot_token = secrets.token_hex(16)
        self.quiz_pages, self.track_pages = set(), set()

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment | None:
        """Our templates (footer credit, 404 page) read interface strings in the build's language."""
        if self.catalog is not None:
            catalog, lang = self.catalog, _build_language(config)
            env.globals["curriculum_string"] = lambda key: catalog.string(lang, str(key))
        return env

    # -- files -------------------------------------------------------------------------------------------

    @event_priority(-110)  # after i18n (-100) chose this language's files: the generated pages are this language's
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if self.catalog is None:
            return files
        self._add_assessment_pages(files, config)
        docs = os.path.normpath(config.docs_dir)
        for file in list(files):
            # Only what the catalog's docs tree lists as a page or an allowed asset is published: metadata,
            # editor backups, stray YAML and anything behind an unsafe symlink are left out (CUR310/CUR311).
            from_docs = file.src_dir is not None and os.path.normpath(file.src_dir) == docs
            if from_docs and not self.catalog.docs.publishable(file.src_uri):
                files.remove(file)
        for uri in (*ASSET_URIS, *(QUICK_EXIT_ASSETS if self.config.quick_exit else ())):
            if files.get_file_from_path(uri) is None:
                files.append(File.generated(config, uri, abs_src_path=str(ASSETS / posixpath.basename(uri))))
        return files

    def _add_assessment_pages(self, files: Files, config: MkDocsConfig) -> None:
        """Generate each track's assessment pages (``tracks/<id>/pre-test|exam|post-test``) for this language.

        They are in no docs folder: a track with ``assessments:`` has its pages without anyone writing one.
        static-i18n has already picked this build's files, so each page is given this language's address
        (``es/…`` for a language other than the default) and the attributes static-i18n reads (its
        alternates: the same page in the other languages, for the language selector).
        """
        assert self.catalog is not None
        lang, default = _build_language(config), _default_language(config)
        self.assessment_pages = {}
        for track in self.catalog.tracks:
            for form in render.assessment_forms(track):
                src_uri = render.assessment_doc(track.id, form)
                if files.get_file_from_path(src_uri) is not None:
                    continue  # a page written by hand wins (and is checked like any page)
                alternates = {}
                for other in self.catalog.languages:
                    f = File.generated(config, src_uri, content=render.assessment_markdown(
                        self.catalog, track, form, other))
                    dest = src_uri.removesuffix(".md") + ".html"
                    f.dest_uri = dest if other == default else f"{other}/{dest}"
                    alternates[other] = f
                page = alternates[lang]
                for other, f in alternates.items():
                    f.alternates = alternates  # type: ignore[attr-defined]
                    f.locale = f.locale_alternate_of = f.localization = other  # type: ignore[attr-defined]
                    f.norm_src_uri = src_uri  # type: ignore[attr-defined]
                files.append(page)
                self.assessment_pages[src_uri] = (track.id, form)

    # -- pages -------------------------------------------------------------------------------------------

    @event_priority(-50)  # after i18n (50) has localised the page; before Markdown is converted
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        catalog = self.catalog
        if catalog is None:
            return markdown
        # Front matter reaches the theme's <head> unescaped: keep only what a page may say about itself, in
        # plain text (the source check reports the rest as CUR312; this is the second line).
        page.meta = {k: v for k, v in page.meta.items() if k in pagesafety.FRONT_MATTER_KEYS
                     and not any(ch in str(v) for ch in '<>&"`')}
        lang = _build_language(config)
        edition = self.config.edition
        if edition == render.FACILITATOR:
            notes = escape(catalog.string(lang, "facilitator_notes"), quote=True)
            markdown = markers.unwrap(
                markdown, markers.FACILITATOR,
                f'\n<div class="cur-facilitator" markdown="1" aria-label="{notes}">\n', "\n</div>\n")
        else:
            markdown = markers.remove(markdown, markers.FACILITATOR)
        prefix = _prefix(page.file.src_uri)
        if any(m.group(1) == "track" for m in render.GENERATED.finditer(markdown)):
            self.track_pages.add(page.file.src_uri)
        try:
            markdown = render.expand_generated(catalog, markdown, lang, prefix)
        except LookupError as exc:
            raise PluginError(str(exc)) from None
        if page.file.src_uri in self.assessment_pages:
            self.quiz_pages.add(page.file.src_uri)
            return markdown
        module = catalog.module_for_page(page.file.src_uri)
        if module is None:
            return markdown
        parts = [render.module_header(catalog, module, lang)]
        if edition == render.FACILITATOR:
            parts.append(f'<p class="cur-edition">{escape(catalog.string(lang, "facilitator_edition"))}</p>\n\n')
        parts.append(markdown)
        quiz = catalog.quiz_for(module)
        if quiz is not None:
            # Only the heading goes through Markdown; the form is spliced in after conversion
            # (on_page_content), so md_in_html never re-parses the largest block of the page.
            parts.append("\n\n" + render.quiz_heading(quiz, lang))
            self.quiz_pages.add(page.file.src_uri)
        parts.append("\n\n" + render.sources_block(catalog, module, lang))
        return "".join(parts)

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if self.catalog is None:
            return html
        generated = self.assessment_pages.get(page.file.src_uri)
        if generated is not None and render.ASSESSMENT_SLOT in html:
            track = self.catalog.track(generated[0])
            assert track is not None
            form = render.assessment_html(self.catalog, track, generated[1], _build_language(config),
                                          self.config.edition)
            html = html.replace(render.ASSESSMENT_SLOT, form, 1)
        module = self.catalog.module_for_page(page.file.src_uri)
        quiz = self.catalog.quiz_for(module) if module else None
        if quiz is not None and render.QUIZ_SLOT in html:
            form = render.quiz_html(self.catalog, quiz, _build_language(config), self.config.edition)
            html = html.replace(render.QUIZ_SLOT, form, 1)
        # HTML comments are never published (nor indexed for search): whatever an author wrote in one stays
        # in the sources. Comments in code examples are escaped text, not comments, and are kept.
        html = markers.strip_comments(html)
        # The page as rendered gets the same scan as its source: what a Markdown trick produced is caught here.
        for line, col, code, message in pagesafety.scan_html(html):
            log.error(f"{page.file.src_uri}: {code} {message} (in the page as rendered, line {line}, column {col})")
        return html

    @event_priority(-200)  # last: search (0) and i18n have read the content; the theme renders from here on
    def on_page_context(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext | None:
        """Hand the theme a slot instead of the content: the policy of a page is computed from the theme's
        output alone, so nothing in the content can ever be taken for one of the theme's scripts."""
        if self.catalog is None or page.content is None:
            return context
        content = page.content
        slot = f'<div data-curriculum-content="{self.slot_token}">{"<h1>" if "<h1" in content else ""}</div>'
        self.contents[page.file.src_uri] = (slot, content)  # Material adds a title unless it sees "<h1"
        page.content = slot
        return context

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str | None:
        if self.catalog is None:
            return output_content
        if template_name.endswith(".html"):
            output_content = csp.with_policy(output_content)
        if template_name == "404.html":  # static-i18n writes one 404.html per build; keep each language's
            self.not_found[_build_language(config)] = output_content
        return output_content

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str | None:
        if page.file.src_uri in self.quiz_pages:
            output = _with_assets(output, page, *QUIZ_ASSETS)
        if page.file.src_uri in self.assessment_pages:  # after quiz.js (deferred scripts run in order)
            js = get_relative_url(ASSESSMENT_JS, page.url)
            output = _before_body_end(output, f'<script src="{js}" defer></script>\n')
        if page.file.src_uri in self.track_pages:
            output = _with_assets(output, page, *PROGRESS_ASSETS)
        if self.config.quick_exit and self.catalog is not None:
            output = _with_quick_exit(output, page, self.catalog, _build_language(config), self.config.quick_exit_url)
        lang, default = _build_language(config), _default_language(config)
        if lang != default and page.url.startswith(f"{lang}/"):
            output = search_split.rebase(output, page.url, lang)
        if self.catalog is not None:
            output = csp.with_policy(output)  # the theme's own scripts, while the content is still a slot
            slot, content = self.contents.pop(page.file.src_uri, ("", ""))
            if slot:
                if output.count(slot) != 1:
                    raise PluginError(f"{page.file.src_uri}: the theme did not render the page's content once")
                output = output.replace(slot, content)
                page.content = content
        return output

    @event_priority(-110)  # after i18n (-100) merged the languages' indexes and offline (-100) inlined it
    def on_post_build(self, config: MkDocsConfig) -> None:
        i18n = config.plugins.get("i18n")
        if self.catalog is None or i18n is None or getattr(i18n, "building", False):
            return  # a nested language build: the merged index does not exist yet
        default = _default_language(config)
        others = [lang for lang in self.catalog.languages if lang != default]
        counts = search_split.split_index(Path(config.site_dir), default, others)
        log.debug("search index split per language: %s", counts)
        # The last language built overwrote the shared 404 page (static-i18n #284): restore the default
        # language's at the root, and give each other language its own under <lang>/.
        for lang, page in self.not_found.items():
            target = Path(config.site_dir) / ("404.html" if lang == default else f"{lang}/404.html")
            if target.parent.is_dir():
                target.write_text(page, encoding="utf-8")


def _with_assets(output: str, page: Page, js_uri: str, css_uri: str) -> str:
    """Link a stylesheet in the head and a deferred script at the end of the body, page-relative."""
    css, js = get_relative_url(css_uri, page.url), get_relative_url(js_uri, page.url)
    output = output.replace("</head>", f'<link rel="stylesheet" href="{css}">\n</head>', 1)
    return _before_body_end(output, f'<script src="{js}" defer></script>\n')


def _before_body_end(output: str, tag: str) -> str:
    """Insert ``tag`` before the page's own ``</body>``: the last one (content cannot hold it, being a slot)."""
    at = output.rfind("</body>")
    return output if at < 0 else output[:at] + tag + output[at:]


def _with_quick_exit(output: str, page: Page, catalog: Catalog, lang: str, url: str) -> str:
    """The quick-exit button first in the body (first in the tab order), with its own script and style.

    A plain link to the neutral page (it leaves even without script); the script makes the exit replace the
    current history entry and adds the Escape-twice shortcut. Nothing is fetched until the reader uses it.
    """
    hint = escape(catalog.string(lang, "quick_exit_hint"))
    button = (f'<a class="cur-quick-exit" data-quick-exit href="{escape(url, quote=True)}" rel="noopener noreferrer" '
              f'referrerpolicy="no-referrer" aria-describedby="cur-quick-exit-hint">'
              f'{escape(catalog.string(lang, "quick_exit"))}</a>'
              f'<span id="cur-quick-exit-hint" class="cur-quick-exit-hint">{hint}</span>')
    body = _BODY.search(output)
    if body is None:
        return output
    output = output[: body.end()] + "\n" + button + output[body.end():]
    return _with_assets(output, page, *QUICK_EXIT_ASSETS)


def _add_templates(config: MkDocsConfig) -> None:
    """Put our templates just before the theme's own, after any project custom_dir."""
    dirs = config.theme.dirs
    if str(TEMPLATES) in dirs:
        return
    custom = config.theme.get("custom_dir")
    position = 1 if custom and dirs and Path(dirs[0]) == Path(custom).resolve() else 0
    dirs.insert(position, str(TEMPLATES))


def _build_language(config: MkDocsConfig) -> str:
    """The language being built: static-i18n's current language, else the theme's."""
    i18n = config.plugins.get("i18n")
    if i18n is not None:
        return getattr(i18n, "current_language", None) or getattr(i18n, "default_language", None) or "en"
    return str(config.theme.get("language") or "en")


def _default_language(config: MkDocsConfig) -> str:
    i18n = config.plugins.get("i18n")
    return (getattr(i18n, "default_language", None) if i18n is not None else None) or "en"


def _localise_theme(config: MkDocsConfig, catalog: Catalog, lang: str) -> None:
    """The theme's strings that Material does not translate, from the locale files, for this language build.

    The palette toggles' names (their tooltip and label: each names the scheme it switches to) and the heading
    permalinks' title (Python-Markdown's ``toc``). ``on_config`` runs once per language build: this sets them
    afresh each time, and static-i18n's per-language overrides are not needed for them.
    """
    palette = config.theme.get("palette")
    if isinstance(palette, list):
        for n, option in enumerate(palette):
            target = palette[(n + 1) % len(palette)]
            key = _TOGGLE_TO.get(str(target.get("scheme")) if isinstance(target, dict) else "")
            toggle = option.get("toggle") if isinstance(option, dict) else None
            if isinstance(toggle, dict) and key is not None:
                toggle["name"] = catalog.string(lang, key)
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = catalog.string(lang, "permalink_title")


_TOGGLE_TO = {"slate": "palette_to_dark", "default": "palette_to_light"}  # Material's dark and light schemes


def _prefix(src_uri: str) -> str:
    """Relative path from a page's folder back to the docs root ('' or '../'...)."""
    depth = src_uri.count("/")
    return "../" * depth


def _track_pages(catalog: Catalog) -> dict[str, list[str]]:
    """The generated assessment pages that follow each track's page (``tracks/<id>.md``) in the nav."""
    return {f"tracks/{t.id}.md": [render.assessment_doc(t.id, form) for form in render.assessment_forms(t)]
            for t in catalog.tracks}


def _expand_nav(nav: list | None, catalog: Catalog, after: dict[str, list[str]] | None = None) -> list | None:
    """Replace the ``curriculum:modules`` placeholder with the module pages, in curriculum order, and put each
    track's assessment pages after the track's page."""
    if nav is None:
        return None
    after = after or {}
    out: list = []
    for item in nav:
        if isinstance(item, dict):
            ((title, value),) = item.items()
            if value == NAV_MODULES:
                out.append({title: [m.url_path for m in catalog.modules]})
            elif isinstance(value, list):
                out.append({title: _expand_nav(value, catalog, after)})
            else:
                out.append(item)
                out += [p for p in after.get(str(value), []) if p not in nav]
        elif item == NAV_MODULES:
            out += [m.url_path for m in catalog.modules]
        else:
            out.append(item)
            out += [p for p in after.get(str(item), []) if p not in nav]
    return out
