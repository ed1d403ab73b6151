/* Integrity Case Study: the learner's view. The server sends only submitted stages and the
 * current one; this file renders them, sends the stage's answers, keeps drafts (reflection
 * text, the options checked, the statements classified and the numbers typed in the current
 * stage) saved as the learner works, and points a refused submission at the field concerned.
 * A number is sent as typed: the server reads it in the page's format and refuses, naming
 * the format, what it cannot read. How the cohort chose and shared reflection answers are
 * drawn by 10-together.js (A.caseStudyTogether). */
(function (global) {
  "use strict";

  /* Words as the server counts them: runs of anything but white space. */
  global.AsnXBlocks.wordCount = function (text) { var t = String(text || "").trim(); return t ? t.split(/\s+/).length : 0; };

  function AsnCaseStudy(runtime, element, init) {
    var A = global.AsnXBlocks, el = A.el, _ = A.gettext;
    var prefix = A.uid("cs"), T = A.caseStudyTogether;

    function markText(mark) {
      return {correct: _("Correct"), partial: _("Partly correct"), incorrect: _("Incorrect")}[mark] || "";
    }

    function drafted(item, option) {
      var d = item.draft;
      return Array.isArray(d) ? d.indexOf(option.id) >= 0 : d === option.id;
    }

    function optionView(item, option, current, inputName) {
      var id = prefix + "-" + item.id + "-" + option.id;
      var input = el("input", {
        type: item.kind === "multiple" ? "checkbox" : "radio", id: id, name: inputName,
        value: option.id, disabled: !current, "data-question": item.id,
        checked: !!option.chosen || (current && drafted(item, option))
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
      children.push(T.cohortNote(option));
      return el("li", {"class": "asn-option" + (option.chosen ? " asn-chosen" : "")}, children);
    }

    function checkedValues(container, item) {
      var inputs = container.querySelectorAll('input[data-question="' + item.id + '"]');
      return Array.prototype.filter.call(inputs, function (i) { return i.checked; }).map(function (i) { return i.value; });
    }

    function pointsHint(item, text) {
      return el("p", {"class": "asn-hint"}, [(text ? text + " " : "") + A.format(A.ngettext("({points} point)", "({points} points)", item.points), {points: A.fmtNum(item.points, 2)})]);
    }

    function markNode(mark) {
      return mark ? el("span", {"class": "asn-mark asn-mark-" + mark}, [markText(mark)]) : null;
    }

    /* Keep the current stage's unsent answer of a question as a draft as it changes. */
    function keepDraft(ctl, box, item, read) {
      var status = el("span", {"class": "asn-draft-status", "aria-live": "polite"}, []);
      box.appendChild(el("p", {"class": "asn-choice-meta"}, [status]));
      box.addEventListener(item.kind === "numeric" ? "input" : "change", function () {
        var value = read();
        if (value !== null) { clearFieldError(box); }
        ctl.saveDraft("choice-" + item.id, {question: item.id, choice: value}, status);
      });
    }

    /* Classification: per statement a radio group named by the statement's text, offering
     * the category labels; after submission the choice, its mark, the key and feedback. */
    function placements(box, item) {
      var out = {}, any = false;
      Array.prototype.forEach.call(box.querySelectorAll('input[data-question="' + item.id + '"]:checked'), function (i) {
        out[i.getAttribute("data-statement")] = i.value; any = true;
      });
      return any ? out : null;
    }

    function sortView(ctl, item, current) {
      var draft = (current && item.draft) || {}, labels = {};
      item.categories.forEach(function (c) { labels[c.id] = c.label; });
      var rows = item.items.map(function (s) {
        var legendId = prefix + "-" + item.id + "-" + s.id + "-legend";
        var radios = item.categories.map(function (c) {
          var id = prefix + "-" + item.id + "-" + s.id + "-" + c.id;
          return el("span", {"class": "asn-sort-choice"}, [
            el("input", {type: "radio", id: id, name: prefix + "-" + item.id + "-" + s.id, value: c.id,
              disabled: !current, "data-question": item.id, "data-statement": s.id,
              checked: current ? draft[s.id] === c.id : s.chosen === c.id}),
            el("label", {"for": id}, [c.label])]);
        });
        var after = [];
        if (!current) {
          after.push(el("p", {"class": "asn-sort-result"}, [
            A.format(_("Your choice: {category}"), {category: labels[s.chosen] || "—"}), " ", markNode(s.mark)]));
          if (s.key) { after.push(el("p", {"class": "asn-key"}, [A.format(_("Right category: {category}"), {category: labels[s.key] || s.key})])); }
          if (s.feedback_html) { after.push(el("div", {"class": "asn-feedback", html: s.feedback_html})); }
        }
        return el("fieldset", {"class": "asn-sort-item" + (s.mark ? " asn-sort-" + s.mark : "")}, [
          el("legend", {id: legendId, html: s.text_html}), el("div", {"class": "asn-sort-choices"}, radios)].concat(after));
      });
      var box = el("fieldset", {"class": "asn-question asn-classify", "data-item": item.id}, [
        el("legend", {"class": "asn-prompt", html: item.prompt_html}),
        pointsHint(item, _("Choose a category for each statement."))].concat(rows));
      if (current) { keepDraft(ctl, box, item, function () { return placements(box, item); }); }
      return box;
    }

    /* Numeric: a text field named by the prompt, the unit beside it and the format the
     * page reads under it; after submission the number read, its mark, the key, the working. */
    function numberView(ctl, item, current) {
      var id = prefix + "-" + item.id, promptId = id + "-prompt", hintId = id + "-format";
      var f = item.format || {};
      var hint = A.format(_("Write the number as in {decimal} or {thousands}."), {decimal: f.decimal, thousands: f.thousands});
      var parts = [el("div", {id: promptId, "class": "asn-prompt", html: item.prompt_html}), pointsHint(item, "")];
      if (current) {
        var input = el("input", {type: "text", id: id, inputmode: "decimal", autocomplete: "off", spellcheck: "false",
          "class": "asn-number", "data-question": item.id, "aria-labelledby": promptId, "aria-describedby": hintId});
        input.value = typeof item.draft === "string" ? item.draft : "";
        var unitNode = item.unit ? el("span", {"class": "asn-unit", "aria-hidden": "true"}, [item.unit]) : null;
        parts.push(el("div", {"class": "asn-number-line"}, item.unit_first ? [unitNode, input] : [input, unitNode]),
          el("p", {id: hintId, "class": "asn-number-format"}, [item.unit ? A.format(_("Unit: {unit}."), {unit: item.unit}) + " " + hint : hint]));
      } else {
        var withUnit = function (text) { return !item.unit ? text : item.unit_first ? item.unit + text : text + " " + item.unit; };
        parts.push(el("p", {"class": "asn-sort-result"}, [A.format(_("Your answer: {answer}"), {answer: item.answer_text ? withUnit(item.answer_text) : "—"}), " ", markNode(item.mark)]));
        if (item.key_text) {
          parts.push(el("p", {"class": "asn-key"}, [item.tolerance_text ? A.format(_("Expected answer: {answer} (± {tolerance})"), {answer: withUnit(item.key_text), tolerance: item.tolerance_text})
            : A.format(_("Expected answer: {answer}"), {answer: withUnit(item.key_text)})]));
        }
        if (item.feedback_html) { parts.push(el("div", {"class": "asn-feedback", html: item.feedback_html})); }
      }
      if (item.points_text) { parts.push(el("p", {"class": "asn-item-points"}, [A.format(_("Points: {points}"), {points: item.points_text})])); }
      var box = el("div", {"class": "asn-question asn-numeric", "data-item": item.id}, parts);
      if (current) { keepDraft(ctl, box, item, function () { return input.value.trim() ? input.value : null; }); }
      return box;
    }

    function questionView(ctl, item, current) {
      if (item.kind === "classify") { return sortView(ctl, item, current); }
      if (item.kind === "numeric") { return numberView(ctl, item, current); }
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
      var fieldset = el("fieldset", {"class": "asn-question", "data-item": item.id}, parts);
      if (current) {
        // the options checked so far are kept as a draft, like a reflection's text
        var status = el("span", {"class": "asn-draft-status", "aria-live": "polite"}, []);
        fieldset.appendChild(el("p", {"class": "asn-choice-meta"}, [status]));
        fieldset.addEventListener("change", function () {
          var chosen = checkedValues(fieldset, item);
          if (chosen.length) { clearFieldError(fieldset); }
          ctl.saveDraft("choice-" + item.id, {question: item.id,
            choice: item.kind === "multiple" ? chosen : (chosen[0] || null)}, status);
        });
      }
      return fieldset;
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
          return n;
        };
        area.addEventListener("input", function () {
          var n = updateCount();
          if (area.getAttribute("aria-invalid") === "true" && !wordProblem(item, n)) {
            clearFieldError(area.closest(".asn-reflection"));
          }
          ctl.saveDraft(item.id, {reflection: item.id, text: area.value}, status);
        });
        updateCount();
        parts.push(area, el("p", {"class": "asn-reflection-meta"}, [count, " ", status]),
          item.share && item.share.offered ? T.consentBox(prefix, item) : null);
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
      if (!current) { parts.push(T.sharedView(ctl, item)); }
      return el("div", {"class": "asn-reflection", "data-item": item.id}, parts);
    }

    /* The reason a reflection's word count cannot be submitted, or "". */
    function wordProblem(item, n) {
      if (n < (item.min_words || 0)) { return A.format(_("Write at least {min} words (you wrote {count})."), {min: item.min_words, count: n}); }
      if (item.max_words && n > item.max_words) { return A.format(_("Write at most {max} words (you wrote {count})."), {max: item.max_words, count: n}); }
      return "";
    }

    function collect(section, stage) {
      var answers = {}, missing = [], locale = null;  // locale: the format numbers are typed in
      stage.items.forEach(function (item) {
        if (item.kind === "classify") {
          var placed = placements(section, item) || {};
          if (Object.keys(placed).length < item.items.length) { missing.push({item: item, message: _("Choose a category for every statement.")}); }
          answers[item.id] = placed;
        } else if (item.kind === "numeric") {
          var input = section.querySelector('input[data-question="' + item.id + '"]');
          if (!input || !input.value.trim()) { missing.push({item: item, message: _("Type a number.")}); }
          answers[item.id] = input ? input.value : "";
          locale = item.locale;
        } else if (item.type === "question") {
          var chosen = checkedValues(section, item);
          if (!chosen.length) {
            missing.push({item: item, message: item.kind === "multiple" ? _("Check at least one option.") : _("Choose an option.")});
          }
          answers[item.id] = item.kind === "multiple" ? chosen : chosen[0];
        } else {
          var area = section.querySelector('textarea[data-item="' + item.id + '"]');
          var text = area ? area.value : "";
          var problem = wordProblem(item, A.wordCount(text));
          if (problem) { missing.push({item: item, message: problem}); }
          answers[item.id] = text;
        }
      });
      return {answers: answers, missing: missing, locale: locale};
    }

    /* A field's own error: the message under it, tied to the control by aria-describedby,
     * the control marked aria-invalid and (a reflection) its word counter highlighted. */
    function controlsOf(box) {
      return box ? box.querySelectorAll("input[data-question], textarea[data-item]") : [];
    }

    function clearFieldError(box) {
      if (!box) { return; }
      var message = box.querySelector(".asn-field-error");
      if (message) { message.parentNode.removeChild(message); }
      box.classList.remove("asn-invalid");
      var count = box.querySelector(".asn-word-count");
      if (count) { count.classList.remove("asn-count-invalid"); }
      Array.prototype.forEach.call(controlsOf(box), function (control) {
        control.removeAttribute("aria-invalid");
        var ids = (control.getAttribute("aria-describedby") || "").split(" ").filter(function (id) {
          return id && id.slice(-6) !== "-error";
        });
        if (ids.length) { control.setAttribute("aria-describedby", ids.join(" ")); } else { control.removeAttribute("aria-describedby"); }
      });
    }

    function markField(box, itemId, message) {
      clearFieldError(box);
      var errorId = prefix + "-" + itemId + "-error";
      var note = el("p", {id: errorId, "class": "asn-field-error"}, [
        el("span", {"aria-hidden": "true"}, ["⚠ "]), message]);
      var count = box.querySelector(".asn-word-count");
      if (count) {
        count.classList.add("asn-count-invalid");
        var meta = box.querySelector(".asn-reflection-meta");
        meta.parentNode.insertBefore(note, meta.nextSibling);
      } else {
        var hint = box.querySelector(".asn-hint");
        hint.parentNode.insertBefore(note, hint.nextSibling);
      }
      box.classList.add("asn-invalid");
      Array.prototype.forEach.call(controlsOf(box), function (control) {
        control.setAttribute("aria-invalid", "true");
        var ids = (control.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
        control.setAttribute("aria-describedby", ids.concat([errorId]).join(" "));
      });
      return controlsOf(box)[0] || null;
    }

    /* Mark every problem, move focus to the first and announce it. */
    function showProblems(ctl, section, problems) {
      Array.prototype.forEach.call(section.querySelectorAll(".asn-invalid"), clearFieldError);
      var first = null;
      problems.forEach(function (p) {
        var box = section.querySelector('.asn-question[data-item="' + p.item.id + '"], .asn-reflection[data-item="' + p.item.id + '"]');
        if (!box) { return; }
        var control = markField(box, p.item.id, p.message);
        first = first || control;
      });
      if (!first) { return false; }
      ctl.client.clearError();
      ctl.client.focus(first);
      var text = A.format(A.ngettext("Not submitted: {n} answer needs attention.", "Not submitted: {n} answers need attention.", problems.length), {n: problems.length});
      ctl.client.announce(text + " " + problems[0].message);
      return true;
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
        section.appendChild(item.type === "question" ? questionView(ctl, item, current) : reflectionView(ctl, item, current));
      });
      if (current) {
        var button = el("button", {type: "button", "class": "asn-button asn-submit"}, [_("Submit")]);
        button.addEventListener("click", function () {
          var result = collect(section, stage);
          if (result.missing.length) {
            showProblems(ctl, section, result.missing);
            return;
          }
          button.disabled = true;
          refused = null;
          var shares = T.ticked(section);  // consent is sent once the stage is accepted
          var action = {type: "submit_stage", stage: stage.id, answers: result.answers};
          if (result.locale) { action.locale = result.locale; }
          ctl.act(action, function (payload) {
            var view = payload.view;
            ctl.client.announce(view && view.finished ? _("Case finished. Your debrief and result are shown.")
              : _("Stage submitted. Feedback is shown under your answers; the next stage has opened."));
            if (shares.length) { T.shareTicked(ctl, shares); }
          }).then(function (done) {
            button.disabled = false;
            // a 400 naming an item (e.g. the word limit checked on the server): at that field
            var data = !done && refused && refused.status === 400 && refused.data;
            var itemId = data && (data.item || data.item_id);
            var item = itemId && stage.items.filter(function (i) { return i.id === itemId; })[0];
            if (item) { showProblems(ctl, section, [{item: item, message: data.error}]); }
          });
        });
        section.appendChild(el("div", {"class": "asn-actions"}, [button]));
      } else {
        section.appendChild(el("p", {"class": "asn-frozen"}, [_("Submitted — answers can no longer be changed.")]));
      }
      return section;
    }

    function render(ctl, payload, focusTarget) {
      var body = ctl.client.body, view = payload.view;
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

    /* The last refused call, kept so a submission refused by the server can be shown at
     * its field (the shared controller reports the failure through errorText). */
    var refused = null;
    var ctl = A.Controller(runtime, element, init, render);
    var errorText = ctl.client.errorText;
    ctl.client.errorText = function (result) { refused = result; return errorText.call(this, result); };
    return ctl;
  }

  global.AsnCaseStudy = function (runtime, element, init) { return AsnCaseStudy(runtime, element, init); };
}(window));
