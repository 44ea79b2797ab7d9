"""The dashboard in a real browser (the system's Chromium, driven by Playwright): a new user
opens the page, places a call and watches it ring, be answered and end, listens to its
recording, sends a text and a fax, and, beyond loopback, logs in with the admin token.
Each page is kept as a screenshot in test-artifacts/dashboard/."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from dashboard_helpers import screenshot

from zemu.testing import ZemuServer, zemu_server

ADMIN = "correct-horse-battery-staple"
# waits for an audio element to know its length (or fail), then plays half a second of it
LISTEN = """async (selector) => {
  const audio = document.querySelector(selector);
  await new Promise((done) => {
    if (audio.readyState >= 1) return done();
    audio.addEventListener("loadedmetadata", done, { once: true });
    audio.addEventListener("error", done, { once: true });
    audio.preload = "auto";
    audio.load();
  });
  const known = { duration: audio.duration, readyState: audio.readyState, error: audio.error && audio.error.code };
  if (known.error) return known;
  await audio.play();
  await new Promise((done) => setTimeout(done, 500));
  audio.pause();
  return { ...known, played: audio.currentTime };
}"""


@pytest.fixture(scope="module")
def server() -> Iterator[ZemuServer]:
    with zemu_server() as running:
        yield running


@pytest.fixture
def demo(server: ZemuServer) -> ZemuServer:
    """The demo account on a clock all but stopped: the test moves it."""
    server.reset()
    server.control.post("/zemu/clock", json={"time_scale": 0.001}).raise_for_status()
    return server


def expect(locator: Any) -> Any:
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def fill(form: Any, **fields: str) -> None:
    for name, value in fields.items():
        form.locator(f'[name="{name}"]').fill(value)


def test_place_a_call_watch_it_live_and_play_its_recording(demo: ZemuServer, page: Any) -> None:
    page.goto(demo.url + "/ui/phone")
    form = page.locator("#place-call")
    fill(form, **{"from": "1001", "to": "1002", "ring_seconds": "5", "talk_seconds": "12"})
    form.locator('[name="record"]').check()
    form.locator("button[type=submit]").click()
    result = form.locator("[data-result]")
    expect(result).to_contain_text("call_id")
    call_id = json.loads(result.get_attribute("data-json"))["call_id"]

    row = page.locator(f'#live tr[data-call-id="{call_id}"]')
    expect(row).to_have_attribute("data-state", "ringing")
    expect(row).to_contain_text("Blake Morgan (1001)")
    screenshot(page, "phone-ringing")
    page.locator('button[data-advance="5"]').click()  # the page's own clock button
    expect(row).to_have_attribute("data-state", "answered")
    expect(row.locator("[data-recording]")).to_have_text("● recording")
    screenshot(page, "phone-answered")
    demo.advance(12)
    expect(row).to_have_attribute("data-state", "ended")
    demo.advance(15)  # the recording is filed ten seconds after the call ends

    history = page.locator(f'#history tr[data-call-id="{call_id}"]')
    expect(history).to_contain_text("answered")
    selector = f'#recordings tr[data-call-id="{call_id}"] audio'
    expect(page.locator(selector)).to_have_count(1)
    heard = page.evaluate(LISTEN, selector)
    assert heard["error"] is None and heard["readyState"] >= 1, heard
    assert 11 <= heard["duration"] <= 13, heard  # the twelve seconds of talk
    assert heard["played"] > 0, heard
    screenshot(page, "phone")


def test_the_account_page_hides_the_secret_until_shown(demo: ZemuServer, page: Any) -> None:
    page.goto(demo.url + "/")
    secret = demo.credentials["client_secret"]
    expect(page.locator("h1")).to_contain_text("Zemu Demo Co")
    expect(page.locator("#users tbody tr")).to_have_count(12)
    assert secret not in page.content()
    screenshot(page, "account")
    page.locator("#users .pager a", has_text="next").click()
    expect(page.locator("#users .pager")).to_contain_text("page 2 of")
    page.locator('button[data-reveal="/ui/account/secret/client_secret"]').click()
    expect(page.locator("#secret-client_secret")).to_have_text(secret)


def test_send_a_text_and_a_fax_and_open_the_pdf(demo: ZemuServer, page: Any) -> None:
    page.goto(demo.url + "/ui/phone")
    sms = page.locator("#send-sms")
    fill(sms, **{"from": "1001", "to": "+14155550123", "message": "Your table is ready"})
    sms.locator("button[type=submit]").click()
    expect(sms.locator("[data-result]")).to_contain_text("message_id")
    expect(page.locator("#sms .thread")).to_contain_text("Your table is ready")

    fax = page.locator("#send-fax")
    fill(fax, **{"from": "1001", "to": "+14155550124", "pages": "3"})
    fax.locator("button[type=submit]").click()
    expect(fax.locator("[data-result]")).to_contain_text("fax_id")
    fax_id = json.loads(fax.locator("[data-result]").get_attribute("data-json"))["fax_id"]
    link = page.locator(f'#faxes tr[data-fax-id="{fax_id}"] a', has_text="PDF")
    expect(link).to_have_count(1)
    pdf = page.request.get(demo.url + link.get_attribute("href"))
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")

    refused = page.locator("#place-call")
    fill(refused, **{"from": "1001", "to": "1001"})
    refused.locator("button[type=submit]").click()
    expect(refused.locator("[data-result]")).to_contain_text("400")
    screenshot(page, "phone-messages")


def test_beyond_loopback_the_browser_logs_in_with_the_admin_token(page: Any) -> None:
    with zemu_server(admin_token=ADMIN) as guarded:
        page.goto(guarded.url + "/ui/phone")
        assert "/ui/login" in page.url
        screenshot(page, "login")
        page.locator('[name="token"]').fill("wrong")
        page.locator("main button[type=submit]").click()
        expect(page.locator(".error")).to_contain_text("not the admin token")
        page.locator('[name="token"]').fill(ADMIN)
        page.locator("main button[type=submit]").click()
        page.wait_for_url(guarded.url + "/ui/phone")
        form = page.locator("#place-call")
        fill(form, **{"from": "1001", "to": "1002"})
        form.locator("button[type=submit]").click()
        expect(form.locator("[data-result]")).to_contain_text("call_id")  # the cookie opens /zemu too
        call_id = json.loads(form.locator("[data-result]").get_attribute("data-json"))["call_id"]
        expect(page.locator(f'#live tr[data-call-id="{call_id}"]')).to_have_count(1)  # and the stream
        page.context.close()  # the live stream ends before the server stops
