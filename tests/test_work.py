"""work.py, the one place the build spreads work over processes and keeps results between builds."""

from __future__ import annotations

import os
import traceback

import pytest

from crosscut import work
from crosscut.cache import Cache, key


@pytest.fixture(autouse=True)
def two_workers(monkeypatch):
    monkeypatch.setenv("CROSSCUT_WORKERS", "2")


def square(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


def fail_on_seven(n: int) -> int:
    seed = f"seeds/essay-{n}.txt"  # what the build's crash report looks for in the failing frame
    if n == 7:
        raise ValueError(f"no good: {seed}")
    return n


def scaled(n: int) -> int:
    return n * work.shared_state()["factor"]


def test_results_come_back_in_the_order_of_the_inputs_from_more_than_one_process():
    results = work.spread(square, list(range(200)))
    assert [r for r, _ in results] == [n * n for n in range(200)]
    assert len({pid for _, pid in results}) > 1  # the work really was spread
    assert os.getpid() not in {pid for _, pid in results}


def test_a_failing_task_fails_here_with_its_own_traceback():
    """A bug met in a worker is raised again in the building process, where the crash report can
    name the file from the failing frame, as it can when nothing is spread."""
    with pytest.raises(ValueError, match="no good") as failed:
        work.spread(fail_on_seven, list(range(100)))
    frames = [frame.f_locals for frame, _ in traceback.walk_tb(failed.value.__traceback__)]
    assert {"seed": "seeds/essay-7.txt"}.items() <= frames[-1].items()


def test_tasks_read_what_is_shared_without_it_being_sent_with_every_input():
    assert work.spread(scaled, list(range(100)), shared={"factor": 3}) == [n * 3 for n in range(100)]


def test_few_inputs_stay_in_this_process():
    assert {pid for _, pid in work.spread(square, list(range(5)))} == {os.getpid()}


def test_each_computes_only_what_the_cache_does_not_hold(tmp_path):
    cache = Cache(tmp_path / "cache")
    keys = [key("square", n) for n in range(60)]
    encode, decode = (lambda r: str(r[0]).encode()), (lambda d: (int(d), 0))
    first = work.each(square, list(range(60)), keys, cache, "square", encode, decode)
    assert [r for r, _ in first] == [n * n for n in range(60)]
    again = work.each(fail_on_seven, list(range(60)), keys, Cache(tmp_path / "cache"), "square", encode, decode)
    assert again == [(n * n, 0) for n in range(60)]  # every result read back: the failing task never ran


def test_one_worker_means_no_worker_processes(monkeypatch):
    monkeypatch.setenv("CROSSCUT_WORKERS", "1")
    assert {pid for _, pid in work.spread(square, list(range(200)))} == {os.getpid()}
