/* Staff panel bundle: the panel's context, its parts installed in order, and its start (the
 * Learners tab, the Grading queue when the block has staff-graded items, "Course training
 * needs", "Shared answers" when the block lets learners share reflection answers, then the
 * tabs other scripts registered in window.AsnStaffTabs). asn_common.js's Controller calls
 * window.AsnStaffPanel for course staff. */
(function (global) {
  "use strict";
  var PARTS = ["kit", "tabs", "learners", "learnerDetail", "override", "queue", "gradeForm", "courseNeeds",
    "sharedAnswers"];

  function StaffPanel(runtime, element, ctl) {
    var A = global.AsnXBlocks, S = A.staff, _ = A.gettext;
    var client = ctl.client;
    var P = {
      A: A, runtime: runtime, element: element, ctl: ctl, client: client,
      prefix: A.uid("staff"), root: client.root,
      learners: {sort: "activity", direction: "desc", status: "", cohort: "", search: "", page: 1, page_size: 25},
      queue: {filter: "waiting", page: 1, page_size: 25},
      L: {},  // the Learners tab's nodes
      Q: {},  // the Grading queue tab's nodes
      initial: null  // the first page of learners, fetched while the tabs are set up
    };
    PARTS.forEach(function (part) { S[part](P); });

    var learners = P.learners;
    var learnersTab = P.addTab("learners", _("Learners"), P.renderLearnersTab);
    P.call("staff_learners", {sort: learners.sort, direction: learners.direction, page: 1, page_size: learners.page_size}).then(function (result) {
      var grading = result.ok && result.data.grading;
      P.initial = result.ok ? result.data : null;
      if (grading) {
        var entry = P.addTab("queue", _("Grading queue"), P.renderQueueTab);
        P.updateQueueLabel(result.data.counts ? result.data.counts.awaiting_grading : null);
        entry.tab.setAttribute("data-tab", "queue");
      }
      P.addTab("course", _("Course training needs"), P.renderCourseNeedsTab);
      if (result.ok && result.data.sharing) { P.addTab("shared", _("Shared answers"), P.renderSharedTab); }
      (global.AsnStaffTabs || []).forEach(function (extra) {
        if (!extra || !extra.id || typeof extra.render !== "function" || P.tabById(extra.id)) { return; }
        P.addTab(extra.id, typeof extra.label === "function" ? extra.label(_) : String(extra.label || extra.id), function (panel) {
          extra.render(panel, {client: client, call: P.call, el: A.el, _: _, A: A, runtime: runtime, element: element});
        });
      });
      P.select(learnersTab, false);
    });
    return {select: function (id) { var entry = P.tabById(id); if (entry) { P.select(entry, false); } }};
  }

  global.AsnStaffPanel = function (runtime, element, ctl) {
    if (!global.AsnXBlocks || element.querySelector(".asn-staff")) { return null; }
    return StaffPanel(runtime, element, ctl);
  };
}(window));
