"""axe-core (tests/support/vendor/axe-core, see its README) in a Playwright page.

``axe_violations(page)`` injects the vendored script into the open page and returns
the serious and critical violations of WCAG 2.1 A and AA and of axe's best practices,
one line per element: the rule, its impact, the element's selector and what is
wrong. The script is evaluated through the DevTools protocol, which the portal's
Content-Security-Policy does not govern, so pages are checked with their real policy.
"""

from functools import cache
from pathlib import Path

AXE_JS = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"

# WCAG 2.1 AA (issue tracker: "Accessibility"), plus axe's best practices
# (landmarks, one main, heading order…), whose serious ones are real barriers too.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
BLOCKING = ("serious", "critical")

RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary || ""})),
  }));
}"""


@cache
def _source() -> str:
    return AXE_JS.read_text(encoding="utf-8")


def axe_violations(page, blocking=BLOCKING) -> list[str]:
    """The open page's violations of impact ``blocking``, one line per element."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_source())
    found = []
    for violation in page.evaluate(RUN, TAGS):
        if violation["impact"] not in blocking:
            continue
        for node in violation["nodes"]:
            summary = " ".join(node["summary"].split())
            found.append(f"{violation['id']} ({violation['impact']}): {node['target']} — {summary}")
    return found
