/* asn-xblocks: the instructor review panel, shown under the learner view to course staff.
 * Every handler it calls checks staff rights again on the server.
 *
 * Tabs (role=tablist; arrow keys, Home, End): "Learners" (table with sort, filters, pages,
 * drill-down, score override, CSV download) and "Grading queue" (reflections graded on the
 * rubric; case study with staff grading only). More tabs can be added by other scripts
 * loaded before the panel starts:
 *   (window.AsnStaffTabs = window.AsnStaffTabs || []).push({
 *     id: "analytics", label: function (_) { return _("Analytics"); },
 *     render: function (container, api) { ... }   // api: {client, call, el, _, A, runtime, element}
 *   });
 * Learner text (names, answers, comments, reasons) is always inserted as text; author HTML
 * (prompts, feedback) arrives sanitized from the server and is inserted as HTML. */
(function (global) {
  "use strict";

  function StaffPanel(runtime, element, ctl) {
    var A = global.AsnXBlocks, el = A.el, _ = A.gettext;
    var client = ctl.client;
    var prefix = A.uid("staff");
    var root = client.root;
    var learners = {sort: "activity", direction: "desc", status: "", cohort: "", search: "", page: 1, page_size: 25};
    var queue = {filter: "waiting", page: 1, page_size: 25};
    var tabs = [];

    /* --- small helpers ----------------------------------------------------------------- */
    function call(handler, payload) { return client.call(handler, payload); }

    function alertBox() { return el("div", {"class": "asn-staff-alert", role: "alert"}, []); }

    function showAlert(box, message) {
      box.textContent = "";
      if (message) { box.appendChild(el("p", {}, [message])); }
    }

    function busy(container, on) { container.setAttribute("aria-busy", on ? "true" : "false"); }

    function errorOf(result) { return client.errorText(result); }

    function field(labelText, control, hint) {
      var id = control.id || A.uid(prefix + "-f");
      control.id = id;
      var parts = [el("label", {"for": id}, [labelText]), control];
      if (hint) {
        var hintId = id + "-hint";
        control.setAttribute("aria-describedby", hintId);
        parts.push(el("span", {id: hintId, "class": "asn-hint"}, [hint]));
      }
      return el("div", {"class": "asn-field"}, parts);
    }

    function option(value, text, selected) {
      return el("option", {value: value, selected: !!selected}, [text]);
    }

    function markText(mark) {
      return {correct: _("Correct"), partial: _("Partly correct"), incorrect: _("Incorrect")}[mark] || "";
    }

    function pager(page, pages, onGo, label) {
      var prev = el("button", {type: "button", "class": "asn-button asn-secondary", disabled: page <= 1,
        onclick: function () { onGo(page - 1); }}, [_("Previous page")]);
      var next = el("button", {type: "button", "class": "asn-button asn-secondary", disabled: page >= pages,
        onclick: function () { onGo(page + 1); }}, [_("Next page")]);
      return el("nav", {"class": "asn-staff-pager", "aria-label": label}, [
        prev, el("span", {"class": "asn-staff-page"}, [A.format(_("Page {page} of {pages}"), {page: page, pages: pages})]), next
      ]);
    }

    /* --- the panel and its tabs ---------------------------------------------------------- */
    var titleId = prefix + "-title";
    var section = el("section", {"class": "asn-staff", "aria-labelledby": titleId}, [
      el("h3", {id: titleId, "class": "asn-staff-title"}, [_("Staff tools")]),
      el("p", {"class": "asn-hint"}, [_("Only course staff see this part. Learners see the exercise above.")])
    ]);
    var tablist = el("div", {role: "tablist", "class": "asn-tabs", "aria-label": _("Staff tools")}, []);
    section.appendChild(tablist);
    var body = client.body;
    if (body && body.nextSibling) { root.insertBefore(section, body.nextSibling); } else { root.appendChild(section); }

    function addTab(id, label, render) {
      var tabId = prefix + "-tab-" + id, panelId = prefix + "-panel-" + id;
      var tab = el("button", {type: "button", role: "tab", id: tabId, "aria-controls": panelId,
        "aria-selected": "false", tabindex: "-1", "class": "asn-tab", "data-tab": id}, [label]);
      var panel = el("div", {role: "tabpanel", id: panelId, "aria-labelledby": tabId, hidden: true,
        tabindex: "0", "class": "asn-staff-tabpanel"}, []);
      var entry = {id: id, tab: tab, panel: panel, render: render, rendered: false};
      tab.addEventListener("click", function () { select(entry, false); });
      tab.addEventListener("keydown", function (event) {
        var index = tabs.indexOf(entry), target = null;
        if (event.key === "ArrowRight" || event.key === "ArrowDown") { target = tabs[(index + 1) % tabs.length]; }
        else if (event.key === "ArrowLeft" || event.key === "ArrowUp") { target = tabs[(index - 1 + tabs.length) % tabs.length]; }
        else if (event.key === "Home") { target = tabs[0]; }
        else if (event.key === "End") { target = tabs[tabs.length - 1]; }
        if (target) { event.preventDefault(); select(target, true); }
      });
      tablist.appendChild(tab);
      section.appendChild(panel);
      tabs.push(entry);
      return entry;
    }

    function select(entry, focusTab) {
      tabs.forEach(function (other) {
        var on = other === entry;
        other.tab.setAttribute("aria-selected", on ? "true" : "false");
        other.tab.setAttribute("tabindex", on ? "0" : "-1");
        other.panel.hidden = !on;
      });
      if (focusTab) { entry.tab.focus(); }
      if (!entry.rendered) { entry.rendered = true; entry.render(entry.panel); }
    }

    function tabById(id) {
      for (var i = 0; i < tabs.length; i += 1) { if (tabs[i].id === id) { return tabs[i]; } }
      return null;
    }

    /* --- Learners tab -------------------------------------------------------------------- */
    var L = {};  // the learners tab's nodes

    function renderLearnersTab(panel) {
      L.panel = panel;
      L.alert = alertBox();
      L.list = el("div", {"class": "asn-staff-list"}, []);
      L.detail = el("div", {"class": "asn-staff-detail", hidden: true}, []);
      panel.appendChild(el("h4", {}, [_("Learners")]));
      panel.appendChild(L.alert);
      panel.appendChild(L.list);
      panel.appendChild(L.detail);
      buildLearnerFilters();
      if (initial) {
        var first = initial;
        initial = null;
        showLearners(first, false);
      } else {
        loadLearners(false);
      }
    }

    function buildLearnerFilters() {
      L.status = el("select", {}, []);
      L.cohort = el("select", {}, []);
      L.search = el("input", {type: "search", autocomplete: "off", maxlength: "150"}, []);
      var apply = el("button", {type: "submit", "class": "asn-button asn-secondary"}, [_("Apply filters")]);
      var form = el("form", {"class": "asn-staff-filters", role: "search", "aria-label": _("Filter learners")}, [
        field(_("Status"), L.status), field(_("Cohort"), L.cohort), field(_("Find a learner by name"), L.search), apply
      ]);
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        readFilters();
        loadLearners(true);
      });
      [L.status, L.cohort].forEach(function (select) {
        select.addEventListener("change", function () { readFilters(); loadLearners(true); });
      });
      L.summary = el("p", {"class": "asn-staff-summary", id: prefix + "-learners-summary"}, []);
      L.table = el("div", {"class": "asn-scroll", role: "region", tabindex: "0", "aria-labelledby": prefix + "-learners-caption"}, []);
      L.pager = el("div", {}, []);
      L.list.appendChild(form);
      L.list.appendChild(L.summary);
      L.list.appendChild(L.table);
      L.list.appendChild(L.pager);
      L.list.appendChild(csvBox());
    }

    /* The table wraps to fit; where it still scrolls sideways (a phone), the column it is
     * sorted by is scrolled into sight beside the sticky learner column. */
    function showSortedColumn() {
      var region = L.table, th = region.querySelector("th.asn-sorted");
      var first = region.querySelector("thead th");
      if (!th || th === first || region.scrollWidth <= region.clientWidth) { return; }
      var box = region.getBoundingClientRect(), cell = th.getBoundingClientRect();
      var left = box.left + region.clientLeft + (first ? first.getBoundingClientRect().width : 0);
      var right = box.left + region.clientLeft + region.clientWidth;
      if (cell.right > right) { region.scrollLeft += Math.ceil(cell.right - right); }
      else if (cell.left < left) { region.scrollLeft -= Math.ceil(left - cell.left); }
    }

    function readFilters() {
      learners.status = L.status.value;
      learners.cohort = L.cohort.value;
      learners.search = L.search.value.trim();
      learners.page = 1;
    }

    function fillFilters(data) {
      var counts = data.counts || {};
      L.status.textContent = "";
      L.status.appendChild(option("", _("All statuses"), !learners.status));
      data.statuses.forEach(function (s) {
        L.status.appendChild(option(s.id, A.format(_("{status} ({count})"), {status: s.label, count: counts[s.id] || 0}), learners.status === s.id));
      });
      L.cohort.textContent = "";
      L.cohort.appendChild(option("", _("All cohorts"), !learners.cohort));
      L.cohort.appendChild(option("__none__", _("No cohort"), learners.cohort === "__none__"));
      data.cohorts.forEach(function (c) { L.cohort.appendChild(option(c, c, learners.cohort === c)); });
    }

    var COLUMNS = [
      {key: "learner", label: function () { return _("Learner"); }},
      {key: "cohort", label: function () { return _("Cohort"); }},
      {key: "status", label: function () { return _("Status"); }},
      {key: "attempts", label: function () { return _("Attempts"); }},
      {key: "best", label: function () { return _("Best"); }},
      {key: "last", label: function () { return _("Last"); }},
      {key: "score", label: function () { return _("Score"); }},
      {key: "pending", label: function () { return _("To grade"); }, grading: true},
      {key: "activity", label: function () { return _("Last activity"); }}
    ];

    function loadLearners(announce, focusRowId) {
      busy(L.list, true);
      var payload = {sort: learners.sort, direction: learners.direction, status: learners.status,
        cohort: learners.cohort, search: learners.search, page: learners.page, page_size: learners.page_size};
      return call("staff_learners", payload).then(function (result) {
        busy(L.list, false);
        if (!result.ok) { showAlert(L.alert, errorOf(result)); return; }
        showLearners(result.data, announce, focusRowId);
      });
    }

    function showLearners(data, announce, focusRowId) {
      showAlert(L.alert, "");
      learners.page = data.page;
      fillFilters(data);
      renderLearnerTable(data);
      updateQueueLabel(data.counts ? data.counts.awaiting_grading : null);
      if (announce) { client.announce(L.summary.textContent); }
      if (focusRowId) {
        var button = L.table.querySelector('button[data-learner="' + focusRowId + '"]');
        if (button) { button.focus(); }
      }
    }

    function renderLearnerTable(data) {
      var first = data.total ? (data.page - 1) * data.page_size + 1 : 0;
      var last = Math.min(data.total, data.page * data.page_size);
      L.summary.textContent = data.total
        ? A.format(A.ngettext("Showing {first}–{last} of {total} learner.", "Showing {first}–{last} of {total} learners.", data.total), {first: first, last: last, total: data.total})
        : _("No learners match these filters.");
      L.table.textContent = "";
      L.pager.textContent = "";
      if (!data.rows.length) { L.table.hidden = true; return; }
      L.table.hidden = false;
      var columns = COLUMNS.filter(function (c) { return !c.grading || data.grading; });
      var head = el("tr", {}, columns.map(function (c) {
        var sorted = learners.sort === c.key;
        var th = el("th", {scope: "col", "class": "asn-col-" + c.key + (sorted ? " asn-sorted" : ""),
          "aria-sort": sorted ? (learners.direction === "asc" ? "ascending" : "descending") : null}, []);
        var arrow = sorted ? (learners.direction === "asc" ? " ▲" : " ▼") : "";
        th.appendChild(el("button", {type: "button", "class": "asn-sort", onclick: function () {
          if (learners.sort === c.key) { learners.direction = learners.direction === "asc" ? "desc" : "asc"; }
          else { learners.sort = c.key; learners.direction = (c.key === "activity" || c.key === "best" || c.key === "last" || c.key === "score" || c.key === "pending") ? "desc" : "asc"; }
          learners.page = 1;
          loadLearners(true).then(function () {
            var again = L.table.querySelector('button.asn-sort[data-key="' + c.key + '"]');
            if (again) { again.focus(); showSortedColumn(); }
          });
        }, "data-key": c.key}, [c.label(), el("span", {"aria-hidden": "true"}, [arrow])]));
        return th;
      }));
      var rows = data.rows.map(function (row) {
        var cells = {
          learner: el("th", {scope: "row"}, [el("button", {type: "button", "class": "asn-link-button", "data-learner": row.id,
            onclick: function () { openLearner(row.id); }}, [row.learner])]),
          cohort: el("td", {}, [row.cohort || "—"]),
          status: el("td", {}, [row.status_label]),
          attempts: el("td", {}, [String(row.attempts)]),
          best: el("td", {}, [row.best_text]),
          last: el("td", {}, [row.last_text]),
          score: el("td", {}, [row.score_text, row.overridden ? el("span", {"class": "asn-staff-flag"}, [" " + _("(override)")]) : null]),
          pending: el("td", {}, [String(row.pending)]),
          activity: el("td", {}, [row.last_activity_text])
        };
        return el("tr", {}, columns.map(function (c) {
          cells[c.key].classList.add("asn-col-" + c.key);
          if (learners.sort === c.key) { cells[c.key].classList.add("asn-sorted"); }
          return cells[c.key];
        }));
      });
      var captionId = prefix + "-learners-caption";
      L.table.appendChild(el("table", {"class": "asn-table asn-staff-table"}, [
        el("caption", {id: captionId}, [A.format(_("Learners, sorted by {column}"), {column: (COLUMNS.filter(function (c) { return c.key === learners.sort; })[0] || COLUMNS[0]).label()})]),
        el("thead", {}, [head]),
        el("tbody", {}, rows)
      ]));
      showSortedColumn();
      if (data.pages > 1) {
        L.pager.appendChild(pager(data.page, data.pages, function (page) {
          learners.page = page;
          loadLearners(true).then(function () { client.focus(L.summary); });
        }, _("Learner pages")));
      }
    }

    function csvBox() {
      var comma = el("input", {type: "radio", name: prefix + "-sep", value: ",", checked: true, id: prefix + "-sep-comma"}, []);
      var semi = el("input", {type: "radio", name: prefix + "-sep", value: ";", id: prefix + "-sep-semi"}, []);
      var anon = el("input", {type: "checkbox", id: prefix + "-anon"}, []);
      var link = el("a", {"class": "asn-button asn-secondary asn-staff-download", download: ""}, [_("Download results (CSV)")]);
      function update() {
        var query = "sep=" + encodeURIComponent(semi.checked ? ";" : ",") + (anon.checked ? "&anonymise=1" : "");
        link.setAttribute("href", runtime.handlerUrl(element, "staff_csv", "", query));
      }
      [comma, semi, anon].forEach(function (input) { input.addEventListener("change", update); });
      update();
      return el("fieldset", {"class": "asn-staff-csv"}, [
        el("legend", {}, [_("Download every learner's results")]),
        el("div", {"class": "asn-radio-row", role: "radiogroup", "aria-label": _("Column separator")}, [
          el("label", {"for": comma.id}, [comma, " " + _("Comma (,)")]),
          el("label", {"for": semi.id}, [semi, " " + _("Semicolon (;) for spreadsheets in Indonesian")])
        ]),
        el("div", {"class": "asn-radio-row"}, [el("label", {"for": anon.id}, [anon, " " + _("Anonymised ids instead of names")])]),
        link
      ]);
    }

    /* --- drill-down ------------------------------------------------------------------------ */
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
      loadLearners(false, rowId);
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
      if (data.grading && tabById("queue")) {
        L.detail.appendChild(el("p", {}, [el("button", {type: "button", "class": "asn-button asn-secondary", onclick: function () {
          var entry = tabById("queue");
          select(entry, false);
          openGrading(learner.id);
        }}, [learner.pending ? _("Grade this learner's reflections") : _("Review or regrade reflections")])]));
      }
      L.detail.appendChild(overrideSection(learner, data.max_points));
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
          if (result.ok) { renderDetail(result.data, result.data.message); client.announce(result.data.message); return; }
          showAlert(box, errorOf(result));
          if (result.status === 409) { openLearner(learner.id, errorOf(result)); }
        });
      });
      parts.push(form);
      if (learner.override) {
        var clear = el("button", {type: "button", "class": "asn-button asn-secondary"}, [_("Clear override")]);
        clear.addEventListener("click", function () {
          clear.disabled = true;
          call("staff_clear_override", {learner: learner.id, version: learner.version}).then(function (result) {
            clear.disabled = false;
            if (result.ok) { renderDetail(result.data, result.data.message); client.announce(result.data.message); return; }
            showAlert(box, errorOf(result));
            if (result.status === 409) { openLearner(learner.id, errorOf(result)); }
          });
        });
        parts.push(el("div", {"class": "asn-actions"}, [clear]));
      }
      return el("section", {"class": "asn-staff-override-box"}, parts);
    }

    /* --- Grading queue tab ------------------------------------------------------------------ */
    var Q = {};

    function updateQueueLabel(waiting) {
      var entry = tabById("queue");
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
        Q.form.appendChild(gradeForm(data, item, index, (keep.unsaved || {})[item.item_id]));
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
            updateQueueLabel(result.data.waiting);
            renderGrading(result.data, result.data.message, {});
            client.announce(result.data.message);
            return;
          }
          if (result.status === 409) {
            // someone else graded first: show their grade, keep what this grader typed
            var kept2 = {conflict: true, unsaved: {}};
            kept2.unsaved[item.item_id] = comment.value;
            openGrading(data.learner.id, errorOf(result), kept2);
            return;
          }
          showAlert(box, errorOf(result));
        });
      });
      parts.push(form);
      return el("section", {"class": "asn-staff-grade", "aria-labelledby": headingId}, parts);
    }

    /* --- start ------------------------------------------------------------------------------ */
    var learnersTab = addTab("learners", _("Learners"), renderLearnersTab);
    var initial = null;
    call("staff_learners", {sort: learners.sort, direction: learners.direction, page: 1, page_size: learners.page_size}).then(function (result) {
      var grading = result.ok && result.data.grading;
      initial = result.ok ? result.data : null;
      if (grading) {
        var entry = addTab("queue", _("Grading queue"), renderQueueTab);
        updateQueueLabel(result.data.counts ? result.data.counts.awaiting_grading : null);
        entry.tab.setAttribute("data-tab", "queue");
      }
      (global.AsnStaffTabs || []).forEach(function (extra) {
        if (!extra || !extra.id || typeof extra.render !== "function" || tabById(extra.id)) { return; }
        addTab(extra.id, typeof extra.label === "function" ? extra.label(_) : String(extra.label || extra.id), function (panel) {
          extra.render(panel, {client: client, call: call, el: el, _: _, A: A, runtime: runtime, element: element});
        });
      });
      select(learnersTab, false);
    });
    return {select: function (id) { var entry = tabById(id); if (entry) { select(entry, false); } }};
  }

  global.AsnStaffPanel = function (runtime, element, ctl) {
    if (!global.AsnXBlocks || element.querySelector(".asn-staff")) { return null; }
    return StaffPanel(runtime, element, ctl);
  };
}(window));
