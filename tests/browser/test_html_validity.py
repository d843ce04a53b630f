"""The Nu HTML Checker (vnu.jar) finds no error in any page of the built site."""

from __future__ import annotations

import json
import subprocess


def test_every_page_is_valid_html(site, vnu_command):
    files = [str(p) for p in site.html_files()]
    assert files, "the built site has no .html file"
    proc = subprocess.run([*vnu_command, "--errors-only", "--format", "json", *files],
                          capture_output=True, text=True, timeout=180)
    try:
        messages = json.loads(proc.stderr or proc.stdout or '{"messages": []}')["messages"]
    except (ValueError, KeyError):
        raise AssertionError(f"vnu.jar gave no JSON (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
                             ) from None
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error")
              or m.get("subType") == "fatal"]
    report = "\n".join(
        f"{m.get('url', '?').split(site.dir.as_posix() + '/')[-1]}:{m.get('lastLine', '?')}: "
        f"{m.get('message')}  [{(m.get('extract') or '').strip()[:120]}]" for m in errors)
    assert not errors, f"{len(errors)} HTML errors:\n{report}"
    assert proc.returncode == 0, f"vnu.jar exited {proc.returncode}:\n{proc.stderr}"
