"""The command line: translates arguments to `deckbuild.build` and results to messages.

Input problems print as `path:line: message` and exit 1; usage mistakes exit 2
(click's own convention); a traceback appears only with --debug.
"""
from __future__ import annotations

import errno
import io
import os
import signal
import sys
import time
import traceback
from pathlib import Path
from typing import Optional

import click

from . import __version__
from .build import build, check_distinct_outputs, format_for, output_paths
from .errors import DeckError
from .limits import MAX_SLIDES, MAX_SOURCE_BYTES

SOURCE_DIR = Path("source")


def _fail(ctx, exc: Exception) -> None:
    if ctx.obj.get("debug"):
        traceback.print_exc()
    if isinstance(exc, DeckError):
        click.echo(str(exc), err=True)
    else:
        click.echo(f"deckbuild: internal error ({type(exc).__name__}: {exc}). This is a bug in"
                   " deckbuild, not in your deck; run again with --debug and report what it"
                   " prints.", err=True)
    ctx.exit(1)


def _sources(sources) -> list:
    if sources:
        return [Path(s) for s in sources]
    found = sorted(SOURCE_DIR.glob("*.md"))
    if not found:
        raise click.UsageError("no deck to build: name a Markdown file, or run this in a"
                               " folder that has source/*.md")
    return found


def _output_options(command):
    """The options `build` and `watch` share: what to build, where, for which region."""
    for option in reversed([
        click.argument("sources", nargs=-1, type=click.Path(dir_okay=False)),
        click.option("-o", "--output", type=click.Path(dir_okay=False),
                     help="Write one file: NAME.pptx for the deck or NAME.pdf for the handout."),
        click.option("--out-dir", type=click.Path(file_okay=False), default="output",
                     show_default=True, help="Folder for NAME.pptx, NAME-handout.pdf and NAME-facilitator.pdf."),
        click.option("--region", help="Region file to use (source/regions/NAME.yaml)."),
        click.option("--lang", help="Build the deck's translation into this language"
                     " (source/NAME.LANG.po): NAME.LANG.pptx, NAME.LANG-handout.pdf..."),
        click.option("--handout", "handout",
                     type=click.Choice(["notes", "outline", "full", "workbook", "large-print"]),
                     help="Handout layout (default: the deck's 'handout:', else notes)."),
        click.option("--paper", type=click.Choice(["letter", "a4"]), default="letter",
                     show_default=True, help="Handout paper size."),
        click.option("--facilitator/--no-facilitator", default=None,
                     help="Also write NAME-facilitator.pdf, the facilitator guide (default:"
                          " yes, unless the deck says 'facilitator: false')."),
    ]):
        command = option(command)
    return command


class _Report(io.TextIOBase):
    """The standard output or error, whose write errors are kept instead of raised.

    A full disk (`> /dev/full`), a closed pipe or a terminal gone away must not
    stop the builds half way or end in a traceback: the writing stops, the builds
    go on, and the command says so once at the end (exit status 1).
    """

    def __init__(self, stream):
        self.stream = stream
        self.error: Optional[OSError] = None

    def write(self, text):
        if self.error is None:
            try:
                return self.stream.write(text)
            except OSError as exc:
                self.error = exc
        return len(text)

    def flush(self):
        if self.error is None:
            try:
                self.stream.flush()
            except OSError as exc:
                self.error = exc

    def writable(self):
        return True

    def isatty(self):
        try:
            return self.stream.isatty()
        except (OSError, ValueError):
            return False

    def fileno(self):
        return self.stream.fileno()

    @property
    def encoding(self):
        return getattr(self.stream, "encoding", "utf-8")

    @property
    def errors(self):
        return getattr(self.stream, "errors", "strict")


