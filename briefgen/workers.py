"""Render briefs in long-lived worker processes, one per core.

Each worker imports WeasyPrint once and keeps one FontConfiguration and
one image cache for every brief it renders; it is replaced after
`RECYCLE_AFTER` briefs, so that no leak can grow without bound. Workers
fork from a server that has already imported briefgen and WeasyPrint, so
neither a first worker nor a replacement pays for that import again.
Workers only render; the parent claims ids and writes, in order.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

RECYCLE_AFTER = 50  # briefs per worker before it is replaced

Item = TypeVar("Item")
Result = TypeVar("Result")


def cores() -> int:
    """The cores this process may run on (a container's limit, not the machine's)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _warm_up(pdf: bool) -> None:
    """Make the font configuration before the first brief, so every brief costs the same,
    and start the worker's image cache."""
    if pdf:
        from briefgen.rendering import pdf as pdf_module

        pdf_module.shared_font_config()
        pdf_module.shared_images = {}


def render(task: Callable[[Item], Result], jobs: Sequence[Item], workers: int, *, pdf: bool,
           died: Callable[[Item, str], Result]) -> Iterator[Result]:
    """`task(job)` for every job, in order: here for one worker (or one job), else in a pool.

    A worker that dies (killed, or out of memory) breaks the pool, and
    `died(job, why)` stands in for the results of the briefs not yet done.
    """
    if workers <= 1 or len(jobs) <= 1:
        yield from map(task, jobs)
        return
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["briefgen.build", *(["briefgen.rendering.pdf", "weasyprint"]
                                                         if pdf else [])])
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=context,
                             initializer=_warm_up, initargs=(pdf,),
                             max_tasks_per_child=RECYCLE_AFTER) as pool:
        futures = [pool.submit(task, job) for job in jobs]
        for job, future in zip(jobs, futures, strict=True):
            try:
                yield future.result()
            except BrokenProcessPool as exc:
                yield died(job, str(exc))
