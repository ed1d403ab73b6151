/* Staff panel bundle: the Learners tab: filters, the sortable table, pages and the CSV download. */
(function (global) {
  "use strict";

  global.AsnXBlocks.staff.learners = function (P) {
    var A = P.A, el = A.el, _ = A.gettext;
    var runtime = P.runtime, element = P.element, client = P.client, prefix = P.prefix, L = P.L,
      learners = P.learners, call = P.call, alertBox = P.alertBox, showAlert = P.showAlert,
      busy = P.busy, errorOf = P.errorOf, field = P.field, option = P.option, pager = P.pager;

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
      if (P.initial) {
        var first = P.initial;
        P.initial = null;
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
      P.updateQueueLabel(data.counts ? data.counts.awaiting_grading : null);
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
            onclick: function () { P.openLearner(row.id); }}, [row.learner])]),
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

    P.renderLearnersTab = renderLearnersTab; P.loadLearners = loadLearners;
  };
}(window));
