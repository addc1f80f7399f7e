"""Real-browser tests: Playwright for Python driving Debian's /usr/bin/chromium.

Never ``playwright install``: the browser comes from Debian (``make test`` installs it)."""

import json
import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.fail("Chromium manque : lancez `make test`, qui l'installe (apt-get install chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# axe-core, bundled (tests/e2e/assets/axe-core/README.md): loaded into every page of every journey, and run
# on each page once it has loaded; a journey fails on any critical or serious violation.
AXE = Path(__file__).parent / "assets" / "axe-core" / "axe.min.js"
AXE_FAILING_IMPACTS = {"critical", "serious"}
AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                      targets: v.nodes.slice(0, 3).map(n => n.target.join(" "))}));
}"""


def assert_fits(page, width: int) -> None:
    """Nothing wider than ``width`` px once the page has laid itself out again: after a resize, the editor's
    toolbar regroups its buttons asynchronously (measured at once, the width was sometimes the previous
    layout's)."""
    fits = f"document.documentElement.scrollWidth <= {width}"
    try:
        page.wait_for_function(fits, timeout=5_000)
    except Exception:  # noqa: BLE001 (the assertion below says how wide it stayed)
        pass
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def axe_violations(page) -> list[dict]:
    """The accessibility violations axe finds on the page as it is now."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(AXE_RUN)


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    page.set_default_timeout(15_000)
    found: dict[str, list] = {}

    def check(loaded_page):
        url = loaded_page.url
        if not url.startswith(live_server.url) or url in found:
            return
        try:
            found[url] = axe_violations(loaded_page)
        except Exception:  # noqa: BLE001 - the journey navigated on meanwhile: the next load is checked
            return

    page.on("load", check)
    yield page
    try:
        check(page)  # the last page of the journey
    finally:
        context.close()
    failing = {url.removeprefix(live_server.url): [v for v in violations if v["impact"] in AXE_FAILING_IMPACTS]
               for url, violations in found.items()}
    failing = {url: violations for url, violations in failing.items() if violations}
    assert found, "axe checked no page of this journey"
    assert not failing, "axe (critical, serious):\n" + json.dumps(failing, ensure_ascii=False, indent=1)
