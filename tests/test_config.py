from pathlib import Path

from generator.config import load_site
from generator.models import Site


def test_missing_site_file_gives_defaults(tmp_path: Path):
    assert load_site(tmp_path) == (Site(), [])


def test_settings_are_read(tmp_path: Path):
    (tmp_path / "site.toml").write_text('title = "My story"\nlanguage = "fr"\n', encoding="utf-8")
    site, problems = load_site(tmp_path)
    assert (site.title, site.language, problems) == ("My story", "fr", [])


def test_invalid_toml_names_the_file_and_line_and_falls_back(tmp_path: Path):
    (tmp_path / "site.toml").write_text('title = "ok"\nlanguage = \n', encoding="utf-8")
    site, problems = load_site(tmp_path)
    assert site == Site()
    assert len(problems) == 1 and problems[0].line == 2
    assert str(problems[0]).startswith(str(tmp_path / "site.toml") + ":2:")


def test_deeply_nested_site_file_is_reported_invalid_and_defaults_are_used(tmp_path: Path):
    (tmp_path / "site.toml").write_text("x = " + "[" * 20000 + "]" * 20000 + "\n",
                                        encoding="utf-8")
    site, problems = load_site(tmp_path)
    assert site == Site()
    assert [p.message for p in problems] == ["invalid TOML (nested too deeply); "
                                             "using default settings"]


def test_site_file_that_is_a_folder_is_reported_and_defaults_are_used(tmp_path: Path):
    (tmp_path / "site.toml").mkdir()
    site, problems = load_site(tmp_path)
    assert site == Site()
    assert len(problems) == 1 and problems[0].path == tmp_path / "site.toml"
    assert problems[0].message.startswith("cannot read (")


def test_wrong_type_and_unknown_keys_are_reported(tmp_path: Path):
    (tmp_path / "site.toml").write_text('title = 3\ncolour = "red"\n', encoding="utf-8")
    site, problems = load_site(tmp_path)
    assert site.title == Site().title
    assert [p.line for p in problems] == [1, 2]
