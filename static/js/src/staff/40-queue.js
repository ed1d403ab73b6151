/* Staff panel bundle: the Grading queue tab: the list of learners with reflections, opening
 * one learner's grading. */
(function (global) {
  "use strict";

  global.AsnXBlocks.staff.queue = function (P) {
    var A = P.A, el = A.el, _ = A.gettext;
    var client = P.client, Q = P.Q, queue = P.queue, call = P.call, alertBox = P.alertBox,
      showAlert = P.showAlert, busy = P.busy, errorOf = P.errorOf, field = P.field,
      option = P.option, pager = P.pager;

    function updateQueueLabel(waiting) {
      var entry = P.tabById("queue");
      if (!entry || waiting === null || waiting === undefined) { return; }
      entry.tab.textContent = A.format(_("Grading queue ({count})"), {count: waiting});
    }

    function renderQueueTab(panel) {
      Q.panel = panel;
      Q.alert = alertBox();
      Q.list = el("div", {"class": "asn-staff-list"}, []);
      Q.form = el("div", {"class": "asn-staff-grading", hidden: true}, []);
      Q.filter = el("select", {}, [
        option("waiting", _("Waiting for grading"), queue.filter === "waiting"),
        option("graded", _("Graded"), queue.filter === "graded"),
        option("all", _("All"), queue.filter === "all")
      ]);
      Q.filter.addEventListener("change", function () { queue.filter = Q.filter.value; queue.page = 1; loadQueue(true); });
      Q.summary = el("p", {"class": "asn-staff-summary"}, []);
      Q.entries = el("div", {}, []);
      Q.pager = el("div", {}, []);
      panel.appendChild(el("h4", {}, [_("Grading queue")]));
      panel.appendChild(el("p", {"class": "asn-hint"}, [_("Reflections of each learner's latest finished attempt, graded on the rubric. The learner sees your points and comment.")]));
      panel.appendChild(Q.alert);
      Q.list.appendChild(field(_("Show"), Q.filter));
      Q.list.appendChild(Q.summary);
      Q.list.appendChild(Q.entries);
      Q.list.appendChild(Q.pager);
      panel.appendChild(Q.list);
      panel.appendChild(Q.form);
      if (Q.pendingOpen) { var id = Q.pendingOpen; Q.pendingOpen = null; openGrading(id); } else { loadQueue(false); }
    }

    function loadQueue(announce, focusRowId) {
      busy(Q.list, true);
      return call("staff_queue", {filter: queue.filter, page: queue.page, page_size: queue.page_size}).then(function (result) {
        busy(Q.list, false);
        if (!result.ok) { showAlert(Q.alert, errorOf(result)); return null; }
        showAlert(Q.alert, "");
        var data = result.data;
        queue.page = data.page;
        Q.data = data;
        updateQueueLabel(data.waiting);
        Q.summary.textContent = data.filter === "waiting"
          ? A.format(A.ngettext("{count} learner has reflections waiting for grading.", "{count} learners have reflections waiting for grading.", data.total), {count: data.total})
          : A.format(A.ngettext("{count} learner in this list.", "{count} learners in this list.", data.total), {count: data.total});
        Q.entries.textContent = "";
        Q.pager.textContent = "";
        if (data.rows.length) {
          Q.entries.appendChild(el("ul", {"class": "asn-staff-queue"}, data.rows.map(function (row) {
            var detail = [row.cohort || null, A.format(_("finished {when}"), {when: row.last_activity_text}),
              row.pending ? A.format(A.ngettext("{count} reflection to grade", "{count} reflections to grade", row.pending), {count: row.pending}) : _("graded")];
            return el("li", {}, [
              el("div", {"class": "asn-staff-queue-who"}, [
                el("span", {"class": "asn-staff-queue-name"}, [row.learner]),
                el("span", {"class": "asn-hint"}, [detail.filter(Boolean).join(" · ")])]),
              el("button", {type: "button", "class": "asn-button asn-secondary", "data-learner": row.id, onclick: function () { openGrading(row.id); }},
                [A.format(row.pending ? _("Grade {name}") : _("Review {name}"), {name: row.learner})])
            ]);
          })));
        }
        if (data.pages > 1) {
          Q.pager.appendChild(pager(data.page, data.pages, function (page) { queue.page = page; loadQueue(true).then(function () { client.focus(Q.summary); }); }, _("Queue pages")));
        }
        if (announce) { client.announce(Q.summary.textContent); }
        if (focusRowId !== undefined) {
          var next = Q.entries.querySelector("button[data-learner]");
          client.focus(next || Q.summary);
        }
        return data;
      });
    }

    function openGrading(rowId, message, keep) {
      if (!Q.panel) { Q.pendingOpen = rowId; return Promise.resolve(null); }
      busy(Q.panel, true);
      return call("staff_reflections", {learner: rowId}).then(function (result) {
        busy(Q.panel, false);
        if (!result.ok) { showAlert(Q.alert, errorOf(result)); return; }
        showAlert(Q.alert, "");
        renderGrading(result.data, message || "", keep || {});
      });
    }

    function closeGrading() {
      Q.form.hidden = true;
      Q.form.textContent = "";
      Q.list.hidden = false;
      loadQueue(false, null);
    }

    function renderGrading(data, message, keep) {
      Q.list.hidden = true;
      Q.form.hidden = false;
      Q.form.textContent = "";
      var heading = el("h5", {tabindex: "-1", "class": "asn-staff-grading-title"}, [
        A.format(_("Grading {name}, attempt {number}"), {name: data.learner.learner, number: data.attempt})]);
      Q.form.appendChild(el("button", {type: "button", "class": "asn-button asn-secondary", onclick: closeGrading}, [_("Back to the queue")]));
      Q.form.appendChild(heading);
      var status = el("div", {"class": "asn-staff-status", tabindex: "-1"}, []);  // announced via the live region
      var conflict = el("div", {"class": "asn-staff-alert", role: "alert", tabindex: "-1"}, []);
      Q.form.appendChild(conflict);
      Q.form.appendChild(status);
      Q.form.appendChild(el("p", {"class": "asn-hint"}, [A.format(_("Current score: {score}. Status: {status}."), {score: data.learner.score_text, status: data.learner.status_label})]));
      if (!data.items.length) {
        Q.form.appendChild(el("p", {}, [_("This attempt has no reflections graded by staff.")]));
      }
      var focusNode = heading;
      data.items.forEach(function (item, index) {
        Q.form.appendChild(P.gradeForm(data, item, index, (keep.unsaved || {})[item.item_id]));
      });
      if (message && keep.conflict) { showAlert(conflict, message); focusNode = conflict; }
      else if (message) { status.textContent = message; focusNode = status; }
      var nextButton = el("button", {type: "button", "class": "asn-button asn-secondary", onclick: function () { nextWaiting(data.learner.id); }}, [_("Next learner waiting")]);
      Q.form.appendChild(el("div", {"class": "asn-actions"}, [nextButton]));
      client.focus(focusNode);
    }

    function nextWaiting(currentId) {
      return call("staff_queue", {filter: "waiting", page: 1, page_size: 2}).then(function (result) {
        if (!result.ok) { showAlert(Q.alert, errorOf(result)); return; }
        var next = result.data.rows.filter(function (r) { return r.id !== currentId; })[0];
        updateQueueLabel(result.data.waiting);
        if (next) { openGrading(next.id); return; }
        client.announce(_("No more reflections are waiting for grading."));
        closeGrading();
      });
    }

    P.updateQueueLabel = updateQueueLabel; P.renderQueueTab = renderQueueTab; P.openGrading = openGrading; P.renderGrading = renderGrading;
  };
}(window));
