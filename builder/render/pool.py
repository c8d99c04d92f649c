"""Run a function over items in worker processes that die with their parent.

Workers are forked (they share what the parent has loaded: templates, models,
a laid-out document) and ask the kernel for SIGKILL when the parent dies
(``PR_SET_PDEATHSIG``), so a build killed with ``kill -9`` leaves no worker
writing into its temporary folder. Leaving the pool early (an error, Ctrl-C)
terminates the workers at once instead of waiting for their current job.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")
PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """In a worker: be killed when ``parent`` dies; exit now if it already has."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what Ctrl-C does
    if os.getppid() != parent:
        os._exit(1)


def run_all(function: Callable[[T], R], items: Sequence[T], workers: int) -> Iterator[R]:
    """``function(item)`` for each item, in this process when ``workers`` is 1
    or there is one item, else in up to ``workers`` forked processes (results
    in completion order)."""
    count = min(workers, len(items))
    if count <= 1:
        yield from map(function, items)
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(count, initializer=die_with_parent, initargs=(os.getpid(),)) as pool:
        yield from pool.imap_unordered(function, items)
        pool.close()
        pool.join()
