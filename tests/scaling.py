"""Time tests by the project's rule: time the work at N and at 4N, and compare.

Linear work takes about 4 times as long at 4N, quadratic work 16 times: a limit of 6 tells
them apart with room for noise.  What keeps the comparison steady on a busy machine (CI runs
two workers on two cores, and other jobs beside them):

- process time, not the wall clock: time spent waiting for the CPU does not count;
- the garbage collector kept out: a collection that falls into one timing, or one that scans
  every object made so far, is not the code's cost (nor is one run before measuring: in a
  worker that has run many tests it walks millions of objects, for a second);
- enough calls per timing that it takes 5 ms at the least: the clock's grain and one
  interruption weigh little;
- timings of the same length at N and at 4N (for linear work, 4 times as many calls at N):
  noise in stretches longer than a short timing but shorter than a long one would favour
  the short ones;
- the best of 5 timings of each size, small and large taken in turn, so that a noisy stretch
  slows both alike;
- and when the ratio is over the limit, up to two more measurements, whose timings join the
  first's (the best of 15): a noisy neighbour fails one (CI once saw 6.9 then 6.0 for linear
  work beside a busy worker), a quadratic loop (16 times) fails all three.

``n`` is chosen per case so that one call at N takes a few milliseconds: an assertion then
takes some 10 timings of 10 ms, a tenth of a second.
"""

from __future__ import annotations

import contextlib
import gc
import math
import time
from typing import Callable, TypeVar

T = TypeVar("T")

# How long the calls of one timing at N take at the least, in seconds of CPU time.
MIN_TIMING = 0.005
BEST_OF = 5
ATTEMPTS = 3


def assert_linear(
    run: Callable[[T], object],
    make: Callable[[int], T],
    *,
    n: int,
    factor: int = 4,
    limit: float = 6,
    raises: type[BaseException] | tuple[type[BaseException], ...] = (),
) -> None:
    """Assert that ``run(make(factor * n))`` takes less than ``limit`` times ``run(make(n))``.

    ``raises`` are exceptions ``run`` may end with (a scanner refusing its input): they are
    part of the work timed, not a failure.
    """

    def call(argument: T) -> None:
        with contextlib.suppress(raises):
            run(argument)

    small, large = make(n), make(factor * n)
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        call(small)  # the first call pays for what is done once (imports, caches)
        small_calls, small_time = _calls_per_timing(call, small)
        large_calls, large_time = _calls_per_timing(call, large)
        # Timings of equal length: noise that leaves a short timing clean but not a long one
        # would make the large input look slower (linear work: 4 calls at N for 1 at 4N).
        window = max(small_calls * small_time, large_calls * large_time)
        calls = (max(1, round(window / small_time)), max(1, round(window / large_time)))
        measured = []
        short = long = math.inf
        for _ in range(ATTEMPTS):
            # Each new measurement adds its timings to the earlier ones: the best of 15.
            more_short, more_long = _best_times(call, (small, large), calls)
            short, long = min(short, more_short), min(long, more_long)
            measured.append(f"{long / short:.1f} ({short * 1e3:.2f} ms, {long * 1e3:.2f} ms)")
            if long < limit * short:
                return
    finally:
        if was_enabled:
            gc.enable()
    raise AssertionError(
        f"{factor} times the input ({factor * n} instead of {n}) takes {limit} times as long "
        f"or more, in each of {ATTEMPTS} measurements (time of one call at N and at {factor}N): "
        + ", ".join(measured)
    )


def _timing(call: Callable[[T], None], argument: T, repeat: int) -> float:
    start = time.process_time()
    for _ in range(repeat):
        call(argument)
    return time.process_time() - start


def _calls_per_timing(call: Callable[[T], None], argument: T) -> tuple[int, float]:
    """How many calls take MIN_TIMING at least, and how long one of them takes."""
    repeat = 1
    while True:
        spent = _timing(call, argument, repeat)
        if spent >= MIN_TIMING:
            return repeat, spent / repeat
        # Never more than 10 times as many calls at once: the first timings are the coarsest.
        repeat = min(10 * repeat, math.ceil(repeat * MIN_TIMING / max(spent, 1e-7)))


def _best_times(
    call: Callable[[T], None], arguments: tuple[T, T], calls: tuple[int, int]
) -> tuple[float, float]:
    """The time of one call with each argument: the best of BEST_OF timings, taken in turn."""
    best = [math.inf, math.inf]
    for _ in range(BEST_OF):
        for k in (0, 1):
            best[k] = min(best[k], _timing(call, arguments[k], calls[k]) / calls[k])
    return max(best[0], 1e-9), best[1]
