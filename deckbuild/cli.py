"""The command line: translates arguments to `deckbuild.build` and results to messages.

Input problems print as `path:line: message` and exit 1; usage mistakes exit 2
(click's own convention); a traceback appears only with --debug.
"""
from __future__ import annotations

import sys
import traceback
from pathlib import Path

import click

from . import __version__
from .build import build, format_for, output_paths
from .errors import DeckError

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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="deckbuild")
@click.option("--debug", is_flag=True, help="Show a traceback when something fails.")
@click.pass_context
def main(ctx, debug):
    """Build PowerPoint decks and printable handouts from Markdown."""
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


@main.command("build")
@click.argument("sources", nargs=-1, type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write one file: NAME.pptx for the deck or NAME.pdf for the handout.")
@click.option("--out-dir", type=click.Path(file_okay=False), default="output", show_default=True,
              help="Folder for NAME.pptx and NAME-handout.pdf.")
@click.option("--region", help="Region file to use (source/regions/NAME.yaml).")
@click.option("--handout", "handout", type=click.Choice(["notes", "outline", "full"]),
              help="Handout layout (default: the deck's 'handout:', else notes).")
@click.option("--paper", type=click.Choice(["letter", "a4"]), default="letter",
              show_default=True, help="Handout paper size.")
@click.pass_context
def build_command(ctx, sources, output, out_dir, region, handout, paper):
    """Build decks (default: every source/*.md) into a deck and a handout."""
    paths = _sources(sources)
    if output and len(paths) > 1:
        raise click.UsageError("-o names one file, so give one SOURCE (or use --out-dir)")
    failed = False
    for source in paths:
        try:
            if output:
                out = Path(output)
                targets = {format_for(out): out}
            else:
                targets = output_paths(source, Path(out_dir), region)
            result = build(source, targets, region=region, paper=paper, handout=handout)
        except DeckError as exc:
            click.echo(str(exc), err=True)
            failed = True
            continue
        except Exception as exc:  # a bug: say so plainly
            _fail(ctx, exc)
        for finding in result.findings:
            click.echo(str(finding), err=True)
        names = ", ".join(str(p) for p in result.written)
        click.echo(f"{source}: {result.slides} slides -> {names}")
    if failed:
        ctx.exit(1)
