/* Change-Management Simulation: the learner's view. The server sends only the current
 * node with the choices available now, the visible metrics and the effect of the last
 * decision; routers, conditions, effects, points and endings stay on the server until
 * they happen. This file renders them, sends the chosen id, announces what changed and
 * shows the debrief (timeline, chart with a table alternative, ending, competencies). */
(function (global) {
  "use strict";

  function AsnSimulation(runtime, element, init) {
    var A = global.AsnXBlocks, el = A.el, _ = A.gettext;
    var prefix = A.uid("sim");

    /* "+5" / "−5" from the server without its sign: the arrow and the word carry it. */
    function amount(change) {
      return String(change.delta_display || Math.abs(change.delta)).replace(/^[+\u2212-]/, "");
    }

    /* ▲ up by 5 / ▼ down by 5: shape and words, never colour alone. */
    function deltaView(change) {
      var up = change.delta > 0;
      return el("span", {"class": "asn-sim-delta " + (up ? "asn-sim-up" : "asn-sim-down")}, [
        el("span", {"aria-hidden": "true"}, [up ? "▲ " : "▼ "]),
        A.format(up ? _("up by {amount}") : _("down by {amount}"), {amount: amount(change)})
      ]);
    }

    function changeSentence(change) {
      return A.format(_("{label} {before} → {after} ({delta})"), {
        label: change.label, before: A.fmtNum(change.before), after: A.fmtNum(change.after),
        delta: change.delta_display
      });
    }

    function changeList(changes) {
      if (!changes || !changes.length) {
        return el("p", {"class": "asn-sim-nochange"}, [_("No visible change in the metrics.")]);
      }
      return el("ul", {"class": "asn-sim-changes"}, changes.map(function (c) {
        return el("li", {}, [
          A.format(_("{label}: {before} → {after}"), {label: c.label, before: A.fmtNum(c.before), after: A.fmtNum(c.after)}),
          " ", deltaView(c)
        ]);
      }));
    }

    function outcomeText(outcome) {
      return {
        success: _("Outcome: success"),
        partial: _("Outcome: partial success"),
        failure: _("Outcome: not successful")
      }[outcome] || "";
    }

    /* The metric dashboard: visible metrics only, each with the last decision's change. */
    function dashboard(view) {
      if (!view.metrics || !view.metrics.length) { return null; }
      var headingId = prefix + "-metrics";
      var byId = {};
      ((view.last && view.last.changes) || []).forEach(function (c) { byId[c.id] = c; });
      var items = view.metrics.map(function (m) {
        var span = (Number(m.max) - Number(m.min)) || 1;
        var pct = Math.max(0, Math.min(100, 100 * (Number(m.value) - Number(m.min)) / span));
        var change = byId[m.id];
        return el("li", {"class": "asn-metric", "data-metric": m.id}, [
          el("span", {"class": "asn-sim-metric-label"}, [m.label]),
          el("span", {"class": "asn-metric-value"}, [m.display]),
          el("span", {"class": "asn-sim-bar", "aria-hidden": "true"}, [
            el("span", {"class": "asn-sim-bar-fill", style: "width:" + pct.toFixed(1) + "%"}, [])]),
          el("span", {"class": "asn-sim-range"}, [A.format(_("range {min} to {max}"), {min: A.fmtNum(m.min), max: A.fmtNum(m.max)})]),
          change ? deltaView(change) : null
        ]);
      });
      var parts = [el("h3", {id: headingId}, [_("Metrics")])];
      if (view.last && view.last.changes && view.last.changes.length) {
        parts.push(el("p", {"class": "asn-hint"}, [_("Arrows show the change caused by your last decision.")]));
      }
      parts.push(el("ul", {"class": "asn-metrics"}, items));
      return el("section", {"class": "asn-sim-dashboard", "aria-labelledby": headingId}, parts);
    }

    /* What the last decision did: the choice, its feedback and the metric changes. */
    function lastDecision(view) {
      var last = view.last;
      if (!last) { return null; }
      var headingId = prefix + "-last";
      var parts = [
        el("h3", {id: headingId}, [_("Your last decision")]),
        el("div", {"class": "asn-sim-chosen"}, [
          el("span", {"class": "asn-sim-chosen-label"}, [_("You chose:")]), " ",
          el("div", {"class": "asn-sim-chosen-text", html: last.choice_text_html})])
      ];
      if (last.feedback_html) {
        parts.push(el("div", {"class": "asn-feedback asn-sim-feedback", html: last.feedback_html}));
      }
      parts.push(changeList(last.changes));
      return el("section", {"class": "asn-sim-last", "aria-labelledby": headingId}, parts);
    }

    function nodeView(ctl, view) {
      var node = view.node;
      var headingId = prefix + "-node-" + node.id;
      var progress = A.format(_("Decision {n}"), {n: view.step_count + 1});
      if (node.step_label) {
        progress += " · " + A.format(_("Step: {step}"), {step: node.step_label});
      }
      var section = el("section", {"class": "asn-sim-node", "aria-labelledby": headingId, "data-node": node.id}, [
        el("p", {"class": "asn-progress"}, [progress]),
        el("h3", {id: headingId, "class": "asn-sim-node-title"}, [node.title]),
        el("div", {"class": "asn-narrative", html: node.content_html})
      ]);
      if (!node.choices.length) {
        section.appendChild(el("p", {"class": "asn-notice"}, [_("No choice is available here. Please tell the course team.")]));
        return section;
      }
      var questionId = prefix + "-ask";
      var buttons = [];
      var list = el("ul", {"class": "asn-choices", "aria-labelledby": questionId}, node.choices.map(function (choice) {
        var button = el("button", {type: "button", "class": "asn-button asn-secondary asn-choice", "data-choice": choice.id, html: choice.text_html});
        button.addEventListener("click", function () {
          if (ctl.busy) { return; }
          buttons.forEach(function (b) { b.disabled = true; });
          button.classList.add("asn-sim-sending");
          ctl.act({type: "choose", choice: choice.id}).then(function () {
            // the body is re-rendered after success; these stay only when the call failed
            buttons.forEach(function (b) { b.disabled = false; });
            button.classList.remove("asn-sim-sending");
          });
        });
        buttons.push(button);
        return el("li", {}, [button]);
      }));
      section.appendChild(el("h4", {id: questionId, "class": "asn-sim-ask"}, [_("What do you do?")]));
      section.appendChild(list);
      return section;
    }

    /* "41% of your cohort chose this": the share of OTHER learners (the learner's cohort, else
     * the course's learners of this block) who made the same choice; the server sends it only
     * after the attempt finished and only where enough other learners chose. */
    function cohortShare(entry, cohort) {
      if (!entry.cohort || !cohort) { return null; }
      var text = cohort.scope === "cohort" ? _("{percent} of your cohort chose this")
        : _("{percent} of learners in this course chose this");
      return el("p", {"class": "asn-sim-cohort-share"}, [A.format(text, {percent: entry.cohort.percent_text})]);
    }

    /* Where the learner's path left the others' most common path, or that it did not. */
    function cohortPath(cohort) {
      var note = cohort && cohort.path;
      if (!note) { return null; }
      var inCohort = cohort.scope === "cohort", text;
      if (note.same) {
        text = inCohort ? _("You followed the cohort's most common path.")
          : _("You followed the most common path of learners in this course.");
      } else {
        text = A.format(inCohort ? _("At decision {n}, most of your cohort went on to «{choice}» at «{node}».")
          : _("At decision {n}, most learners in this course went on to «{choice}» at «{node}»."),
        {n: note.step, choice: note.choice_text, node: note.node_title});
      }
      return el("p", {"class": "asn-sim-cohort-path" + (note.same ? " asn-sim-same" : "")}, [text]);
    }

    function timelineView(groups, cohort) {
      var n = 0;
      function entryView(entry) {
        n += 1;
        return el("li", {"class": "asn-sim-entry"}, [
          el("p", {"class": "asn-sim-entry-title"}, [
            el("strong", {}, [A.format(_("Decision {n}: {title}"), {n: n, title: entry.node_title})])]),
          el("div", {"class": "asn-sim-chosen"}, [
            el("span", {"class": "asn-sim-chosen-label"}, [_("You chose:")]), " ",
            el("div", {"class": "asn-sim-chosen-text", html: entry.choice_text_html})]),
          cohortShare(entry, cohort),
          changeList(entry.changes)
        ]);
      }
      var grouped = groups.some(function (g) { return g.step_label; });
      if (!grouped) {
        var flat = [];
        groups.forEach(function (g) { flat = flat.concat(g.entries); });
        return el("ol", {"class": "asn-timeline asn-sim-entries"}, flat.map(entryView));
      }
      return el("ol", {"class": "asn-timeline asn-sim-steps"}, groups.map(function (g) {
        return el("li", {"class": "asn-sim-step-group"}, [
          el("h5", {"class": "asn-sim-step-title"}, [g.step_label || _("Other decisions")]),
          el("ol", {"class": "asn-sim-entries"}, g.entries.map(entryView))
        ]);
      }));
    }

    function tableView(table) {
      if (!table || !table.columns) { return null; }
      var region = A.table("asn-sim-table", table.caption, [table.step_header].concat(table.columns),
        table.rows.map(function (row) {
          return [row[0] === 0 ? _("Start") : String(row[0])].concat(row.slice(1).map(String));
        }));
      /* A visible cue when the table is wider than the screen: the hint (also the region's
       * description) and an edge; shown by updateScrollCues once the table is laid out. */
      var hintId = prefix + "-table-hint";
      var hint = el("p", {id: hintId, "class": "asn-hint asn-scroll-hint", hidden: "hidden"}, [
        el("span", {"aria-hidden": "true"}, ["↔ "]),
        _("The table is wider than the screen: scroll it sideways to see every column.")]);
      region.setAttribute("aria-describedby", hintId);
      region.classList.add("asn-sim-table-region");
      return el("div", {"class": "asn-sim-table-wrap"}, [hint, region]);
    }

    function updateScrollCues(root) {
      Array.prototype.forEach.call(root.querySelectorAll(".asn-sim-table-wrap"), function (wrap) {
        var region = wrap.querySelector(".asn-scroll"), hint = wrap.querySelector(".asn-scroll-hint");
        var wide = region.scrollWidth > region.clientWidth + 1;
        region.classList.toggle("asn-scroll-more", wide);
        if (wide) { hint.removeAttribute("hidden"); } else { hint.setAttribute("hidden", "hidden"); }
      });
    }

    /* The best path beside the learner's own: for each best decision, the learner's choice at
     * the same decision (found by node id, else by title) — the same, another, or not reached. */
    function bestPathView(view, timeline) {
      var mine = [];
      (timeline || []).forEach(function (g) { mine = mine.concat(g.entries || []); });
      function yours(step) {
        for (var i = 0; i < mine.length; i += 1) {
          var e = mine[i];
          if ((step.node && e.node === step.node) || (!step.node && e.node_title === step.node_title)) { return e; }
        }
        return null;
      }
      var differ = 0;
      var items = view.best_path.map(function (step) {
        var own = yours(step);
        var same = own && (step.choice ? own.choice === step.choice : own.choice_text_html === step.choice_text_html);
        var note;
        if (same) {
          note = el("p", {"class": "asn-sim-compare asn-sim-same"}, [
            el("span", {"aria-hidden": "true"}, ["✓ "]), _("You chose this too.")]);
        } else {
          differ += 1;
          note = own ? el("div", {"class": "asn-sim-compare asn-sim-differs"}, [
            el("span", {"class": "asn-sim-chosen-label"}, [el("span", {"aria-hidden": "true"}, ["≠ "]), _("Your choice here:")]), " ",
            el("div", {"class": "asn-sim-chosen-text", html: own.choice_text_html})])
            : el("p", {"class": "asn-sim-compare asn-sim-differs"}, [
              el("span", {"aria-hidden": "true"}, ["≠ "]), _("Your path did not reach this decision.")]);
        }
        return el("li", {"class": same ? "asn-sim-best-same" : "asn-sim-best-differs"}, [
          el("strong", {}, [step.node_title]),
          el("div", {"class": "asn-sim-best-choice"}, [
            el("span", {"class": "asn-sim-chosen-label"}, [_("Best choice:")]), " ",
            el("div", {"class": "asn-sim-chosen-text", html: step.choice_text_html})]),
          note]);
      });
      var summary = differ ? A.format(A.ngettext("Your path differs from it at {n} decision.",
        "Your path differs from it at {n} decisions.", differ), {n: differ}) : _("Your path is a best path.");
      var bestId = prefix + "-best";
      return el("section", {"class": "asn-sim-best", "aria-labelledby": bestId}, [
        el("h4", {id: bestId}, [_("A best path")]),
        el("p", {"class": "asn-hint"}, [_("The decisions that earn the most in this scenario:")]),
        el("p", {"class": "asn-sim-best-summary"}, [summary]),
        el("ol", {"class": "asn-sim-best-path"}, items)
      ]);
    }

    function debriefView(view) {
      var d = view.debrief || {};
      var parts = [];
      var pathId = prefix + "-path";
      if (d.timeline && d.timeline.length) {
        parts.push(el("section", {"class": "asn-sim-timeline", "aria-labelledby": pathId}, [
          el("h4", {id: pathId}, [_("Your path")]),
          el("p", {"class": "asn-hint"}, [_("Each decision with its effect on the metrics, grouped by step.")]),
          cohortPath(view.cohort),
          timelineView(d.timeline, view.cohort)
        ]));
      }
      var chartId = prefix + "-chart";
      var chartParts = [el("h4", {id: chartId}, [_("How the metrics changed")])];
      // server-rendered SVG built from numbers and labels escaped on the server
      if (d.chart_svg) {
        chartParts.push(el("div", {"class": "asn-chart asn-scroll", role: "region", tabindex: "0", "aria-labelledby": chartId, html: d.chart_svg}));
      }
      chartParts.push(tableView(d.table));
      parts.push(el("section", {"class": "asn-sim-trajectory", "aria-labelledby": chartId}, chartParts));
      var table = A.competencyTable(view.competencies);  // already a keyboard-scrollable region
      if (table) { parts.push(table); }
      if (view.best_path && view.best_path.length) {
        parts.push(bestPathView(view, d.timeline));
      }
      return parts;
    }

    function endingView(view) {
      var ending = view.ending || {};
      var headingId = prefix + "-ending";
      var heading = el("h3", {id: headingId, "class": "asn-sim-ending-title"}, [
        ending.title ? A.format(_("The end: {title}"), {title: ending.title}) : _("The end")]);
      var parts = [heading];
      var outcome = outcomeText(ending.outcome);
      if (outcome) {
        parts.push(el("p", {"class": "asn-sim-outcome asn-sim-outcome-" + ending.outcome}, [outcome]));
      }
      if (ending.score_percent !== undefined && ending.score_percent !== null) {
        parts.push(el("p", {"class": "asn-raw-score"}, [A.format(_("Result of this attempt: {percent}"), {percent: ending.score_text || A.fmtPercent(ending.score_percent)})]));
      }
      if (ending.body_html) { parts.push(el("div", {"class": "asn-debrief", html: ending.body_html})); }
      parts = parts.concat(debriefView(view));
      return {heading: heading, section: el("section", {"class": "asn-result asn-sim-end", "aria-labelledby": headingId}, parts)};
    }

    function announcement(view, feedbackNode) {
      var parts = [];
      if (view.last) {
        var changes = view.last.changes || [];
        parts.push(changes.length ? changes.map(changeSentence).join("; ") + "." : _("No visible change in the metrics."));
        var feedback = feedbackNode ? feedbackNode.textContent.replace(/\s+/g, " ").trim() : "";
        if (feedback) { parts.push(feedback); }
      }
      if (view.finished) {
        var ending = view.ending || {};
        parts.push(A.format(_("The simulation has ended: {title}."), {title: ending.title || ""}));
        if (ending.outcome) { parts.push(outcomeText(ending.outcome) + "."); }
        parts.push(_("Your debrief is shown."));
      } else if (view.node) {
        parts.push(A.format(_("Next situation: {title}"), {title: view.node.title}));
      }
      return parts.join(" ");
    }

    function render(ctl, payload, focusTarget) {
      var body = ctl.client.body, view = payload.view;
      if (view.error) {
        var errorHeading = el("h3", {}, [_("This simulation cannot continue")]);
        body.appendChild(el("div", {"class": "asn-drift asn-sim-error"}, [errorHeading, el("p", {}, [view.error])]));
        if (focusTarget) { ctl.client.focus(errorHeading); }
        return;
      }
      if (view.intro_html) {
        if (view.step_count === 0 && !view.finished) {
          body.appendChild(el("div", {"class": "asn-intro", html: view.intro_html}));
        } else {
          body.appendChild(el("details", {"class": "asn-intro asn-sim-intro"}, [
            el("summary", {}, [_("Introduction")]), el("div", {html: view.intro_html})]));
        }
      }
      var last = lastDecision(view);
      if (last) { body.appendChild(last); }
      var board = dashboard(view);
      if (board) { body.appendChild(board); }
      var focusNode = null;
      if (view.finished) {
        var end = endingView(view);
        body.appendChild(end.section);
        updateScrollCues(body);
        focusNode = end.heading;
      } else if (view.node) {
        var section = nodeView(ctl, view);
        body.appendChild(section);
        focusNode = section.querySelector("h3");
      }
      if (focusTarget === "step" || focusTarget === "start") {
        if (focusTarget === "step" && last && last.scrollIntoView) { last.scrollIntoView({block: "start"}); }
        ctl.client.focus(focusNode);
      }
      if (focusTarget === "step") {
        ctl.client.announce(announcement(view, last && last.querySelector(".asn-sim-feedback")));
      }
    }

    var ctl = A.Controller(runtime, element, init, render);
    global.addEventListener("resize", function () { updateScrollCues(ctl.client.body); });
    return ctl;
  }

  global.AsnSimulation = function (runtime, element, init) { return AsnSimulation(runtime, element, init); };
}(window));
