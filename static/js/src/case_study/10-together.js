/* Integrity Case Study: learning together. How the learner's cohort chose each option of a
 * submitted question (the server sends a whole percent and its text, only once enough other
 * learners answered), and shared reflection answers: the consent checkbox next to the
 * answer, sent to share_answer right after the stage's submission succeeded; after
 * submission up to three peers' answers (text only, rendered as text, never as HTML), one
 * "Helpful" mark per reflection, and "Stop sharing my answer" while the server allows it.
 * Loaded before 20-case_study.js, which calls A.caseStudyTogether. */
(function (global) {
  "use strict";

  var A = global.AsnXBlocks, el = A.el, _ = A.gettext;

  /* Under an option of a submitted question: "38% of your cohort chose this", a bar beside. */
  function cohortNote(option) {
    var c = option.cohort;
    if (!c) { return null; }
    return el("p", {"class": "asn-cohort-share"}, [
      el("span", {"class": "asn-cohort-bar", "aria-hidden": "true"}, [
        el("span", {"class": "asn-cohort-fill", style: "width:" + Math.max(0, Math.min(100, c.percent)) + "%"}, [])]),
      el("span", {"class": "asn-cohort-text"}, [c.text])]);
  }

  /* Before submission: the consent checkbox, unchecked unless the learner ticks it. */
  function consentBox(prefix, item) {
    var id = prefix + "-" + item.id + "-share", hintId = id + "-hint";
    return el("div", {"class": "asn-share-consent"}, [
      el("div", {"class": "asn-share-line"}, [
        el("input", {type: "checkbox", id: id, "class": "asn-share-box", "data-share": item.id, "aria-describedby": hintId}),
        el("label", {"for": id}, [_("Share my answer anonymously with other learners")])]),
      el("p", {id: hintId, "class": "asn-hint"}, [_("Your name is never shown. You can stop sharing until your answer is graded.")])]);
  }

  /* The reflections whose box is ticked in a stage's section (read before it is sent). */
  function ticked(section) {
    return Array.prototype.filter.call(section.querySelectorAll("input[data-share]"), function (box) {
      return box.checked;
    }).map(function (box) { return box.getAttribute("data-share"); });
  }

  /* Call a sharing handler; on success re-render and put focus back in the reflection's
   * shared-answers region, announcing ``done``; a refusal is shown in the block's alert. */
  function send(ctl, handler, body, done) {
    if (ctl.busy) { return Promise.resolve(null); }
    ctl.busy = true;
    ctl.client.clearError();
    return ctl.client.call(handler, body).then(function (result) {
      ctl.busy = false;
      if (!result.ok) {
        if (result.status === 409) { return ctl.reload(ctl.client.errorText(result)); }
        ctl.client.showError(ctl.client.errorText(result));
        return null;
      }
      ctl.render(result.data);
      var region = ctl.client.body.querySelector('.asn-shared[data-item="' + body.reflection + '"] h5');
      ctl.client.focus(region);
      ctl.client.announce(done);
      return result.data;
    });
  }

  /* After the stage's submission succeeded: share each ticked reflection in turn. */
  function shareTicked(ctl, ids) {
    return ids.reduce(function (chain, id) {
      return chain.then(function () {
        return send(ctl, "share_answer", {reflection: id}, _("Your answer is shared anonymously."));
      });
    }, Promise.resolve(null));
  }

  function peerView(ctl, item, peer, index, canMark) {
    var headingId = "asn-peer-" + item.id + "-" + index + "-" + A.uid("p");
    var parts = [
      el("h6", {id: headingId, "class": "asn-peer-title"}, [A.format(_("Answer {n}"), {n: index + 1}),
        peer.featured ? el("span", {"class": "asn-featured"}, [_("Featured by the course team")]) : null]),
      // learner text: a text node, never HTML
      el("p", {"class": "asn-learner-text asn-peer-text"}, [peer.text]),
      el("p", {"class": "asn-peer-helpful"}, [peer.helpful_text])];
    if (peer.marked) {
      parts.push(el("p", {"class": "asn-peer-marked"}, [_("You marked this answer as helpful.")]));
    } else if (canMark) {
      parts.push(el("button", {type: "button", "class": "asn-button asn-helpful", "aria-describedby": headingId,
        onclick: function () {
          send(ctl, "mark_helpful", {reflection: item.id, answer: peer.id}, _("Marked as helpful"));
        }}, [_("Mark as helpful")]));
    }
    return el("li", {"class": "asn-peer" + (peer.featured ? " asn-peer-featured" : "")}, parts);
  }

  /* After submission: the learner's own sharing state and the peers' answers. */
  function sharedView(ctl, item) {
    var s = item.share;
    if (!s || !s.offered || s.peers === undefined) { return null; }
    var parts = [el("h5", {}, [s.scope || _("Answers shared by other learners")])];
    if (s.shared) {
      parts.push(el("p", {"class": "asn-share-state"}, [_("Your answer is shared anonymously.")]));
      if (s.can_withdraw) {
        parts.push(el("button", {type: "button", "class": "asn-button asn-withdraw", onclick: function () {
          send(ctl, "withdraw_answer", {reflection: item.id}, _("Your answer is no longer shared."));
        }}, [_("Stop sharing my answer")]));
      }
    }
    parts.push(s.peers.length ? el("ul", {"class": "asn-peers"}, s.peers.map(function (peer, index) {
      return peerView(ctl, item, peer, index, !s.marked);
    })) : el("p", {"class": "asn-hint"}, [_("No other learner has shared an answer yet.")]));
    return el("section", {"class": "asn-shared", "data-item": item.id}, parts);
  }

  A.caseStudyTogether = {cohortNote: cohortNote, consentBox: consentBox, ticked: ticked,
    shareTicked: shareTicked, sharedView: sharedView};
}(window));
