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


def test_a_base_url_that_is_not_a_plain_web_address_is_a_warning_and_ignored(tmp_path: Path):
    for bad in ("https://example.org/\\r\\nX-INJECT:1", "javascript:alert(1)", "example.org",
                "https://example.org/a b", "https://example.org/?q=1", "https://\\u001b[2J/"):
        (tmp_path / "site.toml").write_text(f'title = "T"\nbase_url = "{bad}"\n', encoding="utf-8")
        site, problems = load_site(tmp_path)
        assert site.base_url == "", bad
        assert [(p.line, "'base_url'" in p.message) for p in problems] == [(2, True)], bad
    (tmp_path / "site.toml").write_text('base_url = "https://example.org/t/"\n', encoding="utf-8")
    assert load_site(tmp_path) == (Site(base_url="https://example.org/t/"), [])


def test_a_language_that_is_not_a_language_tag_is_a_warning_and_english_is_used(tmp_path: Path):
    (tmp_path / "site.toml").write_text('language = "en\\" onload=\\"x"\n', encoding="utf-8")
    site, problems = load_site(tmp_path)
    assert site.language == "en"
    assert [(p.line, "'language'" in p.message) for p in problems] == [(1, True)]
    (tmp_path / "site.toml").write_text('language = "pt-BR"\n', encoding="utf-8")
    assert load_site(tmp_path) == (Site(language="pt-BR"), [])


def test_title_and_description_lose_control_and_invisible_characters(tmp_path: Path):
    (tmp_path / "site.toml").write_text(
        'title = "My\\u001b]0;pwned\\u0007 story\\u202e\\u200b"\n'
        'description = "Line one\\nline two\\u0000"\n', encoding="utf-8")
    site, problems = load_site(tmp_path)
    assert (site.title, site.description, problems) == ("My]0;pwned story", "Line one line two", [])
