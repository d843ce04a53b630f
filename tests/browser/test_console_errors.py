"""No page of the site logs a console error, throws, or fails to load a resource."""

from __future__ import annotations


def test_no_page_reports_a_console_error_or_a_failed_resource(site, page, page_errors):
    problems = {}
    for path in site.html_files():
        rel = site.rel(path)
        response = page.goto(site.url(rel), wait_until="load")
        found = page_errors.take()
        if response is None or not response.ok:
            found.insert(0, f"HTTP {response and response.status}")
        if found:
            problems[rel] = found
    report = "\n".join(f"{rel}:\n  " + "\n  ".join(found) for rel, found in problems.items())
    assert not problems, f"pages with errors:\n{report}"
