package serve

// liveJS is the live-reload client, served at basePath + "_casebook/live.js"
// and loaded by the tag injected into every HTML response. Its own <script>
// tag carries the page's URL (data-casebook-page) and the event stream's URL
// (data-casebook-events). It uses no innerHTML: diagnostics are inserted as
// text, so a message can never inject markup.
const liveJS = `(function () {
  "use strict";
  var me = document.currentScript;
  if (!me || window.__casebookLive) return;
  window.__casebookLive = true;
  var page = me.getAttribute("data-casebook-page");
  var events = me.getAttribute("data-casebook-events");
  var scrollKey = "casebook-scroll:" + location.pathname;
  var build = me.getAttribute("data-casebook-build");

  function restoreScroll() {
    var y;
    try { y = sessionStorage.getItem(scrollKey); sessionStorage.removeItem(scrollKey); } catch (e) { return; }
    if (y !== null) window.scrollTo(0, Number(y) || 0);
  }
  if (document.readyState === "complete") restoreScroll();
  else window.addEventListener("load", restoreScroll);

  function reload() {
    try { sessionStorage.setItem(scrollKey, String(window.scrollY)); } catch (e) {}
    location.reload();
  }

  function swapCSS() {
    var links = document.querySelectorAll('link[rel~="stylesheet"][href]');
    Array.prototype.forEach.call(links, function (link) {
      var url = new URL(link.href, location.href);
      if (url.origin !== location.origin) return;
      url.searchParams.set("casebook-reload", String(Date.now()));
      var fresh = link.cloneNode(false);
      fresh.href = url.href;
      fresh.onload = function () { link.remove(); };
      fresh.onerror = function () { fresh.remove(); };
      link.after(fresh);
    });
  }

  var overlay = null;
  function el(tag, text, style) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    if (style) e.setAttribute("style", style);
    return e;
  }
  // withCode appends text to parent, showing the parts between backticks
  // (\x60) as code, the way the terminal's messages mark them.
  function withCode(parent, text) {
    var parts = text.split("\x60");
    if (parts.length % 2 === 0) parts = [text]; // a lone backtick is text
    parts.forEach(function (part, i) {
      if (!part) return;
      parent.appendChild(i % 2 ? el("code", part, "font:15px/1.4 ui-monospace,monospace;background:#f2f2f2;padding:0 .2rem") :
        document.createTextNode(part));
    });
    return parent;
  }
  function removeOverlay() {
    if (overlay) { overlay.remove(); overlay = null; }
  }
  function showOverlay(diags) {
    removeOverlay();
    // As tall as its messages, up to the window's height, so a short
    // message does not fill the screen with white.
    overlay = el("div", "", "position:fixed;top:1rem;left:1rem;right:1rem;max-height:calc(100vh - 2rem);" +
      "max-width:52rem;margin:0 auto;box-sizing:border-box;z-index:2147483647;overflow:auto;" +
      "background:#fff;color:#111;border:4px solid #b00020;border-radius:6px;padding:1.25rem 1.5rem;" +
      "font:16px/1.5 system-ui,sans-serif;box-shadow:0 0 0 100vmax rgba(0,0,0,.55);text-align:left");
    overlay.setAttribute("role", "alertdialog");
    overlay.setAttribute("aria-labelledby", "casebook-overlay-title");
    overlay.setAttribute("aria-describedby", "casebook-overlay-intro");
    overlay.tabIndex = -1;
    var h = el("h2", diags.length === 1 ? "casebook could not rebuild the site: 1 problem" :
      "casebook could not rebuild the site: " + diags.length + " problems",
      "margin:0 0 .5rem;font-size:1.4rem;color:#8a0016");
    h.id = "casebook-overlay-title";
    overlay.appendChild(h);
    var intro = el("p", "You are looking at the last version that built. Fix the problems below and save; " +
      "this message goes away by itself.", "margin:0 0 1rem");
    intro.id = "casebook-overlay-intro";
    overlay.appendChild(intro);
    var list = el("ol", "", "margin:0;padding-left:1.5rem");
    diags.forEach(function (d) {
      var li = el("li", "", "margin:0 0 1rem");
      li.appendChild(el("code", d.location, "font:bold 15px/1.4 ui-monospace,monospace;background:#f2f2f2;color:#111;padding:0 .25rem"));
      li.appendChild(el("span", " " + (d.severity === "warning" ? "Warning" : "Error") + ": ", "font-weight:bold"));
      li.appendChild(withCode(el("span"), d.message));
      if (d.hint) li.appendChild(withCode(el("p", "Hint: ", "margin:.25rem 0 0;color:#222"), d.hint));
      list.appendChild(li);
    });
    overlay.appendChild(list);
    var hide = el("button", "Hide this message", "margin-top:.5rem;font:inherit;padding:.25rem .75rem");
    hide.type = "button";
    hide.onclick = removeOverlay;
    overlay.appendChild(hide);
    (document.body || document.documentElement).appendChild(overlay);
    overlay.focus();
  }

  function data(e) { try { return JSON.parse(e.data); } catch (x) { return {}; } }
  var es = new EventSource(events);
  es.addEventListener("hello", function (e) {
    var b = data(e).build;
    if (b !== build) reload();  // the site changed since this page was served
  });
  es.addEventListener("build", function (e) { build = data(e).build; });
  es.addEventListener("reload", function (e) {
    var urls = data(e).urls || [];
    if (page === "*" || urls.indexOf("all") >= 0 || urls.indexOf(page) >= 0 || urls.indexOf(location.pathname) >= 0) reload();
  });
  es.addEventListener("css", swapCSS);
  es.addEventListener("error", function (e) {
    if (e.data === undefined) return;  // a connection error, not our event; EventSource retries
    showOverlay(data(e).diagnostics || []);
  });
  es.addEventListener("ok", removeOverlay);
})();
`
