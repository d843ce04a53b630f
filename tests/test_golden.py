"""The whole build of a small committed site against its committed expected output."""

from pathlib import Path

from generator.build import generate

GOLDEN = Path(__file__).resolve().parent / "fixtures" / "golden"


def _expected_files() -> dict[str, bytes]:
    root = GOLDEN / "expected"
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_golden_site_builds_exactly_as_committed():
    result = generate(GOLDEN / "content")
    built = {rel: data if isinstance(data, bytes) else data.encode("utf-8")
             for rel, data in result.files.items()}
    expected = _expected_files()
    assert sorted(built) == sorted(expected), "run python3 tests/update_golden.py if intended"
    for rel in sorted(expected):
        assert built[rel] == expected[rel], f"{rel} differs; run python3 tests/update_golden.py if intended"


def test_golden_site_reports_its_undated_article():
    result = generate(GOLDEN / "content")
    assert [(p.path.name, "Date" in p.message) for p in result.problems] == [("designer-note.txt", True)]
