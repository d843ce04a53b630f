import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import generator.serve as serve

ROOT = Path(__file__).resolve().parent.parent


def _content(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "articles" / "a.txt").write_text(
        "Date: 2025-04-28\n\nThe port reopened on Saturday.\n", encoding="utf-8")
    return content


def test_rebuild_writes_the_preview_site(tmp_path: Path):
    site = tmp_path / "preview"
    assert serve.rebuild(_content(tmp_path), site)
    assert "</head>" in (site / "index.html").read_text(encoding="utf-8")


def test_failed_rebuild_shows_the_error_in_the_page_and_keeps_running(tmp_path: Path, monkeypatch):
    def broken(content_dir, *args, **kwargs):
        raise RuntimeError("template <boom> exploded")

    monkeypatch.setattr(serve, "generate", broken)
    site = tmp_path / "preview"
    assert serve.rebuild(_content(tmp_path), site) is False
    page = (site / "index.html").read_text(encoding="utf-8")
    assert "template &lt;boom&gt; exploded" in page and "</head>" in page


class _Builds:
    """Count the rebuilds a watcher asks for, and wait for them."""

    def __init__(self) -> None:
        self.count = 0
        self._changed = threading.Condition()

    def __call__(self) -> None:
        with self._changed:
            self.count += 1
            self._changed.notify_all()

    def wait_for(self, count: int, timeout: float = 10) -> int:
        with self._changed:
            self._changed.wait_for(lambda: self.count >= count, timeout)
            return self.count


@contextmanager
def _watching(folders: list[Path]) -> Iterator[_Builds]:
    builds = _Builds()
    watcher = serve.DebouncedWatcher(folders, builds)
    watcher.start()
    try:
        yield builds
    finally:
        watcher.stop()


def _quiet() -> None:
    """Wait long enough that a rebuild would have been asked for."""
    time.sleep((serve.DebouncedWatcher.SETTLE_MS * 3 + 300) / 1000)


def test_a_burst_of_edits_causes_one_rebuild_once_it_settles(tmp_path: Path):
    content = _content(tmp_path)
    with _watching([content]) as builds:
        article = content / "articles" / "a.txt"
        for i in range(5):  # five saves, 10 ms apart
            article.write_text(f"Date: 2025-04-28\n\nThe port reopened on Saturday ({i}).\n",
                               encoding="utf-8")
            time.sleep(0.01)
        assert builds.wait_for(1) == 1
        _quiet()
        assert builds.count == 1


def test_added_and_deleted_files_are_edits_too(tmp_path: Path):
    content = _content(tmp_path)
    with _watching([content]) as builds:
        (content / "articles" / "a.txt").unlink()
        assert builds.wait_for(1) == 1
        (content / "curation.toml").write_text("", encoding="utf-8")
        assert builds.wait_for(2) == 2


def test_a_file_in_a_new_folder_is_an_edit(tmp_path: Path):
    content = _content(tmp_path)
    with _watching([content]) as builds:
        (content / "articles" / "2025").mkdir()
        builds.wait_for(1)
        _quiet()
        seen = builds.count
        (content / "articles" / "2025" / "b.txt").write_text("Date: 2025-04-28\n\nHi.\n",
                                                            encoding="utf-8")
        assert builds.wait_for(seen + 1) > seen


