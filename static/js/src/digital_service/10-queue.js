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
        parts.push(A.table("asn-request-scores", D.deskWord(view, "scores"), D.deskWord(view, "columns"),
          view.scores.map(function (row) {
            return [row.applicant, row.service_name, A.fmtNum(row.earned, 2) + " / " + A.fmtNum(row.possible, 2)];
          })));
      } else {
        parts.push(el("p", {}, [D.deskWord(view, "none")]));
      }
      var table = A.competencyTable(view.competencies || []);
      if (table) { parts.push(table); }
      parts.push(el("p", {"class": "asn-hint"}, [D.deskWord(view, "open")]));
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
      var progress = [A.format(D.deskWord(view, "progress"), {n: view.submitted_count, total: view.total_count})];
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
        ? el("p", {"class": "asn-hint asn-queue-order"}, [D.deskWord(view, "order")])
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
