"""Replacing the output folder: the user's files kept, atomic under kills, one build at a time."""

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import generator.write as write_module
from generator.build import build
from generator.cli import main
from generator.render import Kept, Stamp
from generator.write import MARKER, OutputError, repair, write_output, written_files

OLD = {"index.html": "old index", "events/a.html": "old a", "static/style.css": "old css"}
NEW = {"index.html": "new index", "events/b.html": "new b", "static/style.css": "new css",
       "years/2025.html": "new year"}
USER = {"CNAME": "example.org", "events/notes.txt": "my notes", "images/logo.png": "png",
        ".git/HEAD": "ref: refs/heads/main", ".git/objects/ab/cd": "object"}


def _site(folder: Path) -> dict[str, str]:
    """Return every file under folder but the marker, as text."""
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != MARKER}


def _with_user_files(out: Path) -> None:
    for rel, text in USER.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text(text, encoding="utf-8")


def _leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir()
                  if p.name.startswith(f".{out.name}") and p.name != f".{out.name}.lock")


def test_files_the_generator_did_not_write_survive_a_rebuild(tmp_path: Path):
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "articles" / "port.txt").write_text(
        "Title: Port\nDate: 2025-04-28\n\nThe port reopened to ships on Saturday.\n",
        encoding="utf-8")
    out = tmp_path / "output"
    build(content, out)
    _with_user_files(out)
    build(content, out, force=True)
    for rel, text in USER.items():
        assert (out / rel).read_text(encoding="utf-8") == text, rel
    assert (out / "index.html").exists()


def test_a_rebuild_keeps_user_files_and_drops_the_old_sites_pages(tmp_path: Path):
    out = tmp_path / "out"
    write_output(OLD, out)
    _with_user_files(out)
    write_output(NEW, out)
    assert _site(out) == {**NEW, **USER}
    assert written_files(out) == set(NEW)
    assert _leftovers(out) == []


def test_a_user_file_where_the_new_site_writes_stops_the_write_naming_it(tmp_path: Path):
    out = tmp_path / "out"
    write_output(OLD, out)
    (out / "years").mkdir()
    (out / "years" / "2025.html").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputError, match="years/2025.html"):
        write_output(NEW, out)
    assert _site(out) == {**OLD, "years/2025.html": "mine"}
    assert _leftovers(out) == []


def test_an_older_generators_marker_keeps_only_dot_files(tmp_path: Path):
    out = tmp_path / "out"
    write_output(OLD, out)
    (out / MARKER).write_text("Written by timeline build; replaced on every build.\n",
                              encoding="utf-8")
    (out / ".git").mkdir()
    (out / ".git" / "HEAD").write_text("ref", encoding="utf-8")
    write_output(NEW, out)
    assert _site(out) == {**NEW, ".git/HEAD": "ref"}


# Each call of these is a step after which a build may be killed.
_STEPS = [(os, "rename"), (os, "replace"), (os, "link"), (os, "symlink"), (os, "mkdir"),
          (shutil, "rmtree"), (shutil, "copy2"), (write_module, "_exchange"),
          (Path, "write_text"), (Path, "write_bytes")]


def _stop_at(monkeypatch, step: int, stop) -> None:
    """Make the step-th call of any step call stop() instead of running."""
    calls = [0]
    for owner, name in _STEPS:
        real = getattr(owner, name)

        def counted(*args, _real=real, **kwargs):
            calls[0] += 1
            if calls[0] == step:
                stop()
            return _real(*args, **kwargs)
        monkeypatch.setattr(owner, name, counted)


def _interrupt() -> None:
    raise KeyboardInterrupt


def _kill() -> None:
    os._exit(9)  # as SIGKILL: no finally, no except


def _whole(out: Path) -> bool:
    """Return whether the output is the whole old site or the whole new one, user files kept."""
    return _site(out) in ({**OLD, **USER}, {**NEW, **USER})


def _killed_write(tmp_path: Path, monkeypatch, step: int, stop) -> Path:
    """Write a site, add user files, then write the new site and stop it at the step."""
    out = tmp_path / f"out-{step}"
    write_output(OLD, out)
    _with_user_files(out)
    pid = os.fork() if stop is _kill else 0
    if pid == 0:
        try:
            with monkeypatch.context() as patch:
                _stop_at(patch, step, stop)
                write_output(NEW, out)
        except KeyboardInterrupt:
            pass
        if stop is _kill:
            os._exit(0)
    else:
        os.waitpid(pid, 0)
    return out


def _steps(tmp_path: Path, monkeypatch) -> int:
    """Return how many steps a write of the new site over the old one with user files takes."""
    calls = []
    out = tmp_path / "count"
    write_output(OLD, out)
    _with_user_files(out)
    with monkeypatch.context() as patch:
        for owner, name in _STEPS:
            inner = getattr(owner, name)

            def noted(*args, _inner=inner, **kwargs):
                calls.append(1)
                return _inner(*args, **kwargs)
            patch.setattr(owner, name, noted)
        write_output(NEW, out)
    return len(calls)


