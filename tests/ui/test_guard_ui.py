"""The dashboard is guarded as the control plane is: open on loopback to its own origin only;
beyond loopback (or with an admin token) a browser logs in once and keeps an HttpOnly,
SameSite=Strict cookie, which then opens the dashboard and the control plane it calls."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from zemu.testing import ZemuServer, zemu_server

ADMIN = "correct-horse-battery-staple"
EVIL = "http://evil.example"
PAGE = {"accept": "text/html,application/xhtml+xml"}


@pytest.fixture(scope="module")
def guarded() -> Iterator[ZemuServer]:
    with zemu_server(admin_token=ADMIN) as server:
        yield server


@pytest.fixture
def browser(guarded: ZemuServer) -> Iterator[httpx.Client]:
    """A client that carries no token: only what a browser would keep (cookies)."""
    with httpx.Client(base_url=guarded.url, timeout=30) as client:
        yield client


def log_in(client: httpx.Client) -> httpx.Response:
    return client.post("/ui/login", data={"token": ADMIN, "next": "/ui/phone"})


def test_without_the_token_a_page_sends_the_browser_to_log_in(browser: httpx.Client) -> None:
    for path in ("/", "/ui/phone", "/ui/account/users", "/ui/live"):
        assert browser.get(path).status_code == 401, path  # a script: Zoom's error
    answer = browser.get("/ui/phone?x=1", headers=PAGE)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/ui/login?next=%2Fui%2Fphone%3Fx%3D1"
    form = browser.get(answer.headers["location"])
    assert form.status_code == 200 and 'name="token"' in form.text
    assert browser.get("/ui/static/zemu.css").status_code == 200  # the form's own style
    assert browser.get("/ui/account/secret/client_secret").status_code == 401
    assert browser.post("/zemu/phone/calls", json={"from": "1001", "to": "1002"}).status_code == 401


def test_a_wrong_token_is_refused_and_sets_nothing(browser: httpx.Client) -> None:
    answer = browser.post("/ui/login", data={"token": "guess", "next": "/"})
    assert answer.status_code == 401 and "not the admin token" in answer.text
    assert "set-cookie" not in answer.headers
    assert browser.get("/").status_code == 401


def test_logging_in_sets_a_strict_http_only_cookie_that_opens_the_dashboard(
    guarded: ZemuServer, browser: httpx.Client
) -> None:
    answer = log_in(browser)
    assert answer.status_code == 303 and answer.headers["location"] == "/ui/phone"
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith("zemu_admin=") and "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert ADMIN not in cookie  # the cookie holds a digest, not the token
    assert browser.get("/").status_code == 200
    assert browser.get("/ui/phone").status_code == 200
    assert browser.get("/ui/account/secret/client_secret").text == guarded.credentials["client_secret"]
    # the page's own script calls the control plane with it, same-origin
    placed = browser.post("/zemu/phone/calls", json={"from": "1001", "to": "1002"}, headers={"origin": guarded.url})
    assert placed.status_code == 201, placed.text
    # ...but no other page can, cookie or not
    forged = browser.post("/zemu/phone/calls", json={"from": "1001", "to": "1002"}, headers={"origin": EVIL})
    assert forged.status_code == 403
    out = browser.post("/ui/logout", headers={"origin": guarded.url})
    assert out.status_code == 303
    assert browser.get("/").status_code == 401


def test_the_token_can_be_given_in_the_link(browser: httpx.Client) -> None:
    answer = browser.get("/ui/login", params={"token": ADMIN, "next": "/"})
    assert answer.status_code == 303 and answer.headers["location"] == "/"
    assert browser.get("/").status_code == 200


def test_login_goes_back_only_to_a_page_of_this_server(browser: httpx.Client) -> None:
    for target in ("//evil.example/", "http://evil.example/", "/\\evil.example"):
        answer = browser.post("/ui/login", data={"token": ADMIN, "next": target})
        assert answer.headers["location"] == "/", target


def test_a_forged_cookie_opens_nothing(guarded: ZemuServer) -> None:
    with httpx.Client(base_url=guarded.url, cookies={"zemu_admin": "0" * 64}) as client:
        assert client.get("/").status_code == 401


def test_on_loopback_without_a_token_the_dashboard_is_open_to_its_own_origin(zemu: ZemuServer) -> None:
    assert zemu.control.get("/").status_code == 200
    assert zemu.control.get("/ui/login", follow_redirects=False).status_code == 303  # nothing to log in to
    refused = zemu.control.get("/ui/phone", headers={"origin": EVIL})
    assert refused.status_code == 403
    rebinding = zemu.control.get("/", headers={"host": f"evil.example:{zemu.config.port}"})
    assert rebinding.status_code == 403
    audio = zemu.control.get("/ui/files/x", headers={"host": f"evil.example:{zemu.config.port}"})
    assert audio.status_code == 403
