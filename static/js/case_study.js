/* Integrity Case Study: the learner's view. The server sends only submitted stages and the
 * current one; this file renders them, sends the stage's answers, and keeps reflection
 * drafts saved as the learner types. */
(function (global) {
  "use strict";

  function AsnCaseStudy(runtime, element, init) {
    var A = global.AsnXBlocks, el = A.el, _ = A.gettext;
    var prefix = A.uid("cs");

    function markText(mark) {
      return {correct: _("Correct"), partial: _("Partly correct"), incorrect: _("Incorrect")}[mark] || "";
    }

    function optionView(item, option, current, inputName) {
      var id = prefix + "-" + item.id + "-" + option.id;
      var input = el("input", {
        type: item.kind === "multiple" ? "checkbox" : "radio", id: id, name: inputName,
        value: option.id, disabled: !current, checked: !!option.chosen, "data-question": item.id
      });
      var extras = [];
      if (option.mark) {
        extras.push(el("span", {"class": "asn-mark asn-mark-" + option.mark}, [markText(option.mark)]));
      }
      if (option.key) {
        extras.push(el("span", {"class": "asn-key"}, [_("Best answer")]));
      }
      var children = [
        el("div", {"class": "asn-option-line"}, [input, el("label", {"for": id, html: option.text_html}), extras.length ? el("span", {"class": "asn-marks"}, extras) : null])
      ];
      if (option.feedback_html) {
        children.push(el("div", {"class": "asn-feedback", html: option.feedback_html}));
      }
      return el("li", {"class": "asn-option" + (option.chosen ? " asn-chosen" : "")}, children);
    }

    function questionView(item, current) {
      var legendId = prefix + "-" + item.id + "-legend";
      var hint = item.kind === "multiple" ? _("Choose all that apply.") : _("Choose one.");
      var parts = [
        el("legend", {id: legendId, "class": "asn-prompt", html: item.prompt_html}),
        el("p", {"class": "asn-hint"}, [hint + " " + A.format(A.ngettext("({points} point)", "({points} points)", item.points), {points: A.fmtNum(item.points, 2)})]),
        el("ul", {"class": "asn-options"}, item.options.map(function (o) {
          return optionView(item, o, current, prefix + "-" + item.id);
        }))
      ];
      if (item.points_text) {
        parts.push(el("p", {"class": "asn-item-points"}, [A.format(_("Points: {points}"), {points: item.points_text})]));
      }
      return el("fieldset", {"class": "asn-question", "data-item": item.id}, parts);
    }

    function rubricTable(rubric, grade) {
      if (!rubric || !rubric.length) { return null; }
      var byId = {};
      ((grade && grade.criteria) || []).forEach(function (c) { byId[c.id] = c; });
      var graded = grade && grade.criteria;
      return A.table("asn-rubric", _("Rubric"), [_("Criterion"), _("Levels")].concat(graded ? [_("Your points")] : []),
        rubric.map(function (c) {
          var row = [c.label, el("ul", {"class": "asn-levels"}, c.levels.map(function (lv) {
            return el("li", {}, [A.format(_("{points} pt: {description}"), {points: A.fmtNum(lv.points, 2), description: lv.description})]);
          }))];
          if (graded) {
            var g = byId[c.id];
            row.push(g && g.points !== null && g.points !== undefined ? A.fmtNum(g.points, 2) + " / " + A.fmtNum(g.max, 2) : "—");
          }
          return row;
        }));
    }

    function reflectionView(ctl, item, current) {
      var promptId = prefix + "-" + item.id + "-prompt";
      var countId = prefix + "-" + item.id + "-count";
      var parts = [el("div", {id: promptId, "class": "asn-prompt", html: item.prompt_html})];
      var limits = [];
      if (item.min_words) { limits.push(A.format(_("at least {n} words"), {n: item.min_words})); }
      if (item.max_words) { limits.push(A.format(_("at most {n} words"), {n: item.max_words})); }
      if (current) {
        var status = el("span", {"class": "asn-draft-status", "aria-live": "polite"}, []);
        var count = el("span", {id: countId, "class": "asn-word-count"}, []);
        var area = el("textarea", {
          id: prefix + "-" + item.id, rows: 8, "class": "asn-reflection-text", "data-item": item.id,
          "aria-labelledby": promptId, "aria-describedby": countId
        }, []);
        area.value = item.draft || "";
        var updateCount = function () {
          var n = A.wordCount(area.value);
          var text = A.format(A.ngettext("{n} word", "{n} words", n), {n: n});
          if (limits.length) { text += " (" + limits.join(", ") + ")"; }
          if (item.max_words && n > item.max_words) { text += " — " + _("too long"); }
          count.textContent = text;
        };
        area.addEventListener("input", function () {
          updateCount();
          ctl.saveDraft(item.id, {reflection: item.id, text: area.value}, status);
        });
        updateCount();
        parts.push(area, el("p", {"class": "asn-reflection-meta"}, [count, " ", status]));
      } else {
        parts.push(el("div", {"class": "asn-learner-text", "aria-label": _("Your answer")}, [item.answer || ""]));
        var statusText = {
          awaiting_grading: _("Awaiting grading by the course team."),
          graded: _("Graded by the course team."),
          complete: _("Complete: full points for meeting the word count."),
          ungraded: _("Not graded: this reflection is for your own learning."),
          incomplete: _("Not enough words for full points.")
        }[item.status];
        if (statusText) { parts.push(el("p", {"class": "asn-reflection-status asn-status-" + item.status}, [statusText])); }
        if (item.points_text) { parts.push(el("p", {"class": "asn-item-points"}, [A.format(_("Points: {points}"), {points: item.points_text})])); }
        if (item.grade && item.grade.comment) {
          parts.push(el("div", {"class": "asn-grade-comment"}, [el("h5", {}, [_("Comment from the course team")]), el("p", {}, [item.grade.comment])]));
        }
      }
      parts.push(rubricTable(item.rubric, item.grade));
      if (item.model_answer_html) {
        parts.push(el("div", {"class": "asn-model-answer"}, [el("h5", {}, [_("Model answer")]), el("div", {html: item.model_answer_html})]));
      }
      return el("div", {"class": "asn-reflection", "data-item": item.id}, parts);
    }

    function collect(section, stage) {
      var answers = {}, missing = [];
      stage.items.forEach(function (item) {
        if (item.type === "question") {
          var inputs = section.querySelectorAll('input[data-question="' + item.id + '"]');
          var chosen = Array.prototype.filter.call(inputs, function (i) { return i.checked; }).map(function (i) { return i.value; });
          if (!chosen.length) { missing.push(item); }
          answers[item.id] = item.kind === "multiple" ? chosen : chosen[0];
        } else {
          var area = section.querySelector('textarea[data-item="' + item.id + '"]');
          var text = area ? area.value : "";
          var n = A.wordCount(text);
          if (n < (item.min_words || 0) || (item.max_words && n > item.max_words)) { missing.push(item); }
          answers[item.id] = text;
        }
      });
      return {answers: answers, missing: missing};
    }

    function stageView(ctl, stage, index, count) {
      var current = stage.status === "current";
      var headingId = prefix + "-stage-" + stage.id;
      var section = el("section", {"class": "asn-stage asn-stage-" + stage.status, "aria-labelledby": headingId}, [
        el("h3", {id: headingId, "class": "asn-stage-title"}, [
          stage.title]),
        el("div", {"class": "asn-narrative", html: stage.narrative_html})
      ]);
      stage.items.forEach(function (item) {
        section.appendChild(item.type === "question" ? questionView(item, current) : reflectionView(ctl, item, current));
      });
      if (current) {
        var button = el("button", {type: "button", "class": "asn-button asn-submit"}, [_("Submit")]);
        button.addEventListener("click", function () {
          var result = collect(section, stage);
          if (result.missing.length) {
            ctl.client.showError(_("Answer every question of this stage (and keep reflections within the word limits) before submitting."));
            var first = section.querySelector('[data-item="' + result.missing[0].id + '"] input, textarea[data-item="' + result.missing[0].id + '"]');
            ctl.client.focus(first);
            return;
          }
          button.disabled = true;
          ctl.act({type: "submit_stage", stage: stage.id, answers: result.answers}, function (payload) {
            var view = payload.view;
            ctl.client.announce(view && view.finished ? _("Case finished. Your debrief and result are shown.")
              : _("Stage submitted. Feedback is shown under your answers; the next stage has opened."));
          }).then(function () { button.disabled = false; });
        });
        section.appendChild(el("div", {"class": "asn-actions"}, [button]));
      } else {
        section.appendChild(el("p", {"class": "asn-frozen"}, [_("Submitted — answers can no longer be changed.")]));
      }
      return section;
    }

    function render(ctl, payload, focusTarget) {
      var body = ctl.client.body, view = payload.view;
      body.appendChild(ctl.statusBar(payload));
      if (payload.locked) {
        body.appendChild(el("p", {"class": "asn-notice"}, [_("You have used all your attempts.")]));
        return;
      }
      if (!view) { return; }
      if (view.intro_html) { body.appendChild(el("div", {"class": "asn-intro", html: view.intro_html})); }
      body.appendChild(el("p", {"class": "asn-progress"}, [
        view.finished ? _("All stages submitted.") :
          A.format(_("Stage {n} of {count}"), {n: view.current_index + 1, count: view.stage_count})]));
      var focusNode = null;
      view.stages.forEach(function (stage, index) {
        var section = stageView(ctl, stage, index, view.stage_count);
        body.appendChild(section);
        if (stage.status === "current") { focusNode = section.querySelector("h3"); }
      });
      if (view.finished && view.result) {
        var r = view.result;
        var resultHeading = el("h3", {}, [_("Debrief")]);
        var parts = [resultHeading];
        if (r.earned !== null && r.earned !== undefined) {
          parts.push(el("p", {"class": "asn-raw-score"}, [A.format(_("This attempt: {earned} of {possible} points"),
            {earned: r.earned_text || A.fmtNum(r.earned, 2), possible: r.possible_text || A.fmtNum(r.possible, 2)})]));
        }
        if (r.pending) { parts.push(el("p", {"class": "asn-notice"}, [_("Some reflections are awaiting grading; your score will be updated when the course team grades them.")])); }
        if (r.debrief_html) { parts.push(el("div", {"class": "asn-debrief", html: r.debrief_html})); }
        if (r.reference_html) { parts.push(el("div", {"class": "asn-reference"}, [el("h4", {}, [_("References")]), el("div", {html: r.reference_html})])); }
        // rows come with their text when results are shown (a result awaiting grading says so)
        var table = A.competencyTable((r.competencies || []).filter(function (c) { return !!c.result_text; }));
        if (table) { parts.push(table); }
        body.appendChild(el("section", {"class": "asn-result"}, parts));
        focusNode = resultHeading;
      }
      if (focusTarget === "step" || focusTarget === "start") { ctl.client.focus(focusNode); }
    }

    A.Controller(runtime, element, init, render);
  }

  global.AsnCaseStudy = function (runtime, element, init) { return AsnCaseStudy(runtime, element, init); };
}(window));
