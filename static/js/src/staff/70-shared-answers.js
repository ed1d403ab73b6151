/* Staff panel bundle: the "Shared answers" tab: every reflection answer learners shared in
 * this exercise, with filters (reflection, cohort, hidden or shown), pages, and buttons to
 * hide / show again and feature / stop featuring each (staff_shared_answers,
 * staff_moderate_answer; staff rights checked on the server). Answers are learner text:
 * always inserted as text nodes. */
(function (global) {
  "use strict";

  global.AsnXBlocks.staff.sharedAnswers = function (P) {
    var A = P.A, el = A.el, _ = A.gettext;
    var client = P.client, call = P.call, field = P.field, option = P.option;
    var state = {item: "", cohort: "", hidden: "", page: 1, page_size: 25};
    var S = {};

    function renderSharedTab(panel) {
      S.panel = panel;
      S.alert = P.alertBox();
      S.item = el("select", {name: "item"}, []);
      S.cohort = el("select", {name: "cohort"}, []);
      S.hidden = el("select", {name: "hidden"}, [
        option("", _("Shown and hidden"), true), option("shown", _("Shown to learners")), option("hidden", _("Hidden"))
      ]);
      var form = el("form", {"class": "asn-staff-filters", role: "search", "aria-label": _("Filter shared answers")}, [
        field(_("Reflection"), S.item), field(_("Cohort"), S.cohort), field(_("Visibility"), S.hidden),
        el("button", {type: "submit", "class": "asn-button asn-secondary"}, [_("Apply filters")])
      ]);
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        state.item = S.item.value; state.cohort = S.cohort.value; state.hidden = S.hidden.value; state.page = 1;
        load(true);
      });
      S.summary = el("p", {"class": "asn-staff-summary", id: P.prefix + "-shared-summary"}, []);
      S.list = el("div", {"class": "asn-shared-list"}, []);
      S.pager = el("div", {}, []);
      panel.appendChild(el("h4", {}, [_("Shared answers")]));
      panel.appendChild(el("p", {"class": "asn-hint"}, [_("Answers learners chose to share with their peers, without their names. Hide an answer that should not be shown; feature a good one so learners see it first.")]));
      [S.alert, form, S.summary, S.list, S.pager].forEach(function (node) { panel.appendChild(node); });
      load(false);
    }

    function load(announce) {
      P.busy(S.panel, true);
      var payload = {item: state.item, cohort: state.cohort, hidden: state.hidden, page: state.page, page_size: state.page_size};
      return call("staff_shared_answers", payload).then(function (result) {
        P.busy(S.panel, false);
        if (!result.ok) { P.showAlert(S.alert, P.errorOf(result)); return; }
        P.showAlert(S.alert, "");
        show(result.data);
        if (announce) { client.announce(S.summary.textContent); }
      });
    }

    function fillFilters(data) {
      S.item.textContent = "";
      S.item.appendChild(option("", _("All reflections"), !state.item));
      data.items.forEach(function (i) { S.item.appendChild(option(i.id, i.label, state.item === i.id)); });
      S.cohort.textContent = "";
      S.cohort.appendChild(option("", _("All cohorts"), !state.cohort));
      S.cohort.appendChild(option("__none__", _("No cohort"), state.cohort === "__none__"));
      data.cohorts.forEach(function (c) { S.cohort.appendChild(option(c, c, state.cohort === c)); });
    }

    function stateText(row) {
      var parts = [row.hidden ? _("Hidden from learners") : _("Shown to learners")];
      if (row.featured) { parts.push(_("Featured")); }
      return parts.join(" · ");
    }

    function show(data) {
      state.page = data.page;
      fillFilters(data);
      var c = data.counts || {total: 0, hidden: 0, featured: 0};
      S.summary.textContent = data.total
        ? A.format(A.ngettext("{total} shared answer matches these filters.", "{total} shared answers match these filters.", data.total), {total: data.total}) +
          " " + A.format(_("In this exercise: {total} shared, {hidden} hidden, {featured} featured."), c)
        : _("No shared answer matches these filters.");
      S.list.textContent = "";
      S.pager.textContent = "";
      if (!data.rows.length) { return; }
      var captionId = P.prefix + "-shared-caption";
      var table = el("table", {"class": "asn-table asn-staff-table asn-shared-table"}, [
        el("caption", {id: captionId}, [_("Shared answers, featured first, then the most helpful")]),
        el("thead", {}, [el("tr", {}, [_("Answer"), _("Reflection"), _("Cohort"), _("Learner"), _("Marked helpful"), _("State"), _("Actions")]
          .map(function (name) { return el("th", {scope: "col"}, [name]); }))]),
        el("tbody", {}, data.rows.map(rowNode))
      ]);
      S.list.appendChild(el("div", {"class": "asn-scroll", role: "region", tabindex: "0", "aria-labelledby": captionId}, [table]));
      if (data.pages > 1) {
        S.pager.appendChild(P.pager(data.page, data.pages, function (page) {
          state.page = page;
          load(true).then(function () { client.focus(S.summary); });
        }, _("Shared answer pages")));
      }
    }

    function rowNode(row) {
      var textId = P.prefix + "-shared-" + row.id;
      var stateCell = el("td", {"class": "asn-shared-state"}, [stateText(row)]);
      var hide = el("button", {type: "button", "class": "asn-button asn-secondary asn-shared-hide", "data-answer": row.id, "aria-describedby": textId}, []);
      var feature = el("button", {type: "button", "class": "asn-button asn-secondary asn-shared-feature", "data-answer": row.id, "aria-describedby": textId}, []);
      var tr;
      function labels() {
        hide.textContent = row.hidden ? _("Show again") : _("Hide");
        feature.textContent = row.featured ? _("Stop featuring") : _("Feature");
        stateCell.textContent = stateText(row);
        tr.classList.toggle("asn-shared-hidden", !!row.hidden);
      }
      function moderate(action, button) {
        button.disabled = true;
        call("staff_moderate_answer", {id: row.id, action: action}).then(function (result) {
          button.disabled = false;
          if (!result.ok) { P.showAlert(S.alert, P.errorOf(result)); button.focus(); return; }
          P.showAlert(S.alert, "");
          row.hidden = result.data.answer.hidden;
          row.featured = result.data.answer.featured;
          labels();
          button.focus();
          client.announce(result.data.message);
        });
      }
      hide.addEventListener("click", function () { moderate(row.hidden ? "unhide" : "hide", hide); });
      feature.addEventListener("click", function () { moderate(row.featured ? "unfeature" : "feature", feature); });
      tr = el("tr", {"data-answer": row.id}, [
        el("td", {"class": "asn-shared-text"}, [el("p", {id: textId}, [row.text])]),
        el("td", {}, [row.reflection]),
        el("td", {}, [row.cohort_label]),
        el("th", {scope: "row"}, [row.learner]),
        el("td", {}, [String(row.helpful)]),
        stateCell,
        el("td", {"class": "asn-shared-actions"}, [hide, feature])
      ]);
      labels();
      return tr;
    }

    P.renderSharedTab = renderSharedTab;
  };
}(window));
