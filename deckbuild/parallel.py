"""Rendering the deck and the handout at the same time, on two processor cores.

Once a deck is read, its outputs are independent. On Linux with more than one
core, the build forks: a child renders the handout while this process renders
the deck, and the child's result (the bytes and any warnings) comes back through
a pipe. Forking hands the child
the deck already read, at no cost, and each side imports only its own renderer
(python-pptx here, reportlab there), so the seed deck's build takes about as long
as its slower half.

Whenever that is not clearly safe, the work is done here, in order: no `fork`
(Windows) or macOS (where forking a process that used system frameworks is
unreliable), a single core, other threads running (a forked child would inherit
their locks), a worker of a process pool (`--all-regions` already keeps every
core busy), or `DECKBUILD_PARALLEL=0`. A child that fails for any reason is
ignored and its output made here too, so results and error messages are always
exactly those of the ordinary path.

Jobs return what they found (it must pickle) rather than add it to shared
objects: a child's changes to those are not seen here.

A child can also be started early (`EarlyChild`), before the deck is read: it
imports its renderer (reportlab, about 40 ms) while this process reads, and is
handed its job, deck included, pickled (about a millisecond for the seed deck).
"""
from __future__ import annotations

import os
import pickle
import sys
import threading
from typing import Any, Callable, Dict, Optional, Tuple

Job = Callable[[], Any]


def can_fork() -> bool:
    if os.environ.get("DECKBUILD_PARALLEL", "1").strip() == "0":
        return False
    if not hasattr(os, "fork") or not sys.platform.startswith("linux"):
        return False
    if threading.active_count() != 1:
        return False
    pool = sys.modules.get("multiprocessing")
    if pool is not None and pool.parent_process() is not None:
        return False  # a worker of a process pool: the pool uses the cores already
    return len(os.sched_getaffinity(0)) > 1


class EarlyChild:
    """A child forked before its job exists, preparing for it (`prepare`) meanwhile.

    Inactive wherever forking is not clearly safe (`can_fork`). Give it a job
    through `render_concurrently`; `close` ends a child that never got one.
    """

    def __init__(self, prepare: Callable[[], Any]):
        self.pid: Optional[int] = None
        if can_fork():
            self.pid, self._jobs, self._results = _start_early(prepare)

    def give(self, job: Job) -> Optional[Tuple[int, int]]:
        """Send `job` (pickled); (pid, result pipe) for `_finish`, or None if it cannot go."""
        if self.pid is None:
            return None
        pid, self.pid = self.pid, None
        try:
            data = pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(self._jobs, "wb") as pipe:
                pipe.write(data)
        except Exception:  # noqa: BLE001 - a job that does not pickle, a child gone: do it here
            _close(self._jobs)
            _abandon(pid, self._results)
            return None
        return pid, self._results

    def close(self) -> None:
        if self.pid is not None:
            pid, self.pid = self.pid, None
            _close(self._jobs)
            _abandon(pid, self._results)


def render_concurrently(jobs: Dict[str, Job],
                        early: Optional[EarlyChild] = None) -> Dict[str, Any]:
    """Each job's result; the first job runs here, the others in children when possible
    (the second in `early`, when it is running)."""
    kinds = list(jobs)
    if len(kinds) < 2 or not can_fork():
        return {kind: jobs[kind]() for kind in kinds}
    children: Dict[str, Tuple[int, int]] = {}
    try:
        for kind in kinds[1:]:
            children[kind] = (early.give(jobs[kind]) if early is not None else None) \
                or _start(jobs[kind])
            early = None
        results = {kinds[0]: jobs[kinds[0]]()}
        for kind in kinds[1:]:
            done, value = _finish(*children.pop(kind))
            results[kind] = value if done else jobs[kind]()
        return results
    finally:
        for pid, pipe in children.values():  # only after a failure here: stop them
            _abandon(pid, pipe)


def _start(job: Job) -> Tuple[int, int]:
    _flush()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: do the job, send the result, leave without cleaning up
        def work() -> bool:
            os.close(read_end)
            _send(write_end, job())
            return True
        _child(work)
    os.close(write_end)
    return pid, read_end


def _start_early(prepare: Callable[[], Any]) -> Tuple[int, int, int]:
    """Fork a child that runs `prepare`, then the job it reads from a pipe."""
    _flush()
    job_read, job_write = os.pipe()
    result_read, result_write = os.pipe()
    pid = os.fork()
    if pid == 0:
        def work() -> bool:
            os.close(job_write)
            os.close(result_read)
            try:
                prepare()
            except Exception:  # noqa: BLE001 - the job meets the same problem and reports it
                pass
            with os.fdopen(job_read, "rb") as pipe:
                job = pipe.read()
            if not job:
                return False  # closed without a job
            _send(result_write, pickle.loads(job)())
            return True
        _child(work)
    os.close(job_read)
    os.close(result_write)
    return pid, job_write, result_read


def _flush() -> None:
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:  # None: started with that stream closed
            try:
                stream.flush()  # or the child would write our buffered text a second time
            except (OSError, ValueError):
                pass


def _send(fd: int, value: Any) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    with os.fdopen(fd, "wb") as pipe:
        pipe.write(data)


def _child(work: Callable[[], bool]) -> None:
    """Run a forked child's work and leave without cleaning up; exit 0 only on success."""
    status = 1
    try:
        if work():
            status = 0
    except BaseException:  # noqa: BLE001 - the parent redoes the job and reports
        pass
    finally:
        os._exit(status)


def _close(fd: int) -> None:
    try:
        os.close(fd)
    except OSError:
        pass


def _finish(pid: int, pipe: int) -> Tuple[bool, Any]:
    """(True, the child's result), or (False, None) when it failed."""
    chunks = []
    with os.fdopen(pipe, "rb") as reader:
        while True:
            chunk = reader.read(1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        return False, None
    return True, pickle.loads(b"".join(chunks))


def _abandon(pid: int, pipe: int) -> None:
    import signal
    try:
        os.kill(pid, signal.SIGKILL)
    except OSError:
        pass
    try:
        os.close(pipe)
    except OSError:
        pass
    try:
        os.waitpid(pid, 0)
    except OSError:
        pass
