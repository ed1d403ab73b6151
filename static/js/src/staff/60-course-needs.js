/* Staff panel bundle: the "Course training needs" tab: training needs over every exercise
 * of this package in the course (staff_course_needs; staff rights checked on the server).
 * A cohort filter, the summary, the weakest competencies with the exercises and items
 * behind them, the chart beside its table of numbers and the CSV download — the figure and
 * the download from analytics.js's helpers (window.AsnAnalytics), loaded with this bundle. */
(function (global) {
  "use strict";

  global.AsnXBlocks.staff.courseNeeds = function (P) {
    var A = P.A, el = A.el, _ = A.gettext;
    var client = P.client, call = P.call, field = P.field, option = P.option;
    var NO_COHORT = "__none__";

    function renderCourseNeedsTab(panel) {
      var helpers = global.AsnAnalytics;
      var prefix = P.prefix + "-cn";
      var chosen = "";
      var alertBox = P.alertBox();
      var select = el("select", {name: "cohort"}, [option("", _("All cohorts"), true)]);
      var form = el("form", {"class": "asn-staff-filters asn-cn-filter", "aria-label": _("Course training needs filter")}, [
        field(_("Cohort"), select),
        el("button", {type: "submit", "class": "asn-button asn-secondary"}, [_("Show training needs")])
      ]);
      var summary = el("p", {"class": "asn-staff-summary asn-cn-summary"}, []);
      var basis = el("p", {"class": "asn-hint"}, []);
      var body = el("div", {"class": "asn-cn-body"}, []);
      var download = helpers ? helpers.csvBox(A, P.runtime, P.element, prefix, "staff_course_needs_csv",
        function () { return chosen; }, _("Download course training needs (CSV)")) : null;
      panel.appendChild(el("h4", {}, [_("Course training needs")]));
      panel.appendChild(el("p", {"class": "asn-hint"}, [_("Competency results over every case study, simulation and service desk of this course, the weakest first, with the exercises and items behind them.")]));
      [alertBox, form, summary, basis, body].forEach(function (node) { panel.appendChild(node); });
      if (download) { panel.appendChild(download.node); }

      form.addEventListener("submit", function (event) {
        event.preventDefault();
        chosen = select.value;
        load(true);
      });

      function load(announce) {
        P.busy(panel, true);
        return call("staff_course_needs", chosen ? {cohort: chosen} : {}).then(function (result) {
          P.busy(panel, false);
          if (!result.ok) { P.showAlert(alertBox, P.errorOf(result)); return; }
          P.showAlert(alertBox, "");
          show(result.data);
          if (download) { download.update(); }
          if (announce) {
            client.focus(summary);
            client.announce(A.format(_("Course training needs shown for {scope}."), {scope: result.data.scope.label}));
          }
        });
      }

      function fillCohorts(data) {
        select.textContent = "";
        select.appendChild(option("", _("All cohorts"), !data.scope.cohort));
        select.appendChild(option(NO_COHORT, _("No cohort"), data.scope.cohort === NO_COHORT));
        data.cohorts.forEach(function (name) { select.appendChild(option(name, name, data.scope.cohort === name)); });
      }

      function show(data) {
        fillCohorts(data);
        summary.textContent = A.format(_("Showing: {scope}."), {scope: data.scope.label}) + " " + data.summary +
          (data.awaiting_text ? " " + data.awaiting_text : "");
        basis.textContent = data.basis;
        body.textContent = "";
        body.appendChild(needsBox(data.needs));
        if (data.figure && helpers) {
          body.appendChild(helpers.figureNode(A, prefix, data.figure));
        } else if (data.empty) {
          body.appendChild(el("p", {"class": "asn-an-empty"}, [data.empty]));
        }
      }

      function needsBox(needs) {
        return helpers.needsNode(A, prefix, needs, _("Weakest competencies in the course"),
          _("Competencies averaging below {threshold}, weakest first, with the exercises and items that pull them down most."));
      }

      load(false);
    }

    P.renderCourseNeedsTab = renderCourseNeedsTab;
  };
}(window));
