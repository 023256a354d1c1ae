"""Two outputs at once: the same bytes as one after the other, whatever goes wrong."""
import os

import pytest

from deckbuild.build import build, output_paths
from deckbuild import parallel
from deckbuild.parallel import EarlyChild, can_fork, render_concurrently

@pytest.fixture
def forked(monkeypatch):
    """Forking on, as on a machine with two cores; the children started, by pid.

    Only where forking is possible at all (Linux, no other threads); one core is no
    reason not to test it.
    """
    monkeypatch.delenv("DECKBUILD_PARALLEL", raising=False)
    monkeypatch.setattr(parallel.os, "sched_getaffinity", lambda pid: {0, 1})
    if not can_fork():
        pytest.skip("forking is not possible here (not Linux, or other threads run)")
    started = []
    real_fork = os.fork

    def fork():
        pid = real_fork()
        if pid:
            started.append(pid)
        return pid

    monkeypatch.setattr(parallel.os, "fork", fork)
    return started


def pid_job():
    return str(os.getpid()).encode()


def test_second_job_runs_in_a_child(forked):
    results = render_concurrently({"first": pid_job, "second": pid_job})
    assert results["first"] == str(os.getpid()).encode()
    assert len(forked) == 1 and results["second"] == str(forked[0]).encode()


def test_switched_off_runs_everything_here(monkeypatch):
    monkeypatch.setenv("DECKBUILD_PARALLEL", "0")
    results = render_concurrently({"first": pid_job, "second": pid_job})
    assert set(results.values()) == {str(os.getpid()).encode()}


def test_a_failing_child_is_redone_here(forked, tmp_path):
    parent = os.getpid()
    tried = tmp_path / "tried in"

    def fails_in_a_child():
        if os.getpid() != parent:
            tried.write_text(str(os.getpid()))
            raise RuntimeError("only in the child")
        return b"made here"

    assert render_concurrently({"a": lambda: b"a", "b": fails_in_a_child}) == \
        {"a": b"a", "b": b"made here"}
    assert len(forked) == 1 and tried.read_text() == str(forked[0])  # it failed in the child


def test_an_error_here_leaves_no_child_behind(forked):
    def boom():
        raise ValueError("here")

    with pytest.raises(ValueError):
        render_concurrently({"a": boom, "b": lambda: b"b" * 10_000_000})
    assert len(forked) == 1  # there was a child
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # and it was waited for
    with pytest.raises(ProcessLookupError):
        os.kill(forked[0], 0)  # it is gone


def test_large_outputs_come_through_whole():
    big = bytes(range(256)) * 40_000  # 10 MB, far beyond a pipe's buffer
    assert render_concurrently({"a": lambda: b"a", "b": lambda: big})["b"] == big


def test_build_writes_the_same_files_either_way(project, monkeypatch):
    source = project.deck("""
    ---
    title: Both
    date: 2026-11
    ---

    ## One

    - two
    """)
    together = output_paths(source, project.root / "together")
    build(source, together)
    monkeypatch.setenv("DECKBUILD_PARALLEL", "0")
    apart = output_paths(source, project.root / "apart")
    build(source, apart)
    for kind in together:
        assert together[kind].read_bytes() == apart[kind].read_bytes()


def test_a_process_pool_worker_does_not_fork_again():
    """--all-regions builds in a pool that already uses every core."""
    from concurrent.futures import ProcessPoolExecutor
    with ProcessPoolExecutor(max_workers=1) as pool:
        assert pool.submit(can_fork).result() is False


def test_warnings_found_in_a_child_are_reported(project, monkeypatch):
    """The handout's font warnings come back from the child that made the handout."""
    source = project.deck("""
    ---
    title: Scripts
    ---

    ## Greeting

    - 你好 and Привет
    """)
    together = build(source, output_paths(source, project.root / "together"))
    monkeypatch.setenv("DECKBUILD_PARALLEL", "0")
    apart = build(source, output_paths(source, project.root / "apart"), force=True)
    assert [str(f) for f in together.findings] == [str(f) for f in apart.findings]
    assert any("font" in f.message.lower() for f in apart.findings)


def note_prepared(path):
    def prepare():
        with open(path, "w") as file:
            file.write(str(os.getpid()))
    return prepare


def test_an_early_child_prepares_then_does_the_second_job(forked, tmp_path):
    early = EarlyChild(note_prepared(tmp_path / "prepared"))
    results = render_concurrently({"first": pid_job, "second": pid_job}, early)
    early.close()
    assert results["second"] != results["first"] == str(os.getpid()).encode()
    assert (tmp_path / "prepared").read_text() == results["second"].decode()


def test_a_job_that_does_not_pickle_is_done_in_a_child_forked_then(tmp_path):
    early = EarlyChild(note_prepared(tmp_path / "prepared"))
    parent = os.getpid()
    results = render_concurrently({"a": lambda: b"a", "b": lambda: str(os.getpid()).encode()},
                                  early)
    early.close()
    assert results["a"] == b"a"
    if can_fork():
        assert results["b"] != str(parent).encode()


def test_an_early_child_without_a_job_leaves_nothing_behind(tmp_path):
    early = EarlyChild(note_prepared(tmp_path / "prepared"))
    early.close()
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def test_the_handout_and_the_guide_are_drawn_in_one_child(project, forked, monkeypatch):
    """Beside the deck (drawn here), one child draws both PDFs, so reportlab, the renderers
    and the fonts are loaded once; the files are those of a build one after the other."""
    source = project.deck("""
    ---
    title: Three
    date: 2026-11
    ---

    ## One {time=5m}

    - two
    """)
    together = output_paths(source, project.root / "together")
    result = build(source, together)
    assert sorted(result.written) == sorted(together.values())
    assert len(forked) == 1
    monkeypatch.setenv("DECKBUILD_PARALLEL", "0")
    apart = output_paths(source, project.root / "apart")
    build(source, apart)
    for kind in together:
        assert together[kind].read_bytes() == apart[kind].read_bytes(), kind


def test_preparing_a_pdf_renderer_reads_its_fonts():
    """What the early child does while the deck is read (its errors are not reported there:
    the job meets them again)."""
    from deckbuild.build import _import_renderer
    from deckbuild.render import fonts
    fonts.embedded.cache_clear()
    _import_renderer("handout")
    assert fonts.embedded.cache_info().currsize == 2  # Helvetica's and Courier's stand-ins
