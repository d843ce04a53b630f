"""axe-core finds no serious or critical WCAG 2.x A/AA violation on any kind of page.

Every run writes docs/screenshots/axe-summary.json: for each page checked, the number of
violated rules and of offending elements by impact.
"""

from __future__ import annotations

import json

import pytest

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = ("serious", "critical")
IMPACTS = ("critical", "serious", "moderate", "minor")

# (name in the summary, page, colour scheme); a pattern with * means its first matching file
PAGES = [
    ("index", "index.html", "light"),
    ("index (dark)", "index.html", "dark"),
    ("key", "key.html", "light"),
    ("event", "events/*.html", "light"),
    ("article", "articles/*.html", "light"),
    ("sources", "sources.html", "light"),
    ("about", "about.html", "light"),
    ("404", "404.html", "light"),
]

RUN_AXE = """async (tags) => {
    const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
    const brief = (rules) => rules.map(r => ({
        id: r.id, impact: r.impact, help: r.help, helpUrl: r.helpUrl,
        nodes: r.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200),
                                  summary: n.failureSummary || ''}))}));
    return {violations: brief(results.violations), incomplete: brief(results.incomplete),
            passes: results.passes.length};
}"""


@pytest.fixture(scope="module")
def axe_summary(screenshots_dir):
    """Collects each page's counts; written to axe-summary.json when the module ends."""
    summary: dict[str, dict] = {}
    yield summary
    if summary:
        order = [name for name, _, _ in PAGES]
        ordered = dict(sorted(summary.items(), key=lambda kv: order.index(kv[0])))
        (screenshots_dir / "axe-summary.json").write_text(json.dumps(ordered, indent=2) + "\n",
                                                          encoding="utf-8")


def _counts(rules: list[dict], nodes: bool) -> dict[str, int]:
    counts = dict.fromkeys(IMPACTS, 0)
    for rule in rules:
        counts[rule["impact"] or "minor"] += len(rule["nodes"]) if nodes else 1
    return counts


@pytest.mark.parametrize(("name", "pattern", "scheme"), PAGES, ids=[p[0] for p in PAGES])
def test_page_has_no_serious_accessibility_violations(name, pattern, scheme, site, new_page,
                                                      axe_script, axe_summary):
    rel = site.first(pattern) if "*" in pattern else pattern
    page = new_page(color_scheme=scheme)
    page.goto(site.url(rel))
    page.add_script_tag(path=str(axe_script))
    results = page.evaluate(RUN_AXE, TAGS)
    violations = results["violations"]
    axe_summary[name] = {
        "page": rel,
        "color_scheme": scheme,
        "axe_core": page.evaluate("() => axe.version"),
        "violated_rules_by_impact": _counts(violations, nodes=False),
        "violating_elements_by_impact": _counts(violations, nodes=True),
        "rules": sorted({v["id"] for v in violations}),
        "incomplete_rules": len(results["incomplete"]),
        "passed_rules": results["passes"],
    }
    report = "\n".join(
        f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})\n"
        + "\n".join(f"    {n['target']}: {n['html']}\n      {n['summary'].replace(chr(10), ' ')}"
                    for n in v["nodes"][:10])
        for v in violations)
    blocking = [v["id"] for v in violations if v["impact"] in BLOCKING]
    assert not blocking, f"{rel} ({scheme}): serious or critical axe violations {blocking}\n" \
                         f"all violations:\n{report}"