def test_edits_behind_a_link_out_of_the_content_folder_are_not_watched(tmp_path: Path):
    content = _content(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (content / "articles" / "elsewhere").symlink_to(outside)
    assert str(outside) not in serve.watched_folders([content])
    with _watching([content]) as builds:
        (outside / "b.txt").write_text("Date: 2025-04-28\n\nHi.\n", encoding="utf-8")
        _quiet()
        assert builds.count == 0
        (content / "articles" / "a.txt").write_text("Date: 2025-04-28\n\nHo.\n", encoding="utf-8")
        assert builds.wait_for(1) == 1


def test_a_broken_template_shows_its_file_and_line_in_the_page(tmp_path: Path):
    content = _content(tmp_path)
    (content / "templates").mkdir()
    (content / "templates" / "index.html").write_text("{% block %}\n", encoding="utf-8")
    site = tmp_path / "preview"
    assert serve.rebuild(content, site) is False
    page = (site / "index.html").read_text(encoding="utf-8")
    assert "index.html:1: template error" in page


def test_a_burst_of_requests_during_a_rebuild_causes_one_more_rebuild_after_it():
    started, release, finished = threading.Event(), threading.Event(), threading.Event()
    builds = []

    def build():
        builds.append(len(builds))
        started.set()
        release.wait(30)

    rebuilds = serve.BackgroundRebuild(build, finished.set)
    rebuilds.request()
    assert started.wait(30)
    for _ in range(5):
        rebuilds.request()
    assert not finished.is_set()
    release.set()
    assert finished.wait(30)
    rebuilds.stop(timeout=30)
    assert builds == [0, 1]


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.1:8000", "localhost", "LOCALHOST:8000",
                                  "[::1]", "[::1]:8000"])
def test_a_loopback_preview_answers_to_the_loopback_names(host):
    assert serve.host_allowed(host, "127.0.0.1", 8000)


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1:8001",
                                  "localhost.", "127.0.0.1.evil.example", "", "127.0.0.1:",
                                  "user@127.0.0.1", "[127.0.0.1]", "::1", "127.0.0.1 :8000"])
def test_a_loopback_preview_refuses_other_host_names(host):
    assert not serve.host_allowed(host, "127.0.0.1", 8000)


def test_a_preview_on_every_address_answers_to_ip_addresses_but_no_dns_name():
    for host in ["192.168.1.20:8000", "[fe80::1]", "10.0.0.1", "localhost:8000", "0.0.0.0"]:
        assert serve.host_allowed(host, "0.0.0.0", 8000), host
    for host in ["evil.example", "myhost.lan:8000", "192.168.1.20:80"]:
        assert not serve.host_allowed(host, "0.0.0.0", 8000), host
    assert serve.host_allowed("myhost.lan:8000", "myhost.lan", 8000)
    assert not serve.host_allowed("localhost", "myhost.lan", 8000)


def test_only_the_previews_own_pages_may_open_its_websocket():
    assert serve.origin_allowed("http://127.0.0.1:8000", "127.0.0.1", 8000)
    assert serve.origin_allowed("http://localhost:8000", "127.0.0.1", 8000)
    for origin in ["http://evil.example", "http://evil.example:8000", "http://127.0.0.1",
                   "https://127.0.0.1:8000", "null", "http://127.0.0.1:8000/x"]:
        assert not serve.origin_allowed(origin, "127.0.0.1", 8000), origin


# The real server, in a subprocess on a free loopback port.

