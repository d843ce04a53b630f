"""Rebuild the golden test's expected output after an intended change: python3 tests/update_golden.py"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "fixtures" / "golden"
sys.path.insert(0, str(HERE.parent))

from generator.build import generate  # noqa: E402


def main() -> None:
    """Write the golden site's build into its expected folder."""
    result = generate(GOLDEN / "content")
    expected = GOLDEN / "expected"
    shutil.rmtree(expected, ignore_errors=True)
    for rel, data in result.files.items():
        target = expected / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            target.write_bytes(data)
        else:
            target.write_text(data, encoding="utf-8")
    print(f"wrote {len(result.files)} files to {expected}")


if __name__ == "__main__":
    main()
