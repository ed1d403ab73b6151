"""How the learner's cohort chose, laid beside a finished attempt's path (pure Python).

The review app counts (``review.api.cohort_paths``); this module decides what the learner
may see of those counts and shapes it for the browser:

* beside each decision of the learner's path, the share of OTHER learners who made the
  same choice at that node, only where at least ``minimum`` other learners made a choice
  there (fewer would let a learner guess what one peer did);
* the most common path of the other learners: followed, or the first decision where the
  learner's path left it, only when at least ``minimum`` other learners took that path.

Shares are whole percents (``review.api.cohort.whole_percent``'s rule, halves up) formatted
for the learner's locale by ``core.formatting``; the sentences around them are the
browser's (its gettext), so the numbers here are the only locale-dependent part.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..core.formatting import format_percent
from ..core.text import html_to_text
from .scenario import Scenario

SCOPE_COHORT = "cohort"
SCOPE_COURSE = "course"


def divergence(own: Sequence[str], common: Sequence[str]) -> int | None:
    """The index of the first decision where ``own`` differs from ``common``; None when they
    are the same path. A path that is a prefix of the other differs where the shorter ends
    (content changed between attempts can do that; finished paths of one content cannot)."""
    for index, (mine, theirs) in enumerate(zip(own, common)):
        if mine != theirs:
            return index
    if len(own) == len(common):
        return None
    return min(len(own), len(common))


def most_common(paths: Sequence[tuple[int, Sequence[str]]], own: Sequence[str],
                minimum: int) -> tuple[int, list[str]] | None:
    """(other learners, choice ids) of the other learners' most common path, or None when
    no path has ``minimum`` of them. A tie that includes the learner's own path counts as
    followed (they did take a most common path); other ties go to the smaller id list, so
    every request picks the same one."""
    minimum = max(1, int(minimum))
    best = max((count for count, _ids in paths), default=0)
    if best < minimum:
        return None
    tied = sorted(list(ids) for count, ids in paths if count == best)
    own_list = list(own)
    return best, own_list if own_list in tied else tied[0]


def percent_text(percent: int, locale: str) -> str:
    """A whole percent as the learner's locale writes it: "41%" (en), "41 %" (id)."""
    return format_percent(percent / 100, locale, 0)


def annotate_timeline(timeline: Sequence[dict[str, Any]], shares: Mapping[str, Mapping[str, int]],
                      locale: str) -> int:
    """Put ``cohort: {percent, percent_text}`` on each timeline entry whose node has shares
    (``{node id: {choice id: percent}}``, only nodes with enough other learners). A choice
    no other learner made there reads 0 %. Returns how many entries got one."""
    count = 0
    for group in timeline:
        for entry in group.get("entries", []):
            node_shares = shares.get(entry.get("node") or "")
            if node_shares is None or not entry.get("choice"):
                continue
            percent = int(node_shares.get(entry["choice"], 0))
            entry["cohort"] = {"percent": percent, "percent_text": percent_text(percent, locale)}
            count += 1
    return count


def path_note(scn: Scenario, own: Sequence[str], common: tuple[int, list[str]] | None
              ) -> dict[str, Any] | None:
    """The debrief's line on the most common path: ``{"same": True}``, or where the learner
    left it: ``{"same": False, "step", "node_title", "choice_text"}`` (plain text; the choice
    the others made next, at the node they made it). None when there is nothing to say
    (no common path with enough learners, or it names a choice this content no longer has)."""
    if common is None:
        return None
    index = divergence(own, common[1])
    if index is None:
        return {"same": True}
    if index >= len(common[1]):
        return None  # they stopped where the learner went on: no "went on to"
    found = scn.choice_of(common[1][index])
    if found is None:
        return None
    node, choice = found
    return {"same": False, "step": index + 1,
            "node_title": node.title or node.id,
            "choice_text": html_to_text(choice.text_html) or choice.id}


def cohort_view(scn: Scenario, timeline: Sequence[dict[str, Any]], own: Sequence[str],
                shares: Mapping[str, Mapping[str, int]],
                paths: Sequence[tuple[int, Sequence[str]]], minimum: int, in_cohort: bool,
                locale: str) -> dict[str, Any]:
    """``view["cohort"]`` (and the timeline's ``cohort`` entries, set in place)."""
    annotate_timeline(timeline, shares, locale)
    return {"scope": SCOPE_COHORT if in_cohort else SCOPE_COURSE,
            "path": path_note(scn, own, most_common(paths, own, minimum))}
