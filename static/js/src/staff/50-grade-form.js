/* Staff panel bundle: the form grading one reflection on its rubric (or by points), keeping
 * the grader's text on a conflict. */
(function (global) {
  "use strict";

  global.AsnXBlocks.staff.gradeForm = function (P) {
    var A = P.A, el = A.el, _ = A.gettext;
    var client = P.client, prefix = P.prefix, call = P.call, alertBox = P.alertBox,
      showAlert = P.showAlert, errorOf = P.errorOf, field = P.field;

    function gradeForm(data, item, index, unsaved) {
      var formId = prefix + "-grade-" + index;
      var headingId = formId + "-heading";
      var parts = [el("h6", {id: headingId}, [A.format(_("Reflection {n}"), {n: index + 1}) + (item.points_text ? " " + A.format(_("(up to {points} points)"), {points: item.points_text}) : "")])];
      if (item.prompt_html) { parts.push(el("div", {"class": "asn-prompt", html: item.prompt_html})); }
      parts.push(el("p", {"class": "asn-staff-label"}, [_("The learner's answer:")]));
      parts.push(el("div", {"class": "asn-learner-text"}, [item.text || _("(empty)")]));
      if (item.grade) {
        parts.push(el("p", {"class": "asn-notice"}, [A.format(_("Graded by {name} on {when}: {points}."), {name: item.grade.graded_by, when: item.grade.graded_at_text, points: item.grade.points_text})]));
      }
      if (unsaved) {
        parts.push(el("div", {"class": "asn-staff-unsaved"}, [el("p", {"class": "asn-staff-label"}, [_("Your comment, not saved:")]), el("p", {"class": "asn-learner-text"}, [unsaved])]));
      }
      if (item.missing) {
        parts.push(el("p", {"class": "asn-notice"}, [_("This reflection was removed from the exercise; it cannot be graded.")]));
        return el("section", {"class": "asn-staff-grade", "aria-labelledby": headingId}, parts);
      }
      var box = alertBox();
      var given = (item.grade ? item.grade.criteria : {}) || {};
      var groups = [];
      var total = el("output", {"class": "asn-staff-total", "aria-live": "off"}, []);
      function updateTotal() {
        if (!item.rubric.length) { return; }
        var sum = 0, complete = true;
        groups.forEach(function (g) {
          var chosen = g.inputs.filter(function (i) { return i.checked; })[0];
          if (chosen) { sum += Number(chosen.value); } else { complete = false; }
        });
        total.textContent = A.format(_("Total: {points} of {max} points"), {points: A.fmtNum(sum, 2), max: item.points_text}) + (complete ? "" : " " + _("(not every criterion is chosen yet)"));
      }
      var controls = [box];
      item.rubric.forEach(function (criterion, ci) {
        var name = formId + "-c" + ci;
        var inputs = [];
        var options = criterion.levels.map(function (level, li) {
          var id = name + "-" + li;
          var input = el("input", {type: "radio", id: id, name: name, value: String(level.points),
            checked: given[criterion.id] !== undefined && Number(given[criterion.id]) === Number(level.points)}, []);
          input.addEventListener("change", updateTotal);
          inputs.push(input);
          var text = A.format(A.ngettext("{points} point", "{points} points", Number(level.points)), {points: level.points_text});
          return el("li", {}, [el("label", {"for": id}, [input, el("span", {}, [el("strong", {}, [text]), level.description ? ": " + level.description : ""])])]);
        });
        groups.push({criterion: criterion, inputs: inputs});
        controls.push(el("fieldset", {"class": "asn-staff-criterion", "data-criterion": criterion.id}, [
          el("legend", {}, [A.format(_("{criterion} (up to {max} points)"), {criterion: criterion.label, max: criterion.max_text})]),
          el("ul", {"class": "asn-staff-levels"}, options)
        ]));
      });
      var points = null;
      if (!item.rubric.length) {
        points = el("input", {type: "number", min: "0", max: String(item.points), step: "any", required: true,
          value: item.grade ? String(item.grade.points) : ""}, []);
        controls.push(field(A.format(_("Points (0 to {max})"), {max: item.points_text}), points));
      }
      var comment = el("textarea", {rows: 4, maxlength: "5000", "class": "asn-staff-comment"}, []);
      comment.value = item.grade ? item.grade.comment : "";
      controls.push(field(_("Comment for the learner"), comment, _("The learner sees this comment with the rubric points.")));
      if (item.rubric.length) { controls.push(el("p", {}, [total])); }
      var save = el("button", {type: "submit", "class": "asn-button"}, [item.grade ? _("Save new grade") : _("Save grade")]);
      controls.push(el("div", {"class": "asn-actions"}, [save]));
      var form = el("form", {"class": "asn-staff-grade-form", "aria-labelledby": headingId, novalidate: true, "data-item": item.item_id}, controls);
      updateTotal();
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var payload = {learner: data.learner.id, attempt: data.attempt, item: item.item_id, comment: comment.value, version: item.version};
        if (item.rubric.length) {
          var criteria = {}, missing = null;
          groups.forEach(function (g) {
            var chosen = g.inputs.filter(function (i) { return i.checked; })[0];
            if (chosen) { criteria[g.criterion.id] = Number(chosen.value); } else if (!missing) { missing = g; }
          });
          if (missing) {
            showAlert(box, A.format(_("Choose a level for \"{criterion}\"."), {criterion: missing.criterion.label}));
            missing.inputs[0].focus();
            return;
          }
          payload.criteria = criteria;
        } else {
          var value = points.value.trim();
          if (value === "" || isNaN(Number(value)) || Number(value) < 0 || Number(value) > item.points) {
            showAlert(box, A.format(_("Enter points from 0 to {max}."), {max: item.points_text}));
            points.setAttribute("aria-invalid", "true");
            points.focus();
            return;
          }
          payload.points = Number(value);
        }
        showAlert(box, "");
        save.disabled = true;
        call("staff_grade", payload).then(function (result) {
          save.disabled = false;
          if (result.ok) {
            P.updateQueueLabel(result.data.waiting);
            P.renderGrading(result.data, result.data.message, {});
            client.announce(result.data.message);
            return;
          }
          if (result.status === 409) {
            // someone else graded first: show their grade, keep what this grader typed
            var kept2 = {conflict: true, unsaved: {}};
            kept2.unsaved[item.item_id] = comment.value;
            P.openGrading(data.learner.id, errorOf(result), kept2);
            return;
          }
          showAlert(box, errorOf(result));
        });
      });
      parts.push(form);
      return el("section", {"class": "asn-staff-grade", "aria-labelledby": headingId}, parts);
    }

    P.gradeForm = gradeForm;
  };
}(window));
