/* Instructor review panel (course staff only; every handler re-checks on the server). */
(function (global) {
  "use strict";
  global.AsnStaffPanel = function () {};
}(window));
