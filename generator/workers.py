"""Work spread over every core, and never left behind.

Workers ignore Ctrl-C (the command decides what an interruption means) and, on Linux, die with
the command that started them; when the command is interrupted or fails, every worker is stopped
at once rather than left to finish, or to run on, orphaned.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor

_PR_SET_PDEATHSIG = 1  # prctl: the signal a process gets when its parent dies


def _worker_start() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the command's handler, inherited by fork
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass  # not Linux: the pool's own shutdown below still stops them


@contextlib.contextmanager
def pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """A process pool whose workers are all stopped if the caller is interrupted or fails."""
    executor = ProcessPoolExecutor(max_workers=workers, initializer=_worker_start)
    try:
        yield executor
    except BaseException:
        processes = list(getattr(executor, "_processes", {}).values())
        executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
        for process in processes:
            process.join(timeout=5)
        raise
    else:
        executor.shutdown(wait=True)


class Terminated(KeyboardInterrupt):
    """SIGTERM, handled as Ctrl-C is: stop the work, keep what is whole, say what was done."""


def _terminated(signum: int, frame: object) -> None:
    raise Terminated()


def stop_on_sigterm() -> None:
    """Make SIGTERM interrupt the command like Ctrl-C (Python would otherwise die at once, leaving
    half-written temporary files and its workers)."""
    signal.signal(signal.SIGTERM, _terminated)
