/* Staff panel bundle: the panel's section and its tabs (role=tablist; arrow keys, Home, End). */
(function (global) {
  "use strict";

  global.AsnXBlocks.staff.tabs = function (P) {
    var A = P.A, el = A.el, _ = A.gettext;
    var client = P.client, prefix = P.prefix, root = P.root;

    var tabs = [];
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

    P.addTab = addTab; P.select = select; P.tabById = tabById;
  };
}(window));
