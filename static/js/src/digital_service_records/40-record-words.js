/* Digital service records bundle: the words a desk with records says where a desk of
 * requests says its own (00-kit.js, D.requestWords): for a record (D.recordWords) and for
 * the desk as a whole, whose tasks may be records and requests (D.archiveWords). */
(function (global) {
  "use strict";

  global.AsnXBlocks.desk.recordWords = function (D) {
    var _ = D.A.gettext;

    D.recordWords = {
      received: _("Dated: {date}"), documents: _("Documents of the record ({n})"), points: _("This record: {points}."),
      next: _("Next record: {title}"), note: _("Note on the record")
    };
    D.archiveWords = {
      wait: _("Submitted. The explanation is shown when every task in the queue is submitted."),
      scores: _("Score per task"), columns: [_("Task"), _("Service or record"), _("Points")],
      none: _("Every task in the queue has been submitted."),
      open: _("Open a task below to read the explanation of each part."),
      progress: _("{n} of {total} tasks submitted."),
      order: _("Ordered by date received, urgent tasks first within a day."),
      done: _("Every task is submitted. Your results are shown.")
    };
  };
}(window));
