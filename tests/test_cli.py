"""The command line with click's CliRunner: messages, files written, exit codes."""
from click.testing import CliRunner

from deckbuild import __version__
from deckbuild.cli import main

GOOD = "---\ntitle: T\n---\n\n## Slide\n\n- point\n"


def run(project, *args):
    runner = CliRunner()
    import os
    cwd = os.getcwd()
    os.chdir(project.root)
    try:
        return runner.invoke(main, list(args), catch_exceptions=False)
    finally:
        os.chdir(cwd)


def test_build_writes_deck_and_handout(project):
    project.deck(GOOD, "talk")
    result = run(project, "build")
    assert result.exit_code == 0, result.output
    assert (project.root / "output" / "talk.pptx").stat().st_size > 0
    assert (project.root / "output" / "talk-handout.pdf").stat().st_size > 0
    assert "talk.md: 2 slides" in result.output


def test_dash_o_picks_the_format_from_the_extension(project):
    source = project.deck(GOOD, "talk")
    result = run(project, "build", str(source), "-o", "x/only.pdf")
    assert result.exit_code == 0, result.output
    assert (project.root / "x" / "only.pdf").read_bytes().startswith(b"%PDF")
    assert not (project.root / "x" / "only.pptx").exists()
    bad = run(project, "build", str(source), "-o", "x/only.docx")
    assert bad.exit_code == 1
    assert ".pptx" in bad.output


def test_bad_input_is_path_line_message_and_exit_1(project):
    source = project.deck("## Slide\n\ntext\n\n::: resources\n:::\n", "talk")
    result = run(project, "build", str(source))
    assert result.exit_code == 1
    first = result.output.strip().splitlines()[0]
    assert first.startswith(f"{source}:5: ")
    assert "Traceback" not in result.output


def test_failed_build_leaves_the_last_good_deck(project):
    source = project.deck(GOOD, "talk")
    assert run(project, "build").exit_code == 0
    deck = project.root / "output" / "talk.pptx"
    before = deck.read_bytes()
    source.write_text("## Slide\n\n::: resources\n:::\n")
    assert run(project, "build").exit_code == 1
    assert deck.read_bytes() == before


def test_usage_errors_exit_2(project):
    assert run(project, "build", "--paper", "tabloid").exit_code == 2
    assert run(project, "nonsense").exit_code == 2


def test_no_decks_is_a_usage_error(project):
    result = run(project, "build")
    assert result.exit_code == 2
    assert "source/*.md" in result.output


def test_missing_file(project):
    result = run(project, "build", "nope.md")
    assert result.exit_code == 1
    assert result.output.startswith("nope.md: file not found")


def test_version_and_help(project):
    assert __version__ in run(project, "--version").output
    for command in ([], ["build"]):
        result = run(project, *command, "--help")
        assert result.exit_code == 0 and "Usage" in result.output
