"""Where a build's unit of work runs: in this process, in worker processes or on a Dask
cluster. An engine maps a picklable task over inputs and yields the results in input
order; it knows nothing of articles, releases or the output folder.
"""

from __future__ import annotations

import contextlib
import signal
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from typing import Any, Literal, TypeVar

from .errors import CorpusError

Engine = Literal["local", "dask"]

In = TypeVar("In")
Out = TypeVar("Out")

ARTICLES_PER_WORKER = 64
"""Below this many inputs per worker, extra processes cost more than they save."""
DASK_BATCH = 32
"""Inputs per Dask task."""
SCHEDULER_TIMEOUT = "10s"
"""How long to try to reach a Dask scheduler before saying it cannot be reached."""


def local_workers(requested: int | None, inputs: int, cpus: int) -> int:
    """Worker processes for ``inputs`` on ``cpus``: as asked, else as many as help.

    >>> local_workers(None, 100, 8), local_workers(None, 1000, 8), local_workers(3, 5, 8)
    (1, 8, 3)
    """
    return requested or max(1, min(cpus, inputs // ARTICLES_PER_WORKER))


def run_local(task: Callable[[In], Out], inputs: Sequence[In], workers: int) -> Iterator[Out]:
    """``task`` over ``inputs`` in order: in this process, or in ``workers`` forked processes."""
    if workers <= 1:
        yield from map(task, inputs)
        return
    import multiprocessing

    # Workers ignore Ctrl-C: only the build stops on it, then ends them (leaving the pool's
    # `with`); a worker killed by SIGINT could die holding the pool's queue lock, and ending
    # the pool would then hang. So SIGINT is held back while the pool forks its workers (they
    # inherit the mask and unblock it only once they ignore it); a Ctrl-C pressed meanwhile
    # lands in this process once the pool is up, inside the `with` that ends it.
    context = multiprocessing.get_context("fork")
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        with context.Pool(workers, initializer=_ignore_interrupts) as pool:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
            yield from pool.imap(task, inputs, chunksize=16)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _ignore_interrupts() -> None:
    """A worker process's first act: ignore SIGINT, then stop holding it back."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def run_dask(
    task: Callable[[In], Out],
    inputs: Sequence[In],
    workers: int,
    scheduler: str | None,
    ship: Callable[[In], In] = lambda item: item,
) -> Iterator[Out]:
    """``task`` over ``inputs`` in order on a Dask cluster: ``scheduler``, or a
    LocalCluster of ``workers`` processes started (and stopped) for this run. ``ship``
    turns an input into what travels to the cluster, a batch at a time."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise CorpusError('the dask engine needs Dask: pip install "adhd-corpus[dask]"') from None

    # One task per batch of inputs: a task's round trip through the scheduler costs about
    # as much as preparing one article, so per-article tasks halved throughput. A window of
    # batches stays in flight, so workers never wait for the consumer to ask.
    chunks = [inputs[i : i + DASK_BATCH] for i in range(0, len(inputs), DASK_BATCH)]
    ahead = 2 * max(1, workers) + 2
    with contextlib.ExitStack() as stack:  # closes the client, then the cluster we started
        cluster = None
        if scheduler is None:
            cluster = stack.enter_context(
                LocalCluster(  # type: ignore[no-untyped-call]
                    n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
                )
            )
        try:
            client = stack.enter_context(
                Client(scheduler or cluster, timeout=SCHEDULER_TIMEOUT)  # type: ignore[no-untyped-call]
            )
        except (OSError, ValueError, TypeError) as exc:  # garbage, unreachable, refused
            raise CorpusError(
                f"{scheduler or 'local cluster'}: cannot reach the Dask scheduler: "
                f"{exc or type(exc).__name__}"
            ) from None
        batch = partial(_batch, task)

        def submit(chunk: Sequence[In]) -> Any:  # a distributed.Future
            return client.submit(batch, [ship(item) for item in chunk], pure=False)

        pending = deque(submit(chunk) for chunk in chunks[:ahead])
        for chunk in chunks[ahead:]:
            yield from pending.popleft().result()
            pending.append(submit(chunk))
        while pending:
            yield from pending.popleft().result()


def _batch(task: Callable[[In], Out], batch: list[In]) -> list[Out]:
    """A cluster task: ``task`` over a batch of inputs, in order."""
    return [task(item) for item in batch]


def run(
    task: Callable[[In], Out],
    inputs: Sequence[In],
    *,
    engine: Engine = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    cpus: int = 1,
    ship: Callable[[In], In] = lambda item: item,
) -> Iterator[Out]:
    """``task`` over ``inputs`` on ``engine``, results in input order."""
    if engine == "dask":
        return run_dask(task, inputs, workers or cpus, scheduler, ship)
    return run_local(task, inputs, local_workers(workers, len(inputs), cpus))
