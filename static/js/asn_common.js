/* asn-xblocks: what every block's front end shares.
 * - translation through the namespace catalogue (AsnXBlocksI18n) the runtime or the
 *   package provides; English source strings otherwise;
 * - calls to handlers with the CSRF header and the state version; a failed save keeps the
 *   learner's work and offers "retry";
 * - DOM helpers that insert learner text as text (never as HTML) and author HTML (already
 *   sanitized on the server) as HTML;
 * - a polite live region for announcements and focus management after each step.
 */
(function (global) {
  "use strict";
  if (global.AsnXBlocks) { return; }

  // Looked up on every call: a view may load several catalogues (its block's, the staff
  // panel's), each merging into the same namespace.
  // The catalogues a page may have: the platform's (one for every string, compiled for the
  // blocks' i18n_js_namespace from a site's Atlas catalogue), else the package's, one per
  // front-end bundle, each in its own global (scripts/i18n.py); the first that knows a
  // string translates it.
  var CATALOGUES = ["AsnXBlocksI18n", "AsnXBlocksI18n_asn_case_study",
    "AsnXBlocksI18n_asn_change_simulation", "AsnXBlocksI18n_asn_digital_service",
    "AsnXBlocksI18n_asn_digital_service_records",
    "AsnXBlocksI18n_staff", "AsnXBlocksI18n_studio"];
  function translated(call, fallback) {
    for (var i = 0; i < CATALOGUES.length; i++) {
      var ns = global[CATALOGUES[i]];
      var text = ns && ns.gettext ? call(ns) : fallback;
      if (text !== fallback) { return text; }
    }
    return fallback;
  }
  function gettext(s) {
    return translated(function (ns) { return ns.gettext(s); }, s);
  }
  function ngettext(s, p, n) {
    return translated(function (ns) { return ns.ngettext(s, p, n); }, n === 1 ? s : p);
  }
  function format(template, params) {
    return String(template).replace(/\{(\w+)\}/g, function (m, key) {
      return params && Object.prototype.hasOwnProperty.call(params, key) ? String(params[key]) : m;
    });
  }

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  /* Create an element: el("button", {type: "button", class: "x", onclick: fn}, [children]).
   * Strings among the children become text nodes; {html: "..."} is author HTML. */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      var value = attrs[key];
      if (value === null || value === undefined || value === false) { return; }
      if (key.indexOf("on") === 0 && typeof value === "function") {
        node.addEventListener(key.slice(2), value);
      } else if (key === "html") {
        node.innerHTML = value; // author HTML, sanitized when it was imported or saved
      } else if (key === "text") {
        node.textContent = value;
      } else if (value === true) {
        node.setAttribute(key, "");
      } else {
        node.setAttribute(key, String(value));
      }
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined || child === false) { return; }
      node.appendChild(typeof child === "string" || typeof child === "number"
        ? document.createTextNode(String(child)) : child);
    });
    return node;
  }

  var counter = 0;
  function uid(prefix) { counter += 1; return (prefix || "asn") + "-" + counter + "-" + Math.random().toString(36).slice(2, 7); }

  /* The element a runtime hands to an init function is a DOM node (LMS, workbench) or a
   * jQuery-wrapped one (Studio: views/xblock.js initializes the block with $(".xblock");
   * the Learning Core iframe does so for studio_view). DOM work uses the node; handlerUrl
   * gets back the element exactly as it was given (that runtime keeps the URL on it). */
  function domNode(element) {
    return element && typeof element.jquery === "string" ? element[0] : element;
  }

  /* The client of one block instance. */
  function Client(runtime, element) {
    this.runtime = runtime;
    this.element = element;
    this.node = domNode(element);
    this.root = this.node.querySelector(".asn-block") || this.node;
    this.body = this.root.querySelector(".asn-body");
    this.live = this.root.querySelector(".asn-live");
    this.alert = this.root.querySelector(".asn-alert");
  }

  Client.prototype.url = function (handler) {
    return this.runtime.handlerUrl(this.element, handler);
  };

  /* POST JSON; resolves with {ok, status, data}. Never throws for HTTP errors. */
  Client.prototype.call = function (handler, payload) {
    var self = this;
    return fetch(self.url(handler), {
      method: "POST",
      credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrfToken(),
                "X-Requested-With": "XMLHttpRequest"},
      body: JSON.stringify(payload || {})
    }).then(function (response) {
      return response.text().then(function (text) {
        var data;
        try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
        return {ok: response.ok, status: response.status, data: data};
      });
    }, function () {
      return {ok: false, status: 0, data: null};
    });
  };

  Client.prototype.announce = function (message) {
    var live = this.live;
    if (!live) { return; }
    live.textContent = "";
    // a fresh text node after clearing makes screen readers announce repeated messages too
    global.setTimeout(function () { live.textContent = message; }, 50);
  };

  Client.prototype.showError = function (message, retry) {
    var box = this.alert;
    box.textContent = "";
    if (!message) { return; }
    box.appendChild(el("p", {}, [message]));
    if (retry) {
      box.appendChild(el("button", {type: "button", "class": "asn-button asn-retry-save", onclick: function () {
        box.textContent = ""; retry();
      }}, [gettext("Retry")]));
    }
  };

  Client.prototype.clearError = function () { this.alert.textContent = ""; };

  /* Message for a failed call: the server's own text, or a network message. */
  Client.prototype.errorText = function (result) {
    if (result.data && result.data.error) { return result.data.error; }
    if (result.status === 0) { return gettext("Not saved — the connection failed. Check your connection and retry."); }
    return gettext("Not saved — the server could not process the request. Please retry.");
  };

  Client.prototype.focus = function (node) {
    if (!node) { return; }
    if (!node.hasAttribute("tabindex") && !/^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/.test(node.tagName)) {
      node.setAttribute("tabindex", "-1");
    }
    node.focus({preventScroll: false});
  };

  /* The header every block shows: score, attempts, retry, notices. */
  function statusBar(client, payload, onRetry) {
    var parts = [];
    if (payload.score) {
      var label = payload.score.label;
      if (payload.score.pending) { label += " " + gettext("(reflections awaiting grading)"); }
      parts.push(el("p", {"class": "asn-score"}, [label]));
    }
    var a = payload.attempts || {};
    if (a.limit) {
      parts.push(el("p", {"class": "asn-attempts"}, [format(gettext("Attempts used: {used} of {limit}"), a)]));
    }
    if (payload.notice) {  /* the server's own sentence, e.g. staff viewing as a learner */
      parts.push(el("p", {"class": "asn-notice"}, [payload.notice]));
    }
    if (payload.past_due) {
      parts.push(el("p", {"class": "asn-notice"}, [gettext("The due date has passed: this exercise is closed.")]));
    }
    if (payload.can_retry && onRetry) {
      parts.push(el("button", {type: "button", "class": "asn-button asn-try-again", onclick: onRetry}, [gettext("Try again")]));
    } else if (payload.attempt && payload.attempt.finished && a.left === 0) {
      parts.push(el("p", {"class": "asn-notice"}, [gettext("You have used all your attempts.")]));
    }
    return el("div", {"class": "asn-status"}, parts);
  }

  /* A wide table in a region that scrolls sideways on a phone and can be scrolled by
   * keyboard (focusable, named by the table's caption). */
  function scrollRegion(table) {
    var caption = table.querySelector("caption");
    if (caption && !caption.id) { caption.id = uid("asn-caption"); }
    return el("div", {"class": "asn-scroll", role: "region", tabindex: "0",
                      "aria-labelledby": caption ? caption.id : null}, [table]);
  }

  /* A data table: caption, column headers, and each row's first cell as its row header.
   * A cell is text, a node, or a list of them. */
  function table(cls, caption, headers, rows) {
    function cell(tag, attrs, value) { return el(tag, attrs, Array.isArray(value) ? value : [value]); }
    return scrollRegion(el("table", {"class": "asn-table " + cls}, [
      el("caption", {}, [caption]),
      el("thead", {}, [el("tr", {}, headers.map(function (h) { return cell("th", {scope: "col"}, h); }))]),
      el("tbody", {}, rows.map(function (cells) {
        return el("tr", {}, cells.map(function (value, i) {
          return i ? cell("td", {}, value) : cell("th", {scope: "row"}, value);
        }));
      }))
    ]));
  }

  /* A competency table from the server's rows (core/competencies.py result_rows): the
   * numbers come as text in the page's language, and a result with items awaiting grading
   * says so in its result_text. `headers` lets a bundle without this file's strings (the
   * staff panel) pass its own translated column headers. */
  function competencyTable(rows, caption, headers) {
    if (!rows || !rows.length) { return null; }
    return table("asn-competencies", caption || gettext("Your result per competency"),
      headers || [gettext("Competency"), gettext("Points"), gettext("Result")], rows.map(function (row) {
        var pct = row.percent;
        var known = pct !== null && pct !== undefined;
        var percentText = row.percent_text || (known ? fmtPercent(pct) : "—");
        var result = [];
        if (known) {
          result.push(el("span", {"class": "asn-meter", role: "img", "aria-label": percentText},
            [el("span", {"class": "asn-meter-fill", style: "width:" + Math.max(0, Math.min(100, pct)) + "%"}, [])]));
          result.push(" ");
        }
        result.push(row.result_text || percentText);
        var points = row.points_text || (fmtNum(row.earned, 2) + " / " + fmtNum(row.possible, 2));
        return [row.label, points, result];
      }));
  }

  function isIndonesian() {
    return (document.documentElement.lang || "en").slice(0, 2).toLowerCase() === "id";
  }

  /* The server's rule (core/formatting.py format_number) for the few numbers the browser
   * computes itself: at most `decimals` places (1 unless given), whole numbers without
   * decimals, thousands grouped — "1.234,5" in Indonesian, "1,234.5" otherwise. */
  function fmtNum(n, decimals) {
    var places = decimals === undefined ? 1 : decimals;
    var value = Number(n);
    if (!isFinite(value)) { return String(n); }
    // toFixed rounds the exact value, a tie away from zero: as core/formatting.py does
    var fixed = Math.abs(value).toFixed(places);
    var rounded = Number(fixed);
    var parts = fixed.split(".");
    var whole = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    var fraction = (parts[1] || "").replace(/0+$/, "");
    var text = whole + (fraction ? "." + fraction : "");
    if (isIndonesian()) {
      text = text.replace(/[.,]/g, function (c) { return c === "," ? "." : ","; });
    }
    return (value < 0 && rounded !== 0 ? "-" : "") + text;
  }

  /* A percentage (0–100) as format_percent writes it: "33,3 %" in Indonesian, "33.3%" otherwise. */
  function fmtPercent(value) {
    return fmtNum(value) + (isIndonesian() ? " %" : "%");
  }

  /* The initial payload travels in a JSON script element inside the block's HTML. */
  function readPayload(element) {
    var node = domNode(element).querySelector("script.asn-init");
    try { return node ? JSON.parse(node.textContent) : {}; } catch (e) { return {}; }
  }

  /* An action's answer may leave out what the view held already has (the server's
   * trim_view, when the act named the revision held): every top-level key the view lacks,
   * and every key an entry of its map named in `trimmed` lacks, come from the held view. */
  function untrim(view, held) {
    var name = view && view.trimmed, had = name && held && held[name];
    if (had) {
      fill(view, held);
      Object.keys(view[name]).forEach(function (id) { fill(view[name][id], had[id] || {}); });
    }
  }
  function fill(to, from) {
    Object.keys(from).forEach(function (key) { if (!(key in to)) { to[key] = from[key]; } });
  }

  /* Shared life cycle: load state, render, act, retry. The controller draws the status bar
   * (and the notice when no attempt is left); a block's render(ctl, payload) draws its view. */
  function Controller(runtime, element, init, render) {
    var client = new Client(runtime, element);
    init.payload = init.payload || readPayload(element);
    var ctl = {client: client, payload: init.payload, busy: false};
    ctl.render = function (payload, focusTarget) {
      untrim(payload.view, ctl.payload.view);
      // an action's answer may leave the score out: only finishing or staff change it
      fill(payload, {score: ctl.payload.score});
      ctl.payload = payload;
      client.body.textContent = "";
      client.body.setAttribute("aria-busy", "false");
      if (payload.drift) {
        client.body.appendChild(el("div", {"class": "asn-drift"}, [
          el("p", {}, [payload.drift_message]),
          el("button", {type: "button", "class": "asn-button", onclick: ctl.retry}, [gettext("Start again")])
        ]));
        return;
      }
      // what every block's view begins with; the block draws the rest
      client.body.appendChild(statusBar(client, payload, payload.can_retry ? ctl.retry : null));
      if (payload.locked) {
        client.body.appendChild(el("p", {"class": "asn-notice"}, [gettext("You have used all your attempts.")]));
        return;
      }
      if (payload.view) { render(ctl, payload, focusTarget); }
    };
    ctl.reload = function (message) {
      return client.call("state", {}).then(function (result) {
        if (result.ok) { ctl.render(result.data); }
        if (message) { client.showError(message); }
      });
    };
    /* Send an action; on 409 reload the current state and say why; on failure offer retry. */
    ctl.act = function (action, onDone) {
      if (ctl.busy) { return Promise.resolve(null); }
      ctl.busy = true;
      client.clearError();
      // the step sends the latest work itself (a late draft would be refused); one already
      // on its way holds the learner's lock, so the step waits for it
      return ctl.flushDrafts(false).then(function () {
        return client.call("act", {version: ctl.payload.version, action: action, have: ctl.payload.rev});
      }).then(function (result) {
        ctl.busy = false;
        if (result.ok) {
          ctl.render(result.data, "step");
          if (onDone) { onDone(result.data); }
          return result.data;
        }
        if (result.status === 409) { return ctl.reload(client.errorText(result)); }
        client.showError(client.errorText(result), result.status === 0 || result.status >= 500 ? function () { ctl.act(action, onDone); } : null);
        return null;
      });
    };
    ctl.retry = function () {
      if (ctl.busy) { return; }
      ctl.busy = true;
      client.call("retry", {version: ctl.payload.version}).then(function (result) {
        ctl.busy = false;
        if (result.ok) {
          ctl.render(result.data, "start");
          client.announce(gettext("A new attempt has started."));
        } else if (result.status === 409) {
          ctl.reload(client.errorText(result));
        } else {
          client.showError(client.errorText(result), ctl.retry);
        }
      });
    };
    /* Drafts: debounced per key and sent in order (an older edit never lands after a newer
     * one). flushDrafts(true) sends what is pending now (leaving a screen); flushDrafts(false)
     * drops it (a step sends the latest work itself). A refusal says why; a failed
     * connection offers "retry". hooks: saved() after a save, conflict(message) on 409. */
    var timers = {}, pending = {}, chain = Promise.resolve();
    function sendDraft(key, draft, statusNode, hooks) {
      delete pending[key];
      chain = chain.then(function () {
        return client.call("draft", {version: ctl.payload.version, draft: draft});
      }).then(function (result) {
        statusNode.textContent = "";
        statusNode.className = "asn-draft-status";
        if (result.ok) {
          statusNode.textContent = gettext("Draft saved");
          if (hooks.saved) { hooks.saved(); }
          return;
        }
        statusNode.className += " asn-draft-failed";
        var reason = result.status >= 400 && result.status < 500 && result.data && result.data.error;
        if (reason) {
          statusNode.textContent = format(gettext("Not saved: {reason}"), {reason: reason});
          if (result.status === 409 && hooks.conflict) { hooks.conflict(reason); }
          return;
        }
        statusNode.appendChild(document.createTextNode(gettext("Not saved — ")));
        statusNode.appendChild(el("button", {type: "button", "class": "asn-link-button", onclick: function () {
          sendDraft(key, draft, statusNode, hooks);
        }}, [gettext("retry")]));
        client.announce(gettext("Your work was not saved. Check your connection and retry."));
      }).catch(function (error) { // a failing hook must not stop later drafts
        if (global.console) { global.console.error(error); }
      });
      return chain;
    }
    ctl.saveDraft = function (key, draft, statusNode, hooks) {
      global.clearTimeout(timers[key]);
      statusNode.className = "asn-draft-status";
      statusNode.textContent = gettext("Saving…");
      pending[key] = function () { sendDraft(key, draft, statusNode, hooks || {}); };
      timers[key] = global.setTimeout(function () {
        delete timers[key];
        if (pending[key]) { pending[key](); }
      }, 600);
    };
    ctl.flushDrafts = function (send) {
      Object.keys(timers).forEach(function (key) { global.clearTimeout(timers[key]); });
      var due = pending;
      timers = {};
      pending = {};
      if (send) { Object.keys(due).forEach(function (key) { due[key](); }); }
      return chain;
    };
    ctl.render(init.payload);
    if (init.payload.staff && typeof global.AsnStaffPanel === "function") {
      global.AsnStaffPanel(runtime, element, ctl);
    }
    return ctl;
  }

  global.AsnXBlocks = {
    gettext: gettext, ngettext: ngettext, format: format, el: el, uid: uid,
    Client: Client, Controller: Controller, readPayload: readPayload, domNode: domNode, scrollRegion: scrollRegion, table: table, competencyTable: competencyTable, fmtNum: fmtNum, fmtPercent: fmtPercent
  };
}(window));
