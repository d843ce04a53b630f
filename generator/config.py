"""Load the site's settings from ``content/site.toml``."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import tomllib
from pathlib import Path

from generator.models import Problem, Site

SITE_FILE = "site.toml"
BUILTIN_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
_FIELDS = {f.name: f.type for f in dataclasses.fields(Site)}


def load_site(content_dir: Path) -> tuple[Site, list[Problem]]:
    """Return the site settings, falling back to defaults for what is absent or unusable."""
    path = content_dir / SITE_FILE
    if not path.exists():
        return Site(), []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
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
            problems.append(Problem(path, _key_line(path, key), f"unknown setting '{key}'"))
            continue
        expected = bool if _FIELDS[key] == "bool" else str
        if not isinstance(value, expected):
            problems.append(Problem(path, _key_line(path, key),
                                    f"'{key}' must be a {expected.__name__}; using the default"))
            continue
        values[key] = value.strip() if isinstance(value, str) else value
    return Site(**values), problems


def _toml_line(err: tomllib.TOMLDecodeError) -> int | None:
    match = re.search(r"line (\d+)", str(err))
    return int(match.group(1)) if match else None


def _key_line(path: Path, key: str) -> int | None:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if re.match(rf"\s*{re.escape(key)}\s*=", line):
            return number
    return None


def default_template_dirs(content_dir: Path) -> list[Path]:
    """Return the template folders to search: the user's overrides first, then the built-ins."""
    user = content_dir / "templates"
    return [user, BUILTIN_TEMPLATES] if user.is_dir() else [BUILTIN_TEMPLATES]


def build_date_from_env() -> dt.date | None:
    """Return the build date that ``SOURCE_DATE_EPOCH`` sets, if any (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return None
    return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
