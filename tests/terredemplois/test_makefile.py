"""``make test`` installs Chromium with apt-get: it waits (a bounded time) for another apt-get's lock."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(not shutil.which("make"), reason="make is not installed")
def test_the_chromium_install_waits_for_apts_lock_a_bounded_time_and_says_so():
    # ``make -n`` prints the recipe without running it
    recipe = subprocess.run(["make", "-s", "-n", "-C", str(BASE_DIR), "chromium"], capture_output=True, text=True,
                            check=True).stdout
    calls = re.findall(r"apt-get( -o \S+)* (update|install)", recipe)
    assert [verb for _options, verb in calls] == ["update", "install"]
    for options in re.findall(r"apt-get((?: -o \S+)*) (?:update|install)", recipe):
        timeout = re.search(r"DPkg::Lock::Timeout=(\d+)", options)
        assert timeout and 0 < int(timeout.group(1)) <= 600, recipe
    assert "attente de son verrou (au plus 300 s)" in recipe