def _hold_standard_descriptors() -> None:
    """Give a closed stdin, stdout or stderr (`>&-`) to /dev/null, so no file we open
    takes its number and receives what is printed."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            try:
                opened = os.open(os.devnull, os.O_RDWR)
                if opened != fd:
                    os.dup2(opened, fd)
                    os.close(opened)
            except OSError:
                pass


class _Command(click.Group):
    def main(self, *args, **kwargs):
        _hold_standard_descriptors()
        saved = sys.stdout, sys.stderr
        out = sys.stdout = _Report(sys.stdout) if sys.stdout is not None else None
        err = sys.stderr = _Report(sys.stderr) if sys.stderr is not None else None
        status = 0
        try:
            super().main(*args, **kwargs)
        except SystemExit as exc:
            status = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            if kwargs.get("standalone_mode", True) is False:
                raise
        finally:
            sys.stdout, sys.stderr = saved
        if out is not None and out.error is not None:
            if err is not None and err.error is None and out.error.errno != errno.EPIPE:
                try:
                    click.echo(f"deckbuild: could not print to the standard output"
                               f" ({out.error.strerror or out.error}); what was built is in"
                               " place, but its report was lost", err=True)
                except OSError:
                    pass
            _silence_stdout()
            status = status or 1
        if err is not None and err.error is not None:
            status = status or 1
        sys.exit(status)


def _silence_stdout() -> None:
    """Python flushes stdout once more on exit; that must not fail again."""
    try:
        sys.stdout = open(os.devnull, "w")
        os.dup2(sys.stdout.fileno(), 1)
    except OSError:
        pass


@click.group(cls=_Command, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="deckbuild")
@click.option("--debug", is_flag=True, help="Show a traceback when something fails.")
@click.pass_context
def main(ctx, debug):
    """Build PowerPoint decks and printable handouts from Markdown."""
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


@main.command("build")
@_output_options
@click.option("--all-regions", is_flag=True,
              help="Build for every region file: NAME-REGION.pptx, -handout.pdf, -facilitator.pdf.")
@click.option("--all-languages", is_flag=True,
              help="Build every language of the deck's 'languages:' (NAME.LANG.pptx...).")
@click.option("--strict", is_flag=True,
              help="Stop when a text has no translation (with --lang or --all-languages).")
@click.option("--force", is_flag=True, help="Build even the outputs that are up to date.")
@click.option("--no-limits", "no_limits", is_flag=True,
              help=f"Build a deck over the size limits ({MAX_SLIDES:,} slides,"
                   f" {MAX_SOURCE_BYTES // 1024:,} KB) anyway; it takes minutes.")
@click.pass_context
def build_command(ctx, sources, output, out_dir, region, lang, all_regions, all_languages,
                  handout, paper, facilitator, strict, force, no_limits):
    """Build decks (default: every source/*.md) into a deck, a handout and a facilitator guide."""
    paths = _sources(sources)
    if output and len(paths) > 1:
        raise click.UsageError("-o names one file, so give one SOURCE (or use --out-dir)")
    if all_regions or all_languages:
        if output or (region and all_regions) or (lang and all_languages):
            raise click.UsageError("--all-regions and --all-languages write NAME-REGION.LANG"
                                   " files into --out-dir; leave out -o (and --region with"
                                   " --all-regions, --lang with --all-languages)")
        _build_all_regions(ctx, paths, Path(out_dir), paper, handout, force, facilitator,
                           regions=all_regions, languages=all_languages, region=region,
                           lang=lang, strict=strict, limits=not no_limits)
        return
    failed = False
    try:
        check_distinct_outputs([(str(source), _targets(source, output, out_dir, region, lang))
                                for source in paths])
    except DeckError as exc:
        click.echo(str(exc), err=True)
        ctx.exit(1)
    for source in paths:
        try:
            result = build(source, _targets(source, output, out_dir, region, lang),
                           region=region, paper=paper, handout=handout, force=force,
                           facilitator=facilitator, lang=_other_language(source, lang),
                           strict=strict, limits=not no_limits)
        except DeckError as exc:
            if ctx.obj.get("debug"):
                traceback.print_exc()
            click.echo(str(exc), err=True)
            failed = True
            continue
        except Exception as exc:  # a bug: say so plainly
            _fail(ctx, exc)
        for finding in result.findings:
            click.echo(str(finding), err=True)
        click.echo(_built(result))
    if failed:
        ctx.exit(1)


def _targets(source: Path, output, out_dir, region, lang=None) -> dict:
    if output:
        out = Path(output)
        return {format_for(out): out}
    return output_paths(source, Path(out_dir), region, _other_language(source, lang))


def _other_language(source: Path, lang):
    """`--lang` as the outputs name it: None for the deck's own language."""
    if not lang:
        return None
    from .translate import build_language
    return build_language(source, lang)


def _built(result, seconds: bool = False, label: str = "") -> str:
    """One line for one deck: what was written, and what was already up to date."""
    parts = []
    if result.written:
        parts.append(f"{result.slides} slides -> " + ", ".join(str(p) for p in result.written))
    if result.skipped:
        parts.append("up to date: " + ", ".join(str(p) for p in result.skipped))
    line = f"{label or result.source}: " + "; ".join(parts)
    if seconds and result.written:
        line += f" ({result.seconds:.2f} s)"
    if result.translation:
        line += f" [{result.translation}]"
    return line


def _build_all_regions(ctx, paths, out_dir: Path, paper: str, handout, force: bool,
                       facilitator, regions: bool = True, languages: bool = False,
                       region=None, lang=None, strict: bool = False,
                       limits: bool = True) -> None:
    from .regions import plan_all_regions, run_region_builds
    try:
        plan = plan_all_regions(paths, out_dir, paper, handout, force=force,
                                facilitator=facilitator, regions=regions,
                                languages=languages, region=region, lang=lang, strict=strict,
                                limits=limits)
        label = "Building every " + " and ".join(
            (["region"] if regions else []) + (["language"] if languages else []))
        if len(plan) > 1:
            with click.progressbar(length=len(plan), label=label,
                                   file=sys.stderr) as bar:
                outcomes = run_region_builds(plan, on_done=lambda outcome: bar.update(1))
        else:
            outcomes = run_region_builds(plan)
    except DeckError as exc:
        click.echo(str(exc), err=True)
        ctx.exit(1)
    except Exception as exc:  # a bug: say so plainly
        _fail(ctx, exc)
    failed = False
    for outcome in outcomes:
        if outcome.error:
            click.echo(outcome.error, err=True)
            failed = True
            continue
        result = outcome.result
        for finding in result.findings:
            click.echo(str(finding), err=True)
        click.echo(_built(result, label=f"{outcome.source} [{outcome.label}]" if outcome.label
                          else str(outcome.source)))
    if failed:
        ctx.exit(1)


@main.command("regions")
@click.pass_context
def regions_command(ctx):
    """List the region files (source/regions/*.yaml) with their resource counts."""
    from .regions import region_summaries
    summaries = region_summaries()
    if not summaries:
        click.echo("There are no region files in source/regions; make one with"
                   " 'deckbuild region new NAME'.")
        return
    width = max(len(s.key) for s in summaries)
    broken = False
    for summary in summaries:
        if summary.error:
            click.echo(f"{summary.key:<{width}}  cannot be used:", err=True)
            click.echo(f"  {summary.error}", err=True)
            broken = True
            continue
        groups = f"{summary.groups} group{'s' if summary.groups != 1 else ''}"
        entries = f"{summary.resources} resource{'s' if summary.resources != 1 else ''}"
        verified = f", verified {summary.verified}" if summary.verified else ""
        click.echo(f"{summary.key:<{width}}  {summary.name}: {groups}, {entries}{verified}")
    if broken:
        ctx.exit(1)


@main.group("region")
def region_group():
    """Work with one region file."""


@region_group.command("new")
@click.argument("name")
@click.pass_context
def region_new_command(ctx, name):
    """Write source/regions/NAME.yaml: a commented region file to fill in."""
    from .regions import new_region
    try:
        path = new_region(name)
    except DeckError as exc:
        click.echo(str(exc), err=True)
        ctx.exit(1)
    click.echo(f"Wrote {path}. Fill it in, then: deckbuild build --region {name}")


@main.command("check")
@click.argument("sources", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--region", help="Region file to use (source/regions/NAME.yaml).")
@click.option("--lang", help="Check the deck's translation into this language: also lists"
              " every text not translated yet or fuzzy, with its line.")
@click.option("--strict", is_flag=True, help="Exit with status 1 on warnings too.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="One line per finding, or a JSON list.")
@click.pass_context
def check_command(ctx, sources, region, lang, strict, output_format):
    """Check decks (default: every source/*.md) without writing anything."""
    from .check import as_json, check_source, exit_status
    findings = []
    progress: list = []
    paths = _sources(sources)
    try:
        for source in paths:
            try:
                code = _other_language(source, lang)
            except DeckError as exc:
                click.echo(str(exc), err=True)
                ctx.exit(1)
            findings.extend(check_source(source, region, code, progress))
    except Exception as exc:  # a bug: say so plainly
        _fail(ctx, exc)
    if output_format == "json":
        click.echo(as_json(findings))
    else:
        for finding in findings:
            click.echo(str(finding))
        for counted in progress:
            click.echo(counted.summary(), err=True)
        errors = sum(1 for f in findings if f.level == "error")
        warnings = len(findings) - errors
        click.echo(f"{errors} error{'s' * (errors != 1)}, {warnings} warning"
                   f"{'s' * (warnings != 1)}", err=True)
    ctx.exit(exit_status(findings, strict))


@main.command("translate")
@click.argument("sources", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--lang", required=True, help="The language to translate into, e.g. es, fr, pt-BR.")
@click.option("--region", help="Region whose texts to include (default: the deck's 'region:').")
@click.pass_context
def translate_command(ctx, sources, lang, region):
    """Write or update source/NAME.LANG.po, the deck's translation file.

    New texts get empty entries, texts whose English changed are marked fuzzy
    (the old English kept beside them), and nothing else in the file changes.
    """
    from .translate import translate_source
    failed = False
    for source in _sources(sources):
        try:
            result = translate_source(source, lang, region)
        except DeckError as exc:
            click.echo(str(exc), err=True)
            failed = True
            continue
        except Exception as exc:  # a bug: say so plainly
            _fail(ctx, exc)
        counts = result.counts
        if result.created:
            what = f"wrote {result.path} ({counts['new']} texts to translate)"
        elif result.written:
            changes = [f"{counts[k]} {label}" for k, label in
                       (("new", "new"), ("fuzzy", "changed (now fuzzy)"),
                        ("obsolete", "no longer in the deck")) if counts[k]]
            what = f"updated {result.path}: " + ", ".join(changes or ["references moved"])
        else:
            what = f"{result.path} is up to date"
        click.echo(f"{source}: {what}")
        click.echo(result.progress.summary())
    if failed:
        ctx.exit(1)


@main.command("import")
@click.argument("deck", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="The Markdown file to write (default: source/NAME.md).")
@click.option("--region", help="Also write the resource slides as source/regions/NAME.yaml.")
@click.option("--assets", type=click.Path(file_okay=False),
              help="Folder for the deck's pictures (default: assets/NAME/).")
@click.option("--template", is_flag=True,
              help="Keep the deck's own design as the region's template (needs --region).")
@click.option("--force", is_flag=True, help="Replace files that already exist.")
@click.pass_context
def import_command(ctx, deck, output, region, assets, template, force):
    """Turn a PowerPoint deck (.pptx) into a deckbuild source."""
    from .importing import import_deck
    if template and not region:
        raise click.UsageError("--template keeps the deck's design in a region file: add"
                               " --region NAME")
    try:
        result = import_deck(deck, output, region=region, assets=assets, template=template,
                             force=force)
    except DeckError as exc:
        _fail(ctx, exc)
    except Exception as exc:  # a bug: say so plainly
        _fail(ctx, exc)
    for line in result.lost:
        click.echo(f"{deck}: {line}", err=True)
    pictures = sum(1 for p in result.written if p.parent != result.markdown.parent and
                   p.suffix.lower() != ".yaml" and p != result.template)
    parts = [f"{result.slides} slides -> {result.markdown}"]
    if pictures:
        parts.append(f"{pictures} picture{'s' * (pictures != 1)}")
    if result.region is not None and result.resources:
        parts.append(f"{result.resources} resource{'s' * (result.resources != 1)} ->"
                     f" {result.region} (a draft: check every entry)")
    elif result.region is not None:
        parts.append(f"region -> {result.region} (no resource slides were found)")
    if result.template is not None:
        parts.append(f"template -> {result.template}")
    click.echo(f"{deck}: " + "; ".join(parts))
    if result.lost:
        click.echo(f"{len(result.lost)} thing{'s' * (len(result.lost) != 1)} could not be"
                   " carried over exactly (listed above; comments in the Markdown mark where).",
                   err=True)
    click.echo(f"Next: deckbuild build {result.markdown}")
@main.group("template")
def template_group():
    """Look at an organization's PowerPoint template."""


@template_group.command("check")
@click.argument("file", type=click.Path(dir_okay=False))
@click.pass_context
def template_check_command(ctx, file):
    """What deckbuild makes of a template (.pptx or .potx), before building with it."""
    from .check.template import exit_status, template_report
    from .layout.template_geometry import display_path
    try:
        lines = template_report(file)
    except Exception as exc:  # a bug: say so plainly
        _fail(ctx, exc)
    shown = display_path(file)
    for line in lines:
        click.echo(line.format(shown))
    ctx.exit(exit_status(lines))


@main.command("watch")
@_output_options
@click.option("--interval", type=click.FloatRange(min=0.05), default=0.3, show_default=True,
              help="Seconds between looks at the files.")
@click.pass_context
def watch_command(ctx, sources, output, out_dir, region, lang, handout, paper, facilitator,
                  interval):
    """Build, then build again whenever a deck, region, picture or template is saved."""
    from .watch import Watcher

    _sources(sources)  # no deck at all is a usage error now, not an empty watch
    if output and len(_sources(sources)) > 1:
        raise click.UsageError("-o names one file, so give one SOURCE (or use --out-dir)")

    def list_sources():
        try:  # a deck removed while watching is left out (and reported once)
            return [path for path in _sources(sources) if os.path.lexists(path)]
        except click.UsageError:  # the last deck was removed while watching
            return []

    def build_source(source: Path):
        return build(source, _targets(source, output, out_dir, region, lang), region=region,
                     paper=paper, handout=handout, facilitator=facilitator,
                     lang=_other_language(source, lang))

    def report(event) -> None:
        # Problems start with path:line, as in build; what was built says when.
        if event.error is not None:
            if isinstance(event.error, DeckError):
                click.echo(str(event.error), err=True)
            else:
                if ctx.obj.get("debug"):
                    traceback.print_exception(event.error)
                click.echo(f"{event.source}: deckbuild: internal error"
                           f" ({type(event.error).__name__}: {event.error}). This is a bug in"
                           " deckbuild; watching goes on.", err=True)
            return
        when = time.strftime('%H:%M:%S')
        if event.removed:
            click.echo(f"{event.source}: deck removed at {when}; its outputs were left as they"
                       " are. Watching goes on.")
            return
        result = event.result
        if not result.written and not event.first and not event.fixed:
            return  # saved without a change: nothing to say
        for finding in result.findings:
            click.echo(str(finding), err=True)
        if event.fixed and not result.written:
            click.echo(f"{result.source}: fixed at {when}; it is as it was at its last build,"
                       " so the outputs are up to date")
            return
        click.echo(f"{_built(result, seconds=True)} at {when}" + (" (fixed)" if event.fixed
                                                                    else ""))

    # Ctrl-C stops watching even when the shell started us with interrupts ignored
    # (as it does for a command run in the background).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    watcher = Watcher(list_sources, build_source, report, interval)
    click.echo(f"Watching for changes every {interval:g} s; press Ctrl-C to stop.")
    try:
        watcher.run()
    except KeyboardInterrupt:
        click.echo("Stopped watching.")


@main.command("preview")
@click.argument("source", required=False, type=click.Path(dir_okay=False))
@click.option("--region", help="Region file to use (source/regions/NAME.yaml).")
@click.option("--lang", help="Show the deck's translation into this language"
              " (source/NAME.LANG.po); saving the PO file redraws it too.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to serve on (0: any free port).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to serve on. Anything but this computer's own lets others see"
                   " the deck.")
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in the browser.")
@click.option("--out-dir", type=click.Path(file_okay=False), default="output",
              show_default=True, help="Folder the download links build into.")
@click.option("--interval", type=click.FloatRange(min=0.05), default=0.3, show_default=True,
              help="Seconds between looks at the files.")
@click.pass_context
def preview_command(ctx, source, region, lang, port, host, open_browser, out_dir, interval):
    """Show the deck in the browser, redrawn each time a file of it is saved."""
    from .preview import PreviewSession, is_loopback, open_page

    sources = _sources([source] if source else [])
    if len(sources) > 1:
        raise click.UsageError("there are several decks in source/: name the one to preview")
    if not is_loopback(host):
        click.echo(f"Warning: serving on {host}: anyone who can reach this computer on port"
                   f" {port} can see the deck and its notes.", err=True)
    try:
        session = PreviewSession(sources[0], region, host, port, Path(out_dir), interval,
                                 report=lambda text, error: click.echo(text, err=error),
                                 lang=lang)
    except OSError as exc:
        click.echo(f"deckbuild: cannot serve on {host}:{port} ({exc.strerror or exc}); another"
                   " program may use that port: try --port 8001, or --port 0 for any.", err=True)
        ctx.exit(1)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    session.start()
    click.echo(f"Preview of {sources[0]} at {session.url} ; press Ctrl-C to stop.")
    if open_browser:
        open_page(session.url)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        session.stop()
        click.echo("Stopped the preview.")
