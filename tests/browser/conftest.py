"""Browser tests: one headless Chromium per test session against a live workbench.

Debian's chromium and chromium-driver are used directly (Selenium Manager downloads
nothing); axe-core comes from the axe-selenium-python package, injected from disk.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from django.core.cache import cache

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", "--disable-extensions", "--lang=en-US"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
        pytest.fail("Browser tests need Debian's chromium and chromium-driver (make test installs them).")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="asn-chromium-")
    for flag in FLAGS + [f"--user-data-dir={profile}", "--window-size=1200,900"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_script_timeout(30)
    driver.implicitly_wait(0)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def workbench_live(live_server, transactional_db):
    from workbench.runtime_util import reset_global_state

    reset_global_state()
    cache.clear()
    return live_server


def axe_source() -> str:
    import axe_selenium_python

    path = Path(axe_selenium_python.__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
    return path.read_text(encoding="utf-8")


AXE_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document.querySelector(arguments[0]) || document,
        {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},
         rules: {'region': {enabled: false}}})
   .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                           nodes: v.nodes.slice(0, 3).map(n => n.html)}))))
   .catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));
"""


class Page:
    """Helpers over the driver for one test; waits are conditions, never sleeps."""

    def __init__(self, driver, base_url):
        self.driver = driver
        self.base_url = base_url

    def open(self, path: str) -> None:
        self.driver.get(self.base_url + path)
        self.wait_for(".asn-body[aria-busy='false']")

    def wait_for(self, css: str, timeout: float = 15):
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support import expected_conditions as ec
        from selenium.webdriver.support.ui import WebDriverWait

        return WebDriverWait(self.driver, timeout).until(
            ec.presence_of_element_located((By.CSS_SELECTOR, css)))

    def wait_until(self, predicate, timeout: float = 30):
        """Wait for a condition; an element the page re-rendered meanwhile (stale) or has
        not drawn yet means "not yet", so the wait holds on a busy machine."""
        from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, TimeoutException
        from selenium.webdriver.support.ui import WebDriverWait

        try:
            return WebDriverWait(self.driver, timeout, ignored_exceptions=(
                NoSuchElementException, StaleElementReferenceException)).until(
                    lambda d: predicate())
        except TimeoutException:
            raise AssertionError(f"condition not met; {self.diagnostics()}") from None

    def diagnostics(self) -> str:
        """What a person would look at when a wait fails: the alert, the console, a shot."""
        alerts = [a.text for a in self.find_all(".asn-alert") if a.text]
        logs = [e["message"] for e in self.driver.get_log("browser")]
        shot = self.screenshot("failure")
        return f"alerts={alerts} console={logs[-5:]} screenshot={shot}"

    def find(self, css: str):
        from selenium.webdriver.common.by import By

        return self.driver.find_element(By.CSS_SELECTOR, css)

    def find_all(self, css: str):
        from selenium.webdriver.common.by import By

        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def by_label(self, text: str):
        """A form control by its accessible name (label text)."""
        from selenium.webdriver.common.by import By

        for label in self.driver.find_elements(By.TAG_NAME, "label"):
            if " ".join(label.text.split()) == text:
                target = label.get_attribute("for")
                return self.driver.find_element(By.ID, target)
        raise AssertionError(f"no control labelled {text!r}")

    def button(self, name: str):
        from selenium.webdriver.common.by import By

        for button in self.driver.find_elements(By.TAG_NAME, "button"):
            if " ".join(button.text.split()) == name and button.is_displayed():
                return button
        raise AssertionError(f"no button named {name!r}")

    def text(self) -> str:
        return self.find(".asn-block").text

    def active(self):
        return self.driver.switch_to.active_element

    def axe(self, context: str = ".asn-block") -> list[dict]:
        if not self.driver.execute_script("return typeof axe !== 'undefined'"):
            self.driver.execute_script(axe_source())
        violations = self.driver.execute_async_script(AXE_RUN, context)
        return [v for v in violations if v["impact"] in ("serious", "critical")]

    def assert_accessible(self, context: str = ".asn-block") -> None:
        violations = self.axe(context)
        assert not violations, violations

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.driver.save_screenshot(str(path))
        return path


@pytest.fixture
def page(browser, workbench_live):
    browser.delete_all_cookies()
    browser.get_log("browser")  # drain console messages left by the previous test
    browser.set_window_size(1200, 900)
    return Page(browser, workbench_live.url)


def scenario_id(tag: str, index: int) -> str:
    return f"{tag}.{index}"
