"""How the learner's cohort went through a simulation: the choices other learners made at
the nodes of the learner's path, and the paths other learners took most often, read in the
learner's own request with ONE SQL statement.

Stable signature::

    choices_and_paths(usage_key: str, cohort: str | None, learner_id: str,
                      nodes: Iterable[str], minimum: int)
        -> ({node id: {"answered": int, "values": {choice id: int}}},   # cohort.Counts
            [(other learners, [choice ids])])                           # candidate paths

The counts have the shape and the meaning of ``cohort.option_shares(usage_key, cohort,
learner_id, kinds=("choice",), denominator_kind=None, items=nodes)`` (``cohort.percents``
turns them into the shares shown), and the same scope: ``cohort`` the learner's cohort, ""
or None every learner of the block. Why not that function itself: the learner's request may
cost one statement more than without "how the cohort chose", and the most common path
needs the path totals too; ``option_shares`` runs its own statement, so calling it and
then reading the paths would be two. So the statement here is ``option_shares``'s UNION
ALL (the totals' sums, the learner's own facts negated: the totals hold each learner's
latest finished attempt, the learner's own included) with the path totals added to it.

Facts read (``simulation/facts.py``): kind "choice" (item_id the node, value the choice;
one per decision, so a learner who comes back to a node counts once per visit) and kind
"path" (value a digest of the choice ids, ``detail`` the ids as JSON; one per learner).
Only paths that at least ``minimum`` learners took are returned (``HAVING``, the learner
included): fewer other learners are never shown, and the rows stay few however many
learners there are. No learner state and no other learner's own row is read.
"""
from __future__ import annotations

import json
from collections.abc import Iterable

from .cohort import Counts

Paths = list[tuple[int, list[str]]]


def _models():
    from .. import models

    return models


def _choice_ids(detail: str) -> list[str] | None:
    try:
        ids = json.loads(detail or "")
    except ValueError:
        return None
    if not isinstance(ids, list) or not all(isinstance(item, str) for item in ids):
        return None
    return ids


def choices_and_paths(usage_key: str, cohort: str | None, learner_id: str,
                      nodes: Iterable[str], minimum: int) -> tuple[Counts, Paths]:
    """Per node of ``nodes``: how many decisions OTHER learners made there and how many chose
    each choice; and the paths at least ``minimum`` other learners took, with their
    number. One SQL statement."""
    from django.db.models import Count, IntegerField, Min, Q, Sum, TextField, Value

    models = _models()
    node_ids = sorted({str(node) for node in nodes})
    minimum = max(1, int(minimum))
    tallies = models.AnalyticsTally.objects.filter(usage_key=usage_key)
    own = models.AttemptFact.objects.filter(usage_key=usage_key, kind__in=("choice", "path"),
                                            review__usage_key=usage_key,
                                            review__learner_id=learner_id)
    if cohort:
        tallies = tallies.filter(cohort=cohort)
        own = own.filter(cohort=cohort)
    columns = ("kind", "item_id", "value")
    no_detail = Value("", output_field=TextField())
    choices = (tallies.filter(kind="choice", item_id__in=node_ids).values(*columns).order_by()
               .annotate(total=Sum("n", output_field=IntegerField()), ids=no_detail))
    paths = (tallies.filter(kind="path").values(*columns).order_by()
             .annotate(total=Sum("n", output_field=IntegerField()), ids=Min("detail"))
             .filter(total__gte=minimum))
    mine = (own.filter(Q(kind="path") | Q(kind="choice", item_id__in=node_ids))
            .values(*columns).order_by().annotate(total=-Count("id"), ids=Min("detail")))
    counts: Counts = {}
    path_totals: dict[str, int] = {}
    path_ids: dict[str, str] = {}
    for row in choices.union(paths, mine, all=True):
        total = int(row["total"] or 0)
        if row["kind"] == "choice":
            entry = counts.setdefault(row["item_id"], {"answered": 0, "values": {}})
            entry["values"][row["value"]] = entry["values"].get(row["value"], 0) + total
            entry["answered"] += total
        elif row["kind"] == "path":
            path_totals[row["value"]] = path_totals.get(row["value"], 0) + total
            if row["ids"]:
                path_ids.setdefault(row["value"], row["ids"])
    for entry in counts.values():
        entry["answered"] = max(0, entry["answered"])
        entry["values"] = {value: n for value, n in entry["values"].items() if n > 0}
    found: Paths = []
    for digest, total in path_totals.items():
        ids = _choice_ids(path_ids.get(digest, ""))
        if total >= minimum and ids is not None:
            found.append((total, ids))
    return counts, found
