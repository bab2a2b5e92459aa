"""The dashboard in a real browser: uvicorn on a loopback port, Debian's chromium driven by Playwright.

Skips with a message when the playwright package or /usr/bin/chromium is missing.  Screenshots go
to test-artifacts/screenshots/ (not committed).
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path(os.environ.get("COMMUNIQUE_CHROMIUM", "/usr/bin/chromium"))
SHOTS = ROOT / "test-artifacts" / "screenshots"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

try:
    from playwright.sync_api import sync_playwright
except ImportError:
    pytest.skip("playwright is not installed (pip install playwright; no browser download needed)",
                allow_module_level=True)
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} not found (apt-get install chromium)", allow_module_level=True)
pytest.importorskip("uvicorn")

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_api import build_results

from communique.store import open_store


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("web") / "web.db"
    with open_store(str(db)) as store:
        store.save(build_results())
    port = _free_port()
    env = dict(os.environ, COMMUNIQUE_DB=str(db), PYTHONPATH=str(ROOT / "src"))
    env.pop("COMMUNIQUE_WRITE_TOKEN", None)
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "--factory", "communique.api.app:app_from_env",
                             "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"], env=env)
    base = f"http://127.0.0.1:{port}"
    import httpx
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(base + "/api/facets", timeout=2).status_code == 200:
                break
        except httpx.TransportError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail("uvicorn did not start")
        time.sleep(0.2)
    yield base
    proc.terminate()
    proc.wait(10)


@pytest.fixture(scope="module")
def browser():
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    pg.errors = []
    pg.dialogs = []
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    ctx.close()


def test_every_page_loads_without_console_errors(server, page):
    checks = {"/": "#series-summary[data-total]", "/events": "#result-count[data-total]",
              "/actor?key=antony-blinken": "#roles .row", "/network": "#network circle",
              "/sources": "#src-table tr td"}
    for path, ready in checks.items():
        page.goto(server + path)
        page.wait_for_selector(ready, timeout=15000)
        name = path.strip("/").split("?")[0] or "dyad"
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    assert page.errors == []
    assert page.dialogs == []


def test_dyad_filter_changes_the_chart_and_a_click_shows_evidence(server, page):
    page.goto(server + "/")
    page.wait_for_selector("#series-summary[data-total]")
    assert page.input_value("#code-a") == "USA" and page.input_value("#code-b") == "CHN"
    assert page.get_attribute("#series-summary", "data-total") == "7"
    labels = page.evaluate("window.__dyadChart.data.labels")
    assert labels == ["2024-01", "2024-02", "2024-03"]

    page.select_option("#code-b", "RUS")
    page.wait_for_selector('#series-summary[data-total="2"]')
    assert page.evaluate("window.__dyadChart.data.labels") == ["2024-03"]
    page.screenshot(path=str(SHOTS / "dyad-usa-rus.png"), full_page=True)

    page.select_option("#code-b", "CHN")
    page.wait_for_selector('#series-summary[data-total="7"]')
    # click the middle of the first cooperation bar of 2024-01
    point = page.evaluate("""() => {
        const ch = window.__dyadChart;
        const bar = ch.getDatasetMeta(0).data[0];
        const r = ch.canvas.getBoundingClientRect();
        return {x: r.left + bar.x, y: r.top + (bar.y + bar.base) / 2};
    }""")
    page.mouse.click(point["x"], point["y"])
    page.wait_for_selector("#drill-events li.event")
    items = page.query_selector_all("#drill-events li.event")
    assert len(items) == 1 and items[0].get_attribute("data-event-id") == "a1-e0"
    sentence = items[0].query_selector("p.sentence")
    assert sentence.inner_text().startswith("US Secretary of State Antony Blinken met")
    assert sentence.query_selector("mark.actor").inner_text() == "US Secretary of State Antony Blinken"
    assert sentence.query_selector("mark.recipient").inner_text() == "Wang Yi"
    assert sentence.query_selector("mark.trigger").inner_text() == "met"
    assert "verbal cooperation" in page.inner_text("#drill-title")
    page.screenshot(path=str(SHOTS / "dyad-drilldown.png"), full_page=True)
    assert page.errors == []


def test_event_explorer_filters_and_escapes_text(server, page):
    page.goto(server + "/events")
    page.wait_for_selector("#result-count[data-total]")
    assert page.get_attribute("#result-count", "data-total") == "10"

    page.fill("#f-dyad", "USA,CHN")
    page.select_option("#f-type", "SANCTION")
    page.click("#f-submit")
    page.wait_for_selector('#result-count[data-total="1"]')
    [item] = page.query_selector_all("#event-list li.event")
    assert item.get_attribute("data-event-id") == "a3-e0"
    meta = item.inner_text()
    assert "future" in meta and "2024-02-05" in meta and "test-rule" in meta and "Reuters" in meta

    page.click("#f-reset")
    page.wait_for_selector('#result-count[data-total="10"]')
    page.fill("#f-q", "pwned")
    page.click("#f-submit")
    page.wait_for_selector('#result-count[data-total="1"]')
    sentence = page.query_selector("#event-list li.event p.sentence")
    assert '<script>alert("pwned")</script>' in sentence.inner_text()
    assert page.query_selector("#event-list script") is None
    assert page.query_selector("#event-list b") is None                  # the title "<b>tag</b>" is text too
    assert "<b>tag</b>" in page.inner_text("#event-list")
    page.screenshot(path=str(SHOTS / "events-escaped.png"), full_page=True)
    assert page.dialogs == [] and page.errors == []
