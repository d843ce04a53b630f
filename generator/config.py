"""Load the site's settings from ``content/site.toml``."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import tomllib
from pathlib import Path

from generator.files import OutsideError, is_inside, read_inside, real
from generator.models import Problem, Site
from generator.text import clean_line, is_web_address, quoted

SITE_FILE = "site.toml"
BUILTIN_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
_FIELDS = {f.name: f.type for f in dataclasses.fields(Site)}
# The value lands in xml:lang and <html lang>: a BCP 47 tag's shape, nothing else.
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
_BARE_URL = re.compile(r"[^?#]*")  # pages' addresses are appended to it


def load_site(content_dir: Path) -> tuple[Site, list[Problem]]:
    """Return the site settings, falling back to defaults for what is absent or unusable."""
    path = content_dir / SITE_FILE
    if not path.exists():
        return Site(), []
    try:
        text = read_inside(path, real(content_dir)).decode("utf-8")
        data = tomllib.loads(text)
    except OutsideError:  # files.escaping_links reports it
        return Site(), []
    except UnicodeDecodeError:
        return Site(), [Problem(path, None, "not UTF-8 text; using default settings")]
    except OSError as err:  # a folder, or a file this user may not read
        return Site(), [Problem(path, None, f"cannot read ({err.strerror or err}); "
                                            "using default settings")]
    except tomllib.TOMLDecodeError as err:
        return Site(), [Problem(path, _toml_line(err), f"invalid TOML ({err}); "
                                                       "using default settings")]
    except RecursionError:  # tomllib recurses once per level of nested arrays or tables
        return Site(), [Problem(path, None, "invalid TOML (nested too deeply); "
                                            "using default settings")]
    values, problems = {}, []
    for key, value in data.items():
        if key not in _FIELDS:
            problems.append(Problem(path, _key_line(text, key), f"unknown setting '{key}'"))
            continue
        expected = bool if _FIELDS[key] == "bool" else str
        if not isinstance(value, expected):
            problems.append(Problem(path, _key_line(text, key),
                                    f"'{key}' must be a {expected.__name__}; using the default"))
            continue
        if isinstance(value, str):
            value = value.strip()
            if reason := _unusable(key, value):
                problems.append(Problem(path, _key_line(text, key),
                                        f"'{key}' {reason}, not {quoted(value)}; using the default"))
                continue
            value = clean_line(value)
        values[key] = value
    return Site(**values), problems


def _unusable(key: str, value: str) -> str | None:
    """Return why a setting's value cannot be used, or None if it can."""
    if key == "base_url" and value and not (is_web_address(value) and _BARE_URL.fullmatch(value)):
        return ("must be the site's absolute http(s) address, such as https://example.org/timeline/ "
                "(no spaces, query or fragment)")
    if key == "language" and not _LANGUAGE.fullmatch(value):
        return "must be a language tag such as en, fr or pt-BR"
    return None


def _toml_line(err: tomllib.TOMLDecodeError) -> int | None:
    match = re.search(r"line (\d+)", str(err))
    return int(match.group(1)) if match else None


def _key_line(text: str, key: str) -> int | None:
    """Return the line of the settings text that sets key (the text as read, not read again)."""
    for number, line in enumerate(text.splitlines(), 1):
        if re.match(rf"\s*{re.escape(key)}\s*=", line):
            return number
    return None


def default_template_dirs(content_dir: Path) -> list[Path]:
    """Return the template folders to search: the user's overrides first, then the built-ins.

    A templates folder that links outside the content folder is not used.
    """
    user = content_dir / "templates"
    if user.is_dir() and is_inside(user, real(content_dir)):
        return [user, BUILTIN_TEMPLATES]
    return [BUILTIN_TEMPLATES]


def template_root(folder: Path) -> Path:
    """Return the folder a template folder's links must stay in: the content folder for the
    user's ``content/templates``, the folder itself for the built-in one."""
    return folder if folder == BUILTIN_TEMPLATES else folder.parent


def build_date_from_env() -> dt.date | None:
    """Return the build date that ``SOURCE_DATE_EPOCH`` sets, if any (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return None
    return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
