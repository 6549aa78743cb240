"""The ``curriculum`` command: check sources, list codes, build the site safely.

Exit codes: 0 success, 1 problems found (or build failed), 2 usage error,
3 the output cannot be written or a tool the export needs is missing (`export`).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from curriculum import codes, settings
from curriculum.diagnostics import fails_build, render_all, to_github, to_json
from curriculum.loader import load_catalog


def _cmd_check(args: argparse.Namespace) -> int:
    root = Path(args.root).resolve()
    if not root.is_dir():
        print(f"curriculum: error: project folder `{args.root}` does not exist", file=sys.stderr)
        return 2
    docs_dir = settings.docs_dir(root, args.docs_dir)
    if docs_dir is None:
        print(f"curriculum: error: the docs folder `{args.docs_dir or 'docs_dir'}` must be a folder inside the "
              f"project `{root}`", file=sys.stderr)
        return 2
    catalog, diags = load_catalog(root, docs_dir, release=args.release)
    if args.format == "json":
        print(to_json(diags))
    elif args.format == "github":
        if len(diags):
            print(to_github(diags))
    elif len(diags):
        print(render_all(diags))
    errors, warnings, notes = len(diags.errors), len(diags.warnings), len(diags.infos)
    failed = fails_build(diags)
    if args.format == "text":
        summary = (f"{len(catalog.modules)} modules, {len(catalog.quizzes)} quizzes, "
                   f"{sum(len(q.questions) for q in catalog.quizzes.values())} questions, "
                   f"{len(catalog.tracks)} tracks, {len(catalog.terms)} glossary terms: ")
        summary += f"{errors} error(s), {warnings} warning(s)" if failed else "no problems"
        if notes:
            summary += f", {notes} note(s)"
        if warnings and not errors:
            summary += " — warnings fail the strict site build too"
        if args.release:
            todo = sum(d.code == "CUR702" for d in diags)
            summary += f" — release: {todo} required review(s) not done" if todo else " — release: every review done"
        print(summary, file=sys.stderr if failed else sys.stdout)
    return 1 if failed else 0


def _cmd_codes(args: argparse.Namespace) -> int:
    if args.markdown:
        sys.stdout.write(codes.render_markdown())
    else:
        for c in codes.CODES.values():
            print(f"{c.code}  {c.name:<26} {c.summary}")
    return 0


def _cmd_build(args: argparse.Namespace) -> int:
    from curriculum.sitebuild import build_site  # imports MkDocs only when building

    return build_site(
        Path(args.config), Path(args.site_dir) if args.site_dir else None, edition=args.edition, strict=True
    )


def _cmd_export(args: argparse.Namespace) -> int:
    from curriculum.export.run import run_export  # imports MkDocs only when a site is needed

    config = Path(args.config)
    out = Path(args.output) if args.output else config.resolve().parent / "dist"
    return run_export(config, out, args.formats, args.track or [], args.lang or [])


def _format_name(formats: tuple[str, ...], groups: Mapping[str, object]) -> Callable[[str], str]:
    def check(value: str) -> str:  # argparse's `choices` rejects an empty `nargs="*"` list
        if value not in formats and value not in groups:
            raise argparse.ArgumentTypeError(f"unknown format `{value}` (choose from {', '.join([*groups, *formats])})")
        return value
    return check


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="curriculum", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="validate every source; exit 1 on any error (no site build)")
    check.add_argument("--root", default=".", help="project folder (default: current folder)")
    check.add_argument("--docs-dir", default=None,
                       help="folder of pages and modules, inside the project (default: docs_dir of mkdocs.yml)")
    check.add_argument("--format", choices=("text", "json", "github"), default="text",
                       help="text (default): `path:line:col: CODE message`; json: a list of objects; github: "
                            "GitHub Actions annotations (`::error file=…,line=…,col=…::…`); see docs/diagnostics.md")
    check.add_argument("--release", action="store_true",
                       help="also require what a release needs: every review curriculum.yml requires done in every "
                            "module's ledger (each one pending or missing is a CUR702 error)")
    check.set_defaults(func=_cmd_check)

    code_list = sub.add_parser("codes", help="list the diagnostic codes")
    code_list.add_argument("--markdown", action="store_true", help="print the reference page (docs/diagnostics.md)")
    code_list.set_defaults(func=_cmd_codes)

    build = sub.add_parser(
        "build", help="build the site; the previous site is kept if the build fails",
        description="Build the site into a new folder beside the output folder and swap it in only when the build "
                    "succeeded. Every site built carries a `.curriculum-site` marker; only a folder with that "
                    "marker, or an empty or missing one, is ever replaced. The project folder, its source folders "
                    "and any other folder are refused (exit 2) before anything is built.")
    build.add_argument("-f", "--config", default="mkdocs.yml", help="MkDocs configuration (default: mkdocs.yml)")
    build.add_argument("-d", "--site-dir", default=None,
                       help="output folder, relative to the current folder (default: the configuration's site_dir "
                            "for the learner edition; site-facilitator/ beside the configuration for the facilitator "
                            "edition, which never goes to site_dir); it must be missing, empty, or a site curriculum "
                            "built (it holds a `.curriculum-site` marker)")
    build.add_argument("--edition", choices=("learner", "facilitator"), default="learner")
    build.set_defaults(func=_cmd_build)

    from curriculum.export import FORMATS, GROUPS
    from curriculum.model import LANGUAGES

    export = sub.add_parser(
        "export", help="SCORM packages, quiz banks, handbooks (PDF) and offline bundles, into dist/",
        description="Export the curriculum for learning-management systems, print and offline use. Files are "
                    "named <track|kind>.<lang>.<format>.<ext> under the output folder; each is written completely "
                    "or not at all, and nothing outside the output folder is touched.")
    export.add_argument("formats", nargs="*", metavar="FORMAT", type=_format_name(FORMATS, GROUPS),
                        help=f"what to export (default: all): {', '.join(FORMATS)}; or a group: "
                             + ", ".join(f"{g} ({' '.join(fs)})" for g, fs in GROUPS.items() if g != "all"))
    export.add_argument("--track", action="append", metavar="ID",
                        help="SCORM packages and handbooks of this track only (repeatable; default: every track)")
    export.add_argument("--lang", action="append", choices=LANGUAGES, help="only this language (repeatable)")
    export.add_argument("-o", "--output", default=None, help="output folder (default: dist/ beside the configuration)")
    export.add_argument("-f", "--config", default="mkdocs.yml", help="MkDocs configuration (default: mkdocs.yml)")
    export.set_defaults(func=_cmd_export)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
