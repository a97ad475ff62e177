"""The test server and the page watch themselves: the site under /crosscut/ and nothing outside it,
404.html for unknown addresses, and requests beyond 127.0.0.1 and console errors caught."""

from __future__ import annotations

import urllib.error
import urllib.request


def status(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_the_subpath_site_is_served_under_its_base_only(served_sub):
    code, body = status(served_sub.url("essays/wallander-2003/"))
    assert code == 200 and body == (served_sub.folder / "essays/wallander-2003/index.html").read_bytes()
    assert status(served_sub.url("pagefind/pagefind-ui.js"))[0] == 200
    assert status(served_sub.origin + "/essays/wallander-2003/")[0] == 404
    assert status(served_sub.origin + "/index.html")[0] == 404
    assert status(served_sub.origin + "/crosscut")[0] == 200  # redirected to /crosscut/


def test_unknown_addresses_get_the_404_page(served_root, served_sub):
    for served in (served_root, served_sub):
        code, body = status(served.url("no/such/page/"))
        assert code == 404 and body == (served.folder / "404.html").read_bytes()


def test_the_watch_sees_outside_requests_and_console_errors(open_page, served_root):
    page, watch = open_page()
    page.goto(served_root.url("about/"))
    with page.expect_request("http://192.0.2.1/**"):
        page.evaluate("""() => { console.error('deliberate');
                                 document.body.append(Object.assign(new Image(), {src: 'http://192.0.2.1/x.png'})); }""")
    assert watch.outside == ["http://192.0.2.1/x.png"]
    assert any("deliberate" in e for e in watch.errors)
    assert watch.problems()
    # seen; they must not fail this test (the failed image may still log its error later)
    watch.outside.clear()
    watch.expected += ["deliberate", "Failed to load resource"]
