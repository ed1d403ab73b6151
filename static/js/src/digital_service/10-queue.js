/* Digital service bundle: the queue (one button per task) and the end screen's results. */
(function (global) {
  "use strict";

  global.AsnXBlocks.desk.queue = function (D) {
    var A = D.A, el = A.el, _ = A.gettext;

    function queueItem(ctl, view, item) {
      var task = view.requests[item.id];
      var metaId = D.prefix + "-meta-" + D.key(item.id);
      var status = D.statusLabel(item.status);
      if (task.result && task.result.earned !== null && task.result.earned !== undefined) {
        status += " — " + D.points(task.result.earned, task.result.possible);
      }
      var button = el("button", {
        type: "button", "class": "asn-queue-open", "aria-describedby": metaId, "data-request": item.id,
        onclick: function () { D.openTask(ctl, item.id); }
      }, [item.name || item.applicant]);
      var meta = D.metaItems(item, status);
      return el("li", {"class": "asn-queue-item asn-queue-" + item.status + (item.kind === "record" ? " asn-queue-record" : "")}, [
        button,
        el("ul", {id: metaId, "class": "asn-queue-meta"}, meta)
      ]);
    }

    function resultsSection(view) {
      var heading = el("h3", {id: D.prefix + "-results"}, [_("Results")]);
      var parts = [heading];
      if (view.totals) {
        parts.push(el("p", {"class": "asn-raw-score"}, [A.format(_("Total: {points}"),
          {points: D.points(view.totals.earned, view.totals.possible)})]));
      }
      if (view.scores && view.scores.length) {
        var records = view.archive !== null && view.archive !== undefined;
        parts.push(A.table("asn-request-scores", records ? _("Score per task") : _("Score per request"),
          records ? [_("Task"), _("Service or record"), _("Points")] : [_("Applicant"), _("Service"), _("Points")],
          view.scores.map(function (row) {
            return [row.applicant, row.service_name, A.fmtNum(row.earned, 2) + " / " + A.fmtNum(row.possible, 2)];
          })));
      } else {
        parts.push(el("p", {}, [view.archive ? _("Every task in the queue has been submitted.")
          : _("Every request in the queue has been submitted.")]));
      }
      var table = A.competencyTable(view.competencies || []);
      if (table) { parts.push(table); }
      parts.push(el("p", {"class": "asn-hint"}, [view.archive ? _("Open a task below to read the explanation of each part.")
        : _("Open a request below to read the explanation of each part.")]));
      return {section: el("section", {"class": "asn-result asn-desk-results", "aria-labelledby": heading.id}, parts), heading: heading};
    }

    D.renderDesk = function (ctl, payload, view, focusTarget) {
      var body = ctl.client.body;
      var focusNode = null;
      if (view.finished) {
        var results = resultsSection(view);
        body.appendChild(results.section);
        if (focusTarget === "step") { focusNode = results.heading; }
      }
      if (view.intro_html && !view.finished) {
        body.appendChild(el("div", {"class": "asn-intro", html: view.intro_html}));
      }
      var headingId = D.prefix + "-queue";
      var heading = el("h3", {id: headingId}, [_("Queue")]);
      var progress = [view.archive
        ? A.format(_("{n} of {total} tasks submitted."), {n: view.submitted_count, total: view.total_count})
        : A.format(_("{n} of {total} requests submitted."), {n: view.submitted_count, total: view.total_count})];
      if (view.score && !view.finished) {
        progress.push(" " + A.format(_("Points so far: {points}."), {points: D.points(view.score.earned, view.score.possible)}));
      }
      var buttons = {};
      var list = el("ul", {"class": "asn-queue"}, view.queue.map(function (item) {
        var node = queueItem(ctl, view, item);
        buttons[item.id] = node.querySelector("button");
        return node;
      }));
      var orderNote = view.queue_order === "received" && view.queue.length > 1
        ? el("p", {"class": "asn-hint asn-queue-order"}, [view.archive
          ? _("Ordered by date received, urgent tasks first within a day.")
          : _("Ordered by date received, urgent requests first within a day.")])
        : null;  // a shuffled queue keeps each learner's own order and says nothing
      body.appendChild(el("section", {"class": "asn-queue-section", "aria-labelledby": headingId}, [
        heading, el("p", {"class": "asn-progress"}, progress), orderNote, list
      ]));
      if (focusTarget === "queue") { focusNode = buttons[D.ui.back] || heading; }
      if (focusTarget === "start") { focusNode = heading; }
      if (focusNode) { ctl.client.focus(focusNode); }
    };
  };
}(window));
