"""The one place where the build keeps results between builds and spreads work over the cores.

A stage hands `each()` a pure function, its inputs and a key for each input made from
everything the result depends on. Results found in the cache are read back; the rest are
computed, in worker processes when there are enough of them to pay for the workers, and kept
for the next build. The order of the results is the order of the inputs, and a result is the
same whether it was computed here, in a worker, or read from the cache, so the output of a
build never depends on what the cache held or how many cores there were.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from typing import Callable, Sequence, TypeVar

from .cache import Cache

In = TypeVar("In")
Out = TypeVar("Out")

ENOUGH = 24  # fewer inputs than this are not worth starting worker processes for
SHARED: object = None  # see spread()


def shared_state() -> object:
    """What the running spread() shares with its tasks."""
    return SHARED


def cores() -> int:
    """The cores this process may use (CROSSCUT_WORKERS overrides; 1 means no worker processes)."""
    wanted = os.environ.get("CROSSCUT_WORKERS", "")
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def each(task: Callable[[In], Out], inputs: Sequence[In], keys: Sequence[str], cache: Cache, kind: str,
         encode: Callable[[Out], bytes], decode: Callable[[bytes], Out], parallel: bool = True,
         threads: int = 0) -> list[Out]:
    """task(x) for every x of `inputs`, in order: from the cache under (kind, key) where it is there.

    With `parallel`, the rest run in worker processes (see spread), so the task and its inputs
    must be picklable (a function at a module's top level); with `threads`, in that many threads
    of this process instead, for tasks that wait on a program of their own (Pagefind)."""
    results: list = [None] * len(inputs)
    todo = []
    for index, key in enumerate(keys):
        data = cache.get(kind, key)
        if data is not None:
            try:
                results[index] = decode(data)
                continue
            except ValueError:  # damaged or written by another version: computed again below
                pass
        todo.append(index)
    missing = [inputs[i] for i in todo]
    if threads > 1 and len(missing) > 1:
        with ThreadPoolExecutor(threads) as pool:
            computed = list(pool.map(task, missing))
    else:
        computed = spread(task, missing) if parallel else [task(x) for x in missing]
    for index, result in zip(todo, computed):
        results[index] = result
        if cache.write:
            cache.put(kind, keys[index], encode(result))
    return results


def spread(task: Callable[[In], Out], inputs: list[In], shared: object = None) -> list[Out]:
    """task over inputs, in order, over the available cores when there are enough inputs.

    `shared` is what the task reads from `shared_state()` rather than receive with every input (a
    template environment, the views of every page): the workers are forked from this process, so
    they start with it. Where processes cannot be forked, work with `shared` stays in this one."""
    global SHARED
    workers = min(cores(), len(inputs) // ENOUGH)
    forks = "fork" in multiprocessing.get_all_start_methods()
    SHARED = shared
    if workers < 2 or (shared is not None and not forks):
        return [task(x) for x in inputs]
    context = multiprocessing.get_context("fork" if forks else None)  # fork: no re-import per worker
    try:
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            return list(pool.map(task, inputs, chunksize=max(1, len(inputs) // (workers * 8))))
    except Exception:  # noqa: BLE001 - a worker was killed (out of memory?), none could start, or the task failed:
        # here, in this process, the task either succeeds or fails again with a traceback that shows where
        return [task(x) for x in inputs]