_GATED_BUILDS = """
import pathlib, sys, time
import generator.serve as serve
gate = pathlib.Path(sys.argv.pop(1))
first_build, calls = serve.generate, []
def gated(*args, **kwargs):
    calls.append(1)
    if len(calls) > 1:  # every rebuild waits until the test lets it go on
        (gate / "building").touch()
        deadline = time.monotonic() + 60
        while not (gate / "release").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
    return first_build(*args, **kwargs)
serve.generate = gated
from generator.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port: int, path: str = "/", headers: dict[str, str] | None = None,
         timeout: float = 30) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.putrequest("GET", path, skip_host=headers is not None and "Host" in headers)
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, b"" if response.status == 101 else response.read()
    finally:
        connection.close()


@contextmanager
def _serving(tmp_path: Path, content: Path, prelude: list[str] | None = None
             ) -> Iterator[tuple[subprocess.Popen, int, Path]]:
    """Run `timeline serve` on the content; yield the process, its port and its temp folder."""
    port, tmp = _free_port(), tmp_path / "tmp"
    tmp.mkdir()
    env = dict(os.environ, TMPDIR=str(tmp), PYTHONPATH=str(ROOT))
    command = [sys.executable] + (prelude or ["-m", "generator"]) + [
        "serve", "--content", str(content), "--port", str(port)]
    with open(tmp_path / "serve.log", "wb") as log:
        process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                _get(port, timeout=5)
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError((tmp_path / "serve.log").read_text()) from None
                time.sleep(0.1)
        yield process, port, tmp
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(30)


@pytest.fixture(scope="module")
def preview(tmp_path_factory) -> Iterator[tuple[int, Path]]:
    tmp_path = tmp_path_factory.mktemp("preview")
    with _serving(tmp_path, _content(tmp_path)) as (_, port, _):
        yield port, tmp_path / "serve.log"


def test_the_preview_refuses_a_foreign_host_header(preview):
    port, _ = preview
    status, body = _get(port, headers={"Host": "evil.example"})
    assert status in (400, 421) and b"reopened" not in body
    status, body = _get(port, headers={"Host": f"evil.example:{port}"})
    assert status in (400, 421) and b"reopened" not in body


def test_the_preview_answers_its_own_address(preview):
    port, _ = preview
    for host in [f"127.0.0.1:{port}", "127.0.0.1", f"localhost:{port}"]:
        status, body = _get(port, headers={"Host": host})
        assert status == 200 and b"reopened" in body, host


def _websocket_status(port: int, origin: str) -> int:
    return _get(port, "/livereload", {
        "Host": f"127.0.0.1:{port}", "Origin": origin, "Upgrade": "websocket",
        "Connection": "Upgrade", "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="})[0]


def test_the_reload_websocket_refuses_pages_from_other_origins(preview):
    port, _ = preview
    assert _websocket_status(port, "http://evil.example") == 403
    assert _websocket_status(port, f"http://evil.example:{port}") == 403
    assert _websocket_status(port, f"http://127.0.0.1:{port}") == 101
    assert _websocket_status(port, f"http://localhost:{port}") == 101


@pytest.mark.parametrize("path", [
    "/%00", "/a%00b", "/index.html%00", "/%zz", "/%ff", "/..%2f..%2fetc%2fpasswd",
    "/%2e%2e/%2e%2e/etc/passwd", "/a%5c..%5c..%5cetc", pytest.param("/" + "a" * 5000, id="long"),
    pytest.param("/x/" * 300, id="deep")])
def test_a_bad_path_gives_400_or_404_and_no_traceback(preview, path):
    port, log = preview
    logged_before = log.stat().st_size
    assert _get(port, path)[0] in (400, 404)
    with open(log, "rb") as lines:
        lines.seek(logged_before)
        assert b"Traceback" not in lines.read()


@pytest.mark.parametrize("signal_number", [signal.SIGTERM, signal.SIGHUP])
def test_a_stopped_preview_removes_its_temporary_folder(tmp_path: Path, signal_number):
    with _serving(tmp_path, _content(tmp_path)) as (process, _, tmp):
        assert [p.name[:15] for p in tmp.iterdir()] == ["timeline-serve-"]
        process.send_signal(signal_number)
        process.wait(30)
    assert list(tmp.iterdir()) == []


def test_the_last_site_is_served_while_a_rebuild_runs(tmp_path: Path):
    content, gate = _content(tmp_path), tmp_path / "gate"
    gate.mkdir()
    with _serving(tmp_path, content, ["-c", _GATED_BUILDS, str(gate)]) as (_, port, _):
        (content / "articles" / "b.txt").write_text(
            "Date: 2025-04-29\n\nThe bridge closed on Sunday.\n", encoding="utf-8")
        deadline = time.monotonic() + 60
        while not (gate / "building").exists():
            assert time.monotonic() < deadline, "no rebuild started"
            time.sleep(0.05)
        status, body = _get(port, timeout=10)
        assert status == 200 and b"reopened" in body and b"bridge" not in body
        (gate / "release").touch()
        while b"bridge" not in _get(port)[1]:
            assert time.monotonic() < deadline + 60, "the rebuilt site was never served"
            time.sleep(0.1)
