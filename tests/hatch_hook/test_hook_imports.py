"""Loading the hook must cost next to nothing: hatchling loads it for every build step."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

# What hatchling has imported anyway before it loads a build hook plugin.
BASELINE = (
    "import hatchling.plugin, hatchling.builders.hooks.plugin.interface, hatchling.builders.wheel"
)

PROBE = f"""
import json, sys, time
{BASELINE}
from hatchling.builders.wheel import WheelBuilder
config = WheelBuilder("/nonexistent-project").config
before = set(sys.modules)
started = time.perf_counter()
import hatch_minipo.hatch.hooks
hook_class = hatch_minipo.hatch.hooks.hatch_register_build_hook()
hook = hook_class("/nonexistent-project", {{}}, config, None, "", "wheel")
hook.dependencies()
elapsed = time.perf_counter() - started
print(json.dumps({{"new": sorted(set(sys.modules) - before), "ms": elapsed * 1000}}))
"""


def probe() -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_loading_the_hook_imports_only_its_two_modules() -> None:
    """hooks and plugin pull in no engine, no Babel, no option parser: nothing else at all."""
    assert probe()["new"] == [
        "hatch_minipo",
        "hatch_minipo.hatch",
        "hatch_minipo.hatch.hooks",
        "hatch_minipo.hatch.plugin",
    ]


@pytest.mark.parametrize(
    "heavy",
    [
        "babel",
        "polib",
        "hatch_minipo.compiler",
        "hatch_minipo.workflow.babel_bridge",
        "concurrent.futures",
    ],
)
def test_heavy_modules_stay_unloaded(heavy: str) -> None:
    """Importing the hook modules from scratch leaves the engine and its helpers unloaded."""
    code = "import sys, hatch_minipo.hatch.hooks, hatch_minipo.hatch.plugin; "
    code += f"print({heavy!r} in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_hook_with_no_work_costs_under_20_ms() -> None:
    """Import, construction and the dependency query take < 20 ms (best of three runs)."""
    timings = [float(probe()["ms"]) for _ in range(3)]  # type: ignore[arg-type]
    assert min(timings) < 20, timings
