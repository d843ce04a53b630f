"""The timeline page with everything it loads stays light: under 100 KB uncompressed."""

from __future__ import annotations

LIMIT = 100_000  # bytes


def test_home_page_with_its_resources_weighs_under_100_kb(site, page, screenshots_dir):
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(site.url("index.html"), wait_until="networkidle")
    sizes = {}
    for response in responses:
        name = response.url.removeprefix(site.base_url)
        sizes[name] = sizes.get(name, 0) + len(response.body())
    total = sum(sizes.values())
    lines = [f"{size:>9,} B  {name}" for name, size in sorted(sizes.items(), key=lambda kv: -kv[1])]
    report = (f"index.html and everything it loads: {total:,} bytes ({total / 1000:.1f} KB) "
              f"uncompressed in {len(sizes)} responses\n" + "\n".join(lines) + "\n")
    print(report)
    (screenshots_dir / "page-weight.txt").write_text(report, encoding="utf-8")
    assert "index.html" in sizes, sizes
    assert total < LIMIT, f"the timeline page weighs {total:,} bytes, over {LIMIT:,}:\n{report}"
