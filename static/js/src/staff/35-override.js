/* Staff panel bundle: the score override of one learner (set, change, clear; a reason is
 * required). */
(function (global) {
  "use strict";

  global.AsnXBlocks.staff.override = function (P) {
    var A = P.A, el = A.el, _ = A.gettext;
    var client = P.client, prefix = P.prefix, call = P.call, alertBox = P.alertBox,
      showAlert = P.showAlert, errorOf = P.errorOf, field = P.field;

    function overrideSection(learner, maxPoints) {
      var headingId = prefix + "-override-heading";
      var points = el("input", {type: "text", inputmode: "decimal", required: true,
        value: learner.override ? String(learner.override.points) : ""}, []);
      var reason = el("textarea", {rows: 3, maxlength: "1000", required: true}, []);
      var box = alertBox();
      var save = el("button", {type: "submit", "class": "asn-button"}, [learner.override ? _("Change override") : _("Set override")]);
      var parts = [el("h5", {id: headingId}, [_("Score override")])];
      if (learner.override) {
        parts.push(el("p", {"class": "asn-notice"}, [A.format(_("Overridden to {points} points by {name} on {when}. Reason: {reason}"),
          {points: learner.override.points, name: learner.override.by || "—", when: learner.override.at_text, reason: learner.override.reason})]));
      } else {
        parts.push(el("p", {"class": "asn-hint"}, [_("An override replaces the learner's score in the gradebook until it is cleared.")]));
      }
      var form = el("form", {"class": "asn-staff-override", "aria-labelledby": headingId, novalidate: true}, [
        box,
        field(A.format(_("Points (0 to {max})"), {max: maxPoints}), points),
        field(_("Reason (required; staff only)"), reason, _("Up to 1000 characters.")),
        el("div", {"class": "asn-actions"}, [save])
      ]);
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        /* points may carry two decimals, written with a comma (Indonesian) or a point */
        var value = points.value.trim().replace(",", ".");
        var number = Number(value);
        if (value === "" || !/^\d+(\.\d{1,2})?$/.test(value) || number > maxPoints) {
          showAlert(box, A.format(_("Enter a number of points from 0 to {max}, with at most two decimals."), {max: maxPoints}));
          points.setAttribute("aria-invalid", "true");
          points.focus();
          return;
        }
        points.removeAttribute("aria-invalid");
        if (!reason.value.trim()) {
          showAlert(box, _("Give a reason for the override."));
          reason.setAttribute("aria-invalid", "true");
          reason.focus();
          return;
        }
        save.disabled = true;
        call("staff_override", {learner: learner.id, points: number, reason: reason.value, version: learner.version}).then(function (result) {
          save.disabled = false;
          if (result.ok) { P.renderDetail(result.data, result.data.message); client.announce(result.data.message); return; }
          showAlert(box, errorOf(result));
          if (result.status === 409) { P.openLearner(learner.id, errorOf(result)); }
        });
      });
      parts.push(form);
      if (learner.override) {
        var clear = el("button", {type: "button", "class": "asn-button asn-secondary"}, [_("Clear override")]);
        clear.addEventListener("click", function () {
          clear.disabled = true;
          call("staff_clear_override", {learner: learner.id, version: learner.version}).then(function (result) {
            clear.disabled = false;
            if (result.ok) { P.renderDetail(result.data, result.data.message); client.announce(result.data.message); return; }
            showAlert(box, errorOf(result));
            if (result.status === 409) { P.openLearner(learner.id, errorOf(result)); }
          });
        });
        parts.push(el("div", {"class": "asn-actions"}, [clear]));
      }
      return el("section", {"class": "asn-staff-override-box"}, parts);
    }

    P.overrideSection = overrideSection;
  };
}(window));