@pytest.mark.parametrize("stop", [_interrupt, _kill], ids=["ctrl-c", "kill"])
@pytest.mark.parametrize("exchange", [True, False], ids=["exchange", "two-renames"])
def test_a_write_stopped_at_any_step_loses_nothing_and_the_next_repairs_it(
        tmp_path: Path, monkeypatch, stop, exchange: bool):
    if not exchange:
        monkeypatch.setattr(write_module, "_exchange", lambda first, second: False)
    steps = _steps(tmp_path, monkeypatch)
    assert steps > 10
    for step in range(1, steps + 1):
        out = _killed_write(tmp_path, monkeypatch, step, stop)
        if exchange or stop is _interrupt:
            assert _whole(out), f"step {step}"  # a whole site at every instant
        write_output(NEW, out)  # the next build repairs and replaces
        assert _site(out) == {**NEW, **USER}, f"step {step}"
        assert _leftovers(out) == [], f"step {step}"


def test_a_kill_between_the_two_renames_of_an_older_generator_is_repaired(tmp_path: Path):
    out = tmp_path / "out"
    stranded = tmp_path / ".out-old-k2j4h1ab" / "site"  # where the old code left the old site
    stranded.mkdir(parents=True)
    (stranded / MARKER).write_text("Written by timeline build; replaced on every build.\n",
                                   encoding="utf-8")
    (stranded / "index.html").write_text("old index", encoding="utf-8")
    (stranded / ".git").mkdir()
    (stranded / ".git" / "HEAD").write_text("ref", encoding="utf-8")
    write_output(NEW, out)
    assert _site(out) == {**NEW, ".git/HEAD": "ref"}
    assert _leftovers(out) == []


def test_stale_staging_and_old_trees_are_removed_keeping_what_the_user_added(tmp_path: Path):
    out = tmp_path / "out"
    write_output(OLD, out)
    staging = tmp_path / ".out.new-abc123"
    (staging / "events").mkdir(parents=True)
    (staging / MARKER).write_text('{"files": ["events/x.html"]}', encoding="utf-8")
    (staging / "events" / "x.html").write_text("half", encoding="utf-8")
    old = tmp_path / ".out.old-def456"
    old.mkdir()
    (old / MARKER).write_text('{"files": ["index.html"]}', encoding="utf-8")
    (old / "index.html").write_text("older", encoding="utf-8")
    (old / "CNAME").write_text("example.org", encoding="utf-8")
    repair(out)
    assert _leftovers(out) == []
    assert _site(out) == {**OLD, "CNAME": "example.org"}


def _builds(out: Path, rounds: int) -> str:
    return (f"import sys; sys.path.insert(0, {str(Path.cwd())!r})\n"
            "from pathlib import Path\n"
            "from generator.write import write_output\n"
            f"site = {{'index.html': 'x' * 1000, **{{f'events/{{i}}.html': 'e' for i in range(50)}}}}\n"
            f"for _ in range({rounds}):\n"
            f"    write_output(site, Path({str(out)!r}))\n")


def test_concurrent_writes_into_one_folder_all_succeed_and_keep_dot_files(tmp_path: Path):
    out = tmp_path / "out"
    write_output({"index.html": "first"}, out)
    (out / ".git").mkdir()
    (out / ".git" / "HEAD").write_text("ref", encoding="utf-8")
    script = _builds(out, 15)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    runs = [subprocess.Popen([sys.executable, "-c", script], stderr=subprocess.PIPE, env=env)
            for _ in range(2)]
    errors = [run.communicate()[1].decode() for run in runs]
    assert [run.returncode for run in runs] == [0, 0], errors
    assert (out / ".git" / "HEAD").read_text(encoding="utf-8") == "ref"
    assert len(_site(out)) == 52
    assert _leftovers(out) == []


@pytest.mark.parametrize("code", [errno.EXDEV, errno.EBUSY, errno.EROFS, errno.EACCES])
def test_a_folder_that_cannot_be_replaced_is_one_clear_error(tmp_path: Path, monkeypatch,
                                                             code: int):
    out = tmp_path / "out"
    write_output(OLD, out)

    def refuse(*args, **kwargs):
        raise OSError(code, os.strerror(code), str(out))
    monkeypatch.setattr(write_module, "_exchange", refuse)
    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OutputError, match="out") as caught:
        write_output(NEW, out)
    assert "\n" not in str(caught.value)
    assert _site(out) == OLD
    assert _leftovers(out) == []


