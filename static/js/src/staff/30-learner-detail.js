/* Staff panel bundle: one learner's drill-down: facts, competencies and each finished
 * attempt's steps. */
(function (global) {
  "use strict";

  global.AsnXBlocks.staff.learnerDetail = function (P) {
    var A = P.A, el = A.el, _ = A.gettext;
    var client = P.client, prefix = P.prefix, L = P.L, call = P.call, showAlert = P.showAlert,
      busy = P.busy, errorOf = P.errorOf, markText = P.markText;

    function openLearner(rowId, message) {
      busy(L.panel, true);
      return call("staff_learner", {learner: rowId}).then(function (result) {
        busy(L.panel, false);
        if (!result.ok) { showAlert(L.alert, errorOf(result)); return; }
        showAlert(L.alert, "");
        renderDetail(result.data, message || "");
      });
    }

    function closeDetail(rowId) {
      L.detail.hidden = true;
      L.detail.textContent = "";
      L.list.hidden = false;
      P.loadLearners(false, rowId);
    }

    function factList(learner) {
      var items = [
        [_("Cohort"), learner.cohort || "—"],
        [_("Status"), learner.status_label],
        [_("Finished attempts"), String(learner.attempts)],
        [_("Score in the gradebook"), learner.score_text + (learner.overridden ? " " + _("(override)") : "")],
        [_("Best attempt"), learner.best_text],
        [_("Last attempt"), learner.last_text],
        [_("Last activity"), learner.last_activity_text]
      ];
      if (learner.pending) { items.push([_("Reflections to grade"), String(learner.pending)]); }
      var dl = el("dl", {"class": "asn-staff-facts"}, []);
      items.forEach(function (pair) { dl.appendChild(el("dt", {}, [pair[0]])); dl.appendChild(el("dd", {}, [pair[1]])); });
      return dl;
    }

    function renderDetail(data, message) {
      var learner = data.learner;
      L.list.hidden = true;
      L.detail.hidden = false;
      L.detail.textContent = "";
      var headingId = prefix + "-detail-heading";
      var heading = el("h4", {id: headingId, tabindex: "-1"}, [A.format(_("Learner: {name}"), {name: learner.learner})]);
      L.detail.appendChild(el("button", {type: "button", "class": "asn-button asn-secondary", onclick: function () { closeDetail(learner.id); }}, [_("Back to learners")]));
      L.detail.appendChild(heading);
      var status = el("p", {"class": "asn-staff-status"}, [message || ""]);  // announced via the live region
      L.detail.appendChild(status);
      L.detail.appendChild(factList(learner));
      if (data.grading && P.tabById("queue")) {
        L.detail.appendChild(el("p", {}, [el("button", {type: "button", "class": "asn-button asn-secondary", onclick: function () {
          var entry = P.tabById("queue");
          P.select(entry, false);
          P.openGrading(learner.id);
        }}, [learner.pending ? _("Grade this learner's reflections") : _("Review or regrade reflections")])]));
      }
      L.detail.appendChild(P.overrideSection(learner, data.max_points));
      var table = A.competencyTable(learner.competencies, _("Result per competency (the attempt that counts)"), competencyHeaders());
      if (table) { L.detail.appendChild(table); }
      L.detail.appendChild(el("h5", {}, [_("Attempts")]));
      if (!data.attempts.length) {
        L.detail.appendChild(el("p", {}, [_("No finished attempt yet. Answers are shown here once an attempt is finished.")]));
      }
      if (data.more_attempts) {
        L.detail.appendChild(el("p", {"class": "asn-hint"}, [A.format(_("{count} older attempts are not shown."), {count: data.more_attempts})]));
      }
      data.attempts.forEach(function (attempt) { L.detail.appendChild(attemptView(attempt)); });
      client.focus(heading);
    }

    // the competency tables' headers in this bundle's catalogue (asn_common.js's are not in it)
    function competencyHeaders() { return [_("Competency"), _("Points"), _("Result")]; }

    function attemptView(attempt) {
      var title = A.format(_("Attempt {number}"), {number: attempt.number});
      if (attempt.counts) { title += " — " + _("counts for the grade"); }
      var facts = [A.format(_("Finished {when}"), {when: attempt.finished_text}),
        A.format(_("Raw score {raw} ({percent})"), {raw: attempt.raw_text, percent: attempt.percent_text}),
        A.format(_("Points {points}"), {points: attempt.points_text})];
      if (attempt.pending) { facts.push(_("reflections awaiting grading")); }
      var list = el("ol", {"class": "asn-staff-steps"}, attempt.steps.map(stepView));
      var parts = [el("h6", {"class": "asn-staff-attempt-title"}, [title]), el("p", {"class": "asn-hint"}, [facts.join(" · ")]), list];
      var table = A.competencyTable(attempt.competencies, A.format(_("Competencies in attempt {number}"), {number: attempt.number}), competencyHeaders());
      if (table) { parts.push(table); }
      return el("section", {"class": "asn-staff-attempt"}, parts);
    }

    function stepView(step) {
      var rows = [];
      if (step.answer) {
        rows.push(el("dt", {}, [step.kind === "ending" ? _("Reached") : _("Answer")]));
        if (step.answers && step.answers.length > 1) {
          rows.push(el("dd", {}, [el("ul", {"class": "asn-staff-choices"}, step.answers.map(function (a) { return el("li", {}, [a]); }))]));
        } else {
          rows.push(el("dd", {"class": step.kind === "reflection" ? "asn-learner-text" : null}, [step.answer]));
        }
      }
      if (step.points) {
        rows.push(el("dt", {}, [_("Points")]));
        rows.push(el("dd", {}, [step.points, step.mark ? el("span", {"class": "asn-mark asn-mark-" + step.mark}, [markText(step.mark)]) : null]));
      }
      var parts = [el("p", {"class": "asn-staff-q"}, [step.stage ? el("span", {"class": "asn-staff-stage"}, [step.stage + ": "]) : null, step.question])];
      if (rows.length) { parts.push(el("dl", {"class": "asn-staff-answer"}, rows)); }
      if (step.feedback_html) {
        parts.push(el("div", {"class": "asn-feedback"}, [el("span", {"class": "asn-visually-hidden"}, [_("Feedback shown to the learner:")]), el("div", {html: step.feedback_html})]));
      }
      if (step.notes && step.notes.length) {
        parts.push(el("ul", {"class": "asn-staff-notes"}, step.notes.map(function (n) { return el("li", {}, [n]); })));
      }
      return el("li", {"class": "asn-staff-step asn-staff-step-" + step.kind}, parts);
    }

    P.openLearner = openLearner; P.renderDetail = renderDetail;
  };
}(window));
