"""A query over Open edX Aspects' xAPI table: per-competency averages per course and cohort.

Aspects stores every statement ERB sends in ClickHouse, in ``xapi.xapi_events_all``
(``event_id`` UUID, ``emission_time`` DateTime64(6), ``event`` String: the statement's
JSON; tutor-contrib-aspects' migrations, settings ``RALPH_DATABASE`` /
``ASPECTS_RAW_XAPI_TABLE``). The query follows the blocks' own rule for competency results
(``core/competencies.py``): a learner counts once per block, with their **latest finished
attempt** (the *completed* statement of the block with the highest attempt number); the
learner's result on a competency is the points earned ÷ possible on its items; a cohort's
figure is the mean of its learners' results, a learner with nothing counted on a
competency being left out. A reflection awaiting a staff grade is left out of the
attempt's tally (the *completed* statement); its grade, when staff give it, comes as an
*evaluated* statement with the attempt's registration and is added (the latest grade of
each reflection: a regrade replaces the grade). Over a course the points of the learner's
blocks add up.

Pure Python: the text only. ``COMPETENCY_AVERAGES`` is the query the README shows.
"""
from __future__ import annotations

from .vocabulary import EXTENSION_BASE

COMPETENCY_AVERAGES = """\
WITH
    '{ext}' AS ext,
    finished AS (
        SELECT
            JSONExtractString(event, 'object', 'id') AS block,
            replaceRegexpOne(JSONExtractString(event, 'context', 'contextActivities', 'parent', 1, 'id'),
                             '^.*/course/', '') AS course_key,
            JSONExtractString(event, 'actor', 'account', 'name') AS learner,
            JSONExtractString(event, 'context', 'registration') AS registration,
            JSONExtractInt(event, 'context', 'extensions', concat(ext, 'attempt')) AS attempt,
            JSONExtractString(event, 'context', 'extensions', concat(ext, 'cohort')) AS cohort,
            JSONExtractArrayRaw(event, 'context', 'extensions', concat(ext, 'competencies')) AS competencies
        FROM {table}
        WHERE JSONExtractString(event, 'verb', 'id') = 'http://adlnet.gov/expapi/verbs/completed'
          AND JSONHas(event, 'context', 'extensions', concat(ext, 'competencies'))
    ),
    latest AS (
        SELECT course_key, block, learner, argMax(cohort, attempt) AS cohort,
               argMax(registration, attempt) AS registration, argMax(competencies, attempt) AS competencies
        FROM finished
        GROUP BY course_key, block, learner
    ),
    graded AS (
        SELECT registration, reflection,
               argMax(competency, emission_time) AS competency,
               argMax(earned, emission_time) AS earned, argMax(possible, emission_time) AS possible
        FROM (
            SELECT JSONExtractString(event, 'context', 'registration') AS registration,
                   JSONExtractString(event, 'object', 'id') AS reflection,
                   JSONExtractString(event, 'context', 'extensions', concat(ext, 'competency')) AS competency,
                   JSONExtractFloat(event, 'result', 'score', 'raw') AS earned,
                   JSONExtractFloat(event, 'result', 'score', 'max') AS possible,
                   emission_time
            FROM {table}
            WHERE JSONExtractString(event, 'verb', 'id') = 'https://w3id.org/xapi/acrossx/verbs/evaluated'
              AND JSONHas(event, 'result', 'score')
              AND JSONHas(event, 'context', 'extensions', concat(ext, 'block-type'))
        )
        GROUP BY registration, reflection
    ),
    entries AS (
        SELECT course_key, cohort, learner, JSONExtractString(entry, 'id') AS competency,
               JSONExtractFloat(entry, 'earned') AS earned, JSONExtractFloat(entry, 'possible') AS possible
        FROM latest
        ARRAY JOIN competencies AS entry
        UNION ALL
        SELECT latest.course_key, latest.cohort, latest.learner, graded.competency,
               graded.earned, graded.possible
        FROM latest
        INNER JOIN graded ON graded.registration = latest.registration
        WHERE graded.competency != ''
    ),
    results AS (
        SELECT course_key, cohort, learner, competency, sum(earned) / sum(possible) AS result
        FROM entries
        GROUP BY course_key, cohort, learner, competency
        HAVING sum(possible) > 0
    )
SELECT course_key, cohort, competency, round(avg(result), 4) AS average, count() AS learners
FROM results
GROUP BY course_key, cohort, competency
ORDER BY course_key, cohort, competency
"""


def competency_averages(table: str = "xapi.xapi_events_all") -> str:
    return COMPETENCY_AVERAGES.format(ext=EXTENSION_BASE, table=table)