def test_a_read_only_place_is_one_error_line_from_the_cli(tmp_path: Path, monkeypatch, capsys):
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "articles" / "port.txt").write_text(
        "Title: Port\nDate: 2025-04-28\n\nThe port reopened to ships on Saturday.\n",
        encoding="utf-8")

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(tmp_path))
    monkeypatch.setattr(write_module.tempfile, "mkdtemp", read_only)
    assert main(["build", "--content", str(content), "--output", str(tmp_path / "out"),
                 "-q", "--jobs", "1"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("timeline: error: ") and "Read-only" in err
    assert len(err.strip().splitlines()) == 1


def test_a_mount_point_is_refused_with_a_clear_error(tmp_path: Path, monkeypatch):
    out = tmp_path / "out"
    write_output(OLD, out)
    monkeypatch.setattr(write_module.os.path, "ismount", lambda path: Path(path) == out)
    with pytest.raises(OutputError, match="mount point"):
        write_output(NEW, out)
    assert _site(out) == OLD


def test_two_concurrent_cli_builds_into_one_folder_both_succeed(tmp_path: Path):
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    for name in ("port", "dock", "mill"):
        (content / "articles" / f"{name}.txt").write_text(
            f"Title: {name}\nDate: 2025-04-28\n\nThe {name} reopened to ships on Saturday.\n",
            encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", "--content", str(content), "--output", str(out), "-q", "--jobs", "1"]) == 0
    (out / ".git").mkdir()
    (out / ".git" / "HEAD").write_text("ref", encoding="utf-8")
    (out / "CNAME").write_text("example.org", encoding="utf-8")
    built = _site(out)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    command = [sys.executable, "-m", "generator", "build", "--content", str(content),
               "--output", str(out), "--force", "-q", "--jobs", "1"]
    runs = [subprocess.Popen(command, stderr=subprocess.PIPE, env=env) for _ in range(2)]
    errors = [run.communicate()[1].decode() for run in runs]
    assert [run.returncode for run in runs] == [0, 0], errors
    assert _site(out) == built
    assert _leftovers(out) == []


def test_a_new_output_folder_is_readable_by_others_as_its_parent_allows(tmp_path: Path):
    out = tmp_path / "out"
    write_output(OLD, out)
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o777 & ~umask
    out.chmod(0o750)
    write_output(NEW, out)
    assert out.stat().st_mode & 0o777 == 0o750


def test_an_unchanged_page_is_the_same_file_with_its_old_modification_time(tmp_path: Path):
    out = tmp_path / "out"
    write_output(OLD, out)
    before = {rel: os.stat(out / rel) for rel in OLD}
    write_output({**OLD, "events/a.html": "changed a"}, out)
    after = {rel: os.stat(out / rel) for rel in OLD}
    for rel in ("index.html", "static/style.css"):
        assert (after[rel].st_ino, after[rel].st_mtime_ns) == (
            before[rel].st_ino, before[rel].st_mtime_ns)
    assert after["events/a.html"].st_ino != before["events/a.html"].st_ino
    assert _site(out) == {**OLD, "events/a.html": "changed a"}
    assert _leftovers(out) == []


def test_a_page_edited_by_hand_or_swapped_for_a_link_is_written_anew(tmp_path: Path):
    out = tmp_path / "out"
    write_output(OLD, out)
    (out / "index.html").write_text("edited by hand", encoding="utf-8")
    outside = tmp_path / "outside.css"
    outside.write_text("old css", encoding="utf-8")  # the very bytes the new site writes
    (out / "static" / "style.css").unlink()
    (out / "static" / "style.css").symlink_to(outside)
    write_output(OLD, out)
    assert _site(out) == OLD
    assert not (out / "static" / "style.css").is_symlink()
    assert os.stat(out / "static" / "style.css").st_ino != os.stat(outside).st_ino


def _stamp(path: Path) -> Stamp:
    info = path.stat()
    return Stamp("key", info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def test_a_kept_page_is_the_last_builds_file_linked_not_written(tmp_path: Path):
    out = tmp_path / "out"
    write_output(OLD, out)
    stamp = _stamp(out / "events" / "a.html")
    write_output({**OLD, "events/a.html": Kept(stamp, lambda: "rendered again")}, out)
    assert (out / "events" / "a.html").read_text(encoding="utf-8") == "old a"
    assert (out / "events" / "a.html").stat().st_ino == stamp.inode


def test_a_kept_page_changed_since_it_was_checked_is_rendered_again(tmp_path: Path):
    out = tmp_path / "out"
    write_output(OLD, out)
    page = out / "events" / "a.html"
    stamp = _stamp(page)
    page.write_text("own a", encoding="utf-8")  # same size, and the same modification time
    os.utime(page, ns=(stamp.mtime_ns, stamp.mtime_ns))
    write_output({**OLD, "events/a.html": Kept(stamp, lambda: "rendered again")}, out)
    assert page.read_text(encoding="utf-8") == "rendered again"
