# ruff: noqa: INP001
"""Long-run fuzzing of the parser, the validator, the compiler and minimize.

    python fuzz/fuzz_engine.py --seconds 600              # atheris if installed, else hypothesis
    python fuzz/fuzz_engine.py --engine hypothesis --seconds 60

The oracle is the suite's (``tests/test_fuzz.py``): every input must give a ``.mo`` that
Python's gettext loads and evaluates for any count, or diagnostics placed on a line of the
input; anything else (an exception, a misplaced or unprintable diagnostic) is a bug.  With
atheris (coverage-guided, libFuzzer) a failing input is written to ``--artifacts``; with
hypothesis it is printed, shrunk.  The last line says how many inputs were tried.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(REPO / "src"), str(REPO / "tests")]

CORPUS = REPO.parent / "shared" / "corpus" / "mini-po"
LANGUAGES = (None, "de", "ar", "pl", "xx")


def seeds() -> list[bytes]:
    """The suite's seed catalogs, and the shared corpus when it is beside the project."""
    from test_fuzz import SEEDS  # noqa: PLC0415

    return [*SEEDS, *(path.read_bytes() for path in sorted(CORPUS.glob("*/*.mini.po")))]


def one_input(data: bytes) -> None:
    """Run the oracle on ``data``; its first byte picks the check level and language."""
    from hatch_minipo.errors import CHECK_LEVELS  # noqa: PLC0415
    from test_fuzz import check_minimize, check_outcome  # noqa: PLC0415

    selector, body = (data[0], data[1:]) if data else (0, data)
    level = CHECK_LEVELS[selector % len(CHECK_LEVELS)]
    check_outcome(body, level, LANGUAGES[selector // 3 % len(LANGUAGES)])
    if selector & 0x80:
        check_minimize(body)


def run_atheris(seconds: int, artifacts: Path) -> int:
    import atheris  # noqa: PLC0415

    with atheris.instrument_imports(include=["hatch_minipo"]):
        import hatch_minipo.compiler  # noqa: PLC0415
        import hatch_minipo.workflow.minimize  # noqa: F401, PLC0415
    from test_fuzz import TOKENS  # noqa: PLC0415

    work = Path(tempfile.mkdtemp(prefix="minipo-fuzz-"))
    corpus = work / "corpus"
    corpus.mkdir()
    for number, seed in enumerate(seeds()):
        (corpus / f"seed-{number}").write_bytes(b"\0" + seed)
    dictionary = work / "po.dict"
    dictionary.write_text("".join(_dictionary_entry(token) for token in TOKENS), encoding="ascii")
    artifacts.mkdir(parents=True, exist_ok=True)
    counter = [0]
    started = time.monotonic()
    shown = [started]

    def test_one_input(data: bytes) -> None:
        counter[0] += 1
        one_input(data)
        now = time.monotonic()
        if now - shown[0] >= 30:
            # libFuzzer ends the process itself, so the count is told as it goes.
            shown[0] = now
            print(f"inputs tried: {counter[0]} in {now - started:.0f} s (atheris)", flush=True)

    argv = [
        sys.argv[0],
        f"-max_total_time={seconds}",
        f"-dict={dictionary}",
        f"-artifact_prefix={artifacts}{os.sep}",
        "-max_len=20000",
        "-rss_limit_mb=2048",
        "-print_final_stats=1",
        str(corpus),
    ]
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()  # never returns: libFuzzer prints "Done N runs" and exits
    return 0


def _dictionary_entry(token: bytes) -> str:
    escaped = "".join(f"\\x{byte:02x}" for byte in token)
    return f'"{escaped}"\n'


def run_hypothesis(seconds: int) -> int:
    from hypothesis import HealthCheck, given, seed, settings  # noqa: PLC0415
    from hypothesis import strategies as st  # noqa: PLC0415

    from test_fuzz import OPERATIONS, TOKENS, mutate  # noqa: PLC0415

    pool = seeds()
    inputs = st.one_of(
        st.binary(max_size=4000),
        st.builds(mutate, st.sampled_from(pool), OPERATIONS),
        st.lists(st.sampled_from(TOKENS), max_size=80).map(b"".join),
    )
    counter = [0]
    deadline = time.monotonic() + seconds
    batch = 0
    while time.monotonic() < deadline:
        batch += 1

        @seed(batch)
        @settings(
            max_examples=2000,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(selector=st.integers(0, 255), body=inputs)
        def fuzz(selector: int, body: bytes) -> None:
            counter[0] += 1
            one_input(bytes([selector]) + body)

        fuzz()
    print(f"inputs tried: {counter[0]} in {seconds} s (hypothesis, {batch} batches)")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=600)
    parser.add_argument("--engine", choices=("auto", "atheris", "hypothesis"), default="auto")
    parser.add_argument("--artifacts", type=Path, default=Path("fuzz-artifacts"))
    args = parser.parse_args()
    engine = args.engine
    if engine == "auto":
        try:
            import atheris  # noqa: F401, PLC0415
        except ImportError:
            engine = "hypothesis"
        else:
            engine = "atheris"
    if engine == "atheris":
        return run_atheris(args.seconds, args.artifacts)
    return run_hypothesis(args.seconds)


if __name__ == "__main__":
    sys.exit(main())
