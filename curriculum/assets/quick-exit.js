/* curriculum quick exit: leave the site at once for a neutral page (plugin option `quick_exit`, docs/authoring.md).
   A click on the button, or Escape pressed twice within a second, replaces the current history entry with the
   neutral page (location.replace), so Back does not return to this page. Earlier entries of the session and the
   browser's history list are not touched: no page can erase them. Loads nothing; the button is a plain link to the
   same page, so it still leaves (as an ordinary navigation) if this script does not run. */
(function () {
  "use strict";
  var link = document.querySelector("a[data-quick-exit]");
  if (!link) return;
  var target = link.href, last = 0, WINDOW_MS = 1000;

  function leave(event) {
    if (event) event.preventDefault();
    document.documentElement.hidden = true;  // nothing of the page stays on screen while the next one loads
    window.location.replace(target);
  }

  link.addEventListener("click", leave);
  window.addEventListener("keydown", function (event) {
    if ((event.key !== "Escape" && event.key !== "Esc") || event.repeat) return;
    var now = Date.now();
    if (now - last <= WINDOW_MS) leave(event);
    else last = now;
  }, true);  // capture: the search dialog's own Escape handling cannot swallow it
})();
