/* asn-xblocks: the "Analytics" tab of the staff panel (cohort analytics, training needs).
 *
 * Registers itself with the panel through window.AsnStaffTabs (see staff.js). Everything
 * it shows comes from the staff_analytics handler, which checks staff rights on the server:
 * a training-needs summary, then sections of figures. Each figure is a chart drawn on the
 * server as SVG (role=img, title and description, labels escaped there) and, beside it, a
 * table with the same numbers (built here as text nodes) for screen readers, printing and
 * anyone who prefers numbers. The same numbers download as CSV.
 *
 * Its figure helpers (a chart beside its table of numbers) and the CSV box are shared with
 * the staff panel's "Course training needs" tab through window.AsnAnalytics. */
(function (global) {
  "use strict";

  var NO_COHORT = "__none__";

  function cellText(cell) {
    if (cell && typeof cell === "object") { return cell.t === undefined || cell.t === null ? "" : String(cell.t); }
    return cell === undefined || cell === null ? "" : String(cell);
  }

  /* A figure from the server ({id, title, svg, note, table: {columns, rows}}) as its chart
   * (SVG made and escaped on the server) beside a table of the same numbers (text nodes). */
  function figureNode(A, prefix, figure) {
    var el = A.el, _ = A.gettext;
    var headingId = prefix + "-h-" + figure.id;
    var columns = figure.table.columns;
    var table = el("table", {"class": "asn-table asn-an-table"}, [
      el("caption", {}, [A.format(_("Numbers: {title}"), {title: figure.title})]),
      el("thead", {}, [el("tr", {}, columns.map(function (name) { return el("th", {scope: "col"}, [name]); }))]),
      el("tbody", {}, figure.table.rows.map(function (row) {
        return el("tr", {}, row.map(function (cell, index) {
          return index === 0 ? el("th", {scope: "row"}, [cellText(cell)]) : el("td", {}, [cellText(cell)]);
        }));
      }))
    ]);
    var parts = [
      el("h6", {id: headingId}, [figure.title]),
      el("div", {"class": "asn-an-pair"}, [
        el("div", {"class": "asn-an-chart", html: figure.svg}),  // made and escaped on the server
        el("div", {"class": "asn-an-data"}, [A.scrollRegion(table)])
      ])
    ];
    if (figure.note) { parts.push(el("p", {"class": "asn-an-note"}, [figure.note])); }
    return el("div", {"class": "asn-an-figure", "data-figure": figure.id, role: "group", "aria-labelledby": headingId}, parts);
  }

  /* The CSV download: separator radios and a link to ``handler`` (GET) with the cohort
   * ``cohort()`` returns; ``update()`` after the cohort changes. */
  function csvBox(A, runtime, element, prefix, handler, cohort, linkText) {
    var el = A.el, _ = A.gettext;
    var name = prefix + "-sep";
    var comma = el("input", {type: "radio", name: name, value: ",", checked: true, id: name + "-comma"}, []);
    var semi = el("input", {type: "radio", name: name, value: ";", id: name + "-semi"}, []);
    var link = el("a", {"class": "asn-button asn-secondary asn-staff-download", download: ""}, [linkText]);
    function update() {
      var chosen = cohort();
      var query = "sep=" + encodeURIComponent(semi.checked ? ";" : ",") +
        (chosen ? "&cohort=" + encodeURIComponent(chosen) : "");
      link.setAttribute("href", runtime.handlerUrl(element, handler, "", query));
    }
    [comma, semi].forEach(function (input) { input.addEventListener("change", update); });
    update();
    var node = el("fieldset", {"class": "asn-staff-csv"}, [
      el("legend", {}, [_("Download these numbers")]),
      el("div", {"class": "asn-radio-row", role: "radiogroup", "aria-label": _("Column separator")}, [
        el("label", {"for": comma.id}, [comma, " " + _("Comma (,)")]),
        el("label", {"for": semi.id}, [semi, " " + _("Semicolon (;) for spreadsheets in Indonesian")])
      ]),
      el("p", {"class": "asn-hint"}, [_("The file follows the cohort shown above.")]),
      link
    ]);
    return {node: node, update: update};
  }

  // The weakest competencies with their evidence: `heading` and `hint` (a template holding
  // {threshold}) are the caller's translated texts.
  function needsNode(A, prefix, needs, heading, hint) {
    var el = A.el, _ = A.gettext, headingId = prefix + "-needs";
    var parts = [
      el("h5", {id: headingId}, [heading]),
      el("p", {"class": "asn-an-needs-text"}, [needs.text])
    ];
    if (needs.items.length) {
      parts.push(el("ol", {"class": "asn-an-needs-list"}, needs.items.map(function (item) {
        var evidence = item.evidence.length ? el("ul", {"class": "asn-an-evidence",
          "aria-label": A.format(_("Evidence for {competency}"), {competency: item.label})},
          item.evidence.map(function (e) { return el("li", {}, [e.text]); })) : null;
        return el("li", {}, [el("strong", {}, [item.label]), " — " + item.text, evidence]);
      })));
      parts.push(el("p", {"class": "asn-hint"}, [A.format(hint, {threshold: needs.threshold_text})]));
    }
    return el("section", {"class": "asn-an-needs", "aria-labelledby": headingId}, parts);
  }

  global.AsnAnalytics = {NO_COHORT: NO_COHORT, cellText: cellText, figureNode: figureNode, csvBox: csvBox,
                         needsNode: needsNode};

  function render(panel, api) {
    var A = api.A, el = api.el, _ = api._, client = api.client;
    var prefix = A.uid("asn-an");
    var chosen = "";

    function field(labelText, control) {
      control.id = control.id || A.uid(prefix + "-f");
      return el("div", {"class": "asn-field"}, [el("label", {"for": control.id}, [labelText]), control]);
    }

    /* --- the frame: heading, filter, summary, body, download ------------------------------ */
    var alertBox = el("div", {"class": "asn-staff-alert", role: "alert"}, []);
    var select = el("select", {name: "cohort"}, [el("option", {value: ""}, [_("All cohorts")])]);
    var form = el("form", {"class": "asn-staff-filters asn-an-filter", "aria-label": _("Analytics filter")}, [
      field(_("Cohort"), select),
      el("button", {type: "submit", "class": "asn-button asn-secondary"}, [_("Show analytics")])
    ]);
    var summary = el("p", {"class": "asn-staff-summary asn-an-summary"}, []);
    var basis = el("p", {"class": "asn-hint"}, []);
    var body = el("div", {"class": "asn-an-body"}, []);
    var download = csvBox(A, api.runtime, api.element, prefix, "staff_analytics_csv",
      function () { return chosen; }, _("Download analytics (CSV)"));
    panel.appendChild(el("h4", {}, [_("Analytics")]));
    panel.appendChild(el("p", {"class": "asn-hint"}, [_("What learners did in this exercise, as charts with the same numbers in tables, and the competencies to plan the next training around.")]));
    panel.appendChild(alertBox);
    panel.appendChild(form);
    panel.appendChild(summary);
    panel.appendChild(basis);
    panel.appendChild(body);
    panel.appendChild(download.node);

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      chosen = select.value;
      load(true);
    });

    function showAlert(message) {
      alertBox.textContent = "";
      if (message) { alertBox.appendChild(el("p", {}, [message])); }
    }

    function load(announce) {
      panel.setAttribute("aria-busy", "true");
      return api.call("staff_analytics", chosen ? {cohort: chosen} : {}).then(function (result) {
        panel.setAttribute("aria-busy", "false");
        if (!result.ok) { showAlert(client.errorText(result)); return; }
        showAlert("");
        show(result.data);
        download.update();
        if (announce) {
          client.focus(summary);
          client.announce(A.format(_("Analytics shown for {scope}."), {scope: result.data.scope.label}));
        }
      });
    }

    function fillCohorts(data) {
      select.textContent = "";
      select.appendChild(el("option", {value: "", selected: !data.scope.cohort}, [_("All cohorts")]));
      select.appendChild(el("option", {value: NO_COHORT, selected: data.scope.cohort === NO_COHORT}, [_("No cohort")]));
      data.cohorts.forEach(function (name) {
        select.appendChild(el("option", {value: name, selected: data.scope.cohort === name}, [name]));
      });
    }

    /* --- rendering ------------------------------------------------------------------------ */
    function show(data) {
      fillCohorts(data);
      summary.textContent = A.format(_("Showing: {scope}."), {scope: data.scope.label}) + " " + data.summary;
      basis.textContent = data.basis;
      body.textContent = "";
      body.appendChild(needsBox(data.needs));
      data.sections.forEach(function (section) { body.appendChild(sectionNode(section)); });
    }

    function needsBox(needs) {
      return global.AsnAnalytics.needsNode(A, prefix, needs, _("Training needs"),
        _("Competencies averaging below {threshold}, weakest first, with the items that pull them down most."));
    }

    function sectionNode(section) {
      var headingId = prefix + "-s-" + section.id;
      var parts = [el("h5", {id: headingId}, [section.title])];
      if (section.intro) { parts.push(el("p", {"class": "asn-an-intro"}, [section.intro])); }
      if (!section.figures.length) {
        parts.push(el("p", {"class": "asn-an-empty"}, [section.empty]));
      }
      section.figures.forEach(function (figure) { parts.push(figureNode(figure)); });
      return el("section", {"class": "asn-an-section", "data-section": section.id, "aria-labelledby": headingId}, parts);
    }

    function figureNode(figure) { return global.AsnAnalytics.figureNode(A, prefix, figure); }

    load(false);
  }

  (global.AsnStaffTabs = global.AsnStaffTabs || []).push({
    id: "analytics",
    label: function (_) { return _("Analytics"); },
    render: render
  });
}(window));
