package serve

// liveJS is the live-reload client, served at basePath + "_casebook/live.js"
// and loaded by the tag injected into every HTML response. Its own <script>
// tag carries the page's URL (data-casebook-page) and the event stream's URL
// (data-casebook-events). It uses no innerHTML: diagnostics are inserted as
// text, so a message can never inject markup.
//
// A page whose HTML changed is updated in place: the script fetches the new
// HTML and morphs the document into it, keeping every element that is
// still there, so the scroll position, the focus and what a reader typed
// stay. It runs as the body is parsed, before the page's deferred scripts,
// and keeps a copy of the document as served; a page that no longer
// matches that copy when an update comes (a script built part of it, a
// reader opened something) is reloaded instead, as is one whose scripts or
// stylesheets changed, since morphing would leave them stale.
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

  // ours: the nodes this script adds to a page, which no update touches.
  function ours(n) {
    return n.nodeType === 1 && (n.hasAttribute("data-casebook-events") || n.hasAttribute("data-casebook-overlay"));
  }
  // children leaves out whitespace between elements too: the parser puts
  // what follows </body> into the body after this script has run.
  function children(n) {
    return Array.prototype.filter.call(n.childNodes, function (c) {
      return !ours(c) && !(c.nodeType === 3 && !/\S/.test(c.nodeValue));
    });
  }
  // same compares two trees, leaving out this script's own nodes.
  function same(a, b) {
    if (a.nodeType !== b.nodeType || a.nodeName !== b.nodeName) return false;
    if (a.nodeType !== 1) return a.nodeValue === b.nodeValue;
    if (a.attributes.length !== b.attributes.length) return false;
    for (var i = 0; i < a.attributes.length; i++) {
      if (b.getAttribute(a.attributes[i].name) !== a.attributes[i].value) return false;
    }
    var ac = children(a), bc = children(b);
    if (ac.length !== bc.length) return false;
    for (var j = 0; j < ac.length; j++) if (!same(ac[j], bc[j])) return false;
    return true;
  }
  // code lists what runs or styles a part of a page: morphing cannot
  // start a new script or stylesheet the way loading the page does.
  // Templates, noscript and base are compared whole too: morphing does
  // not look inside the first two, and the last changes every link.
  function code(root) {
    var found = root.querySelectorAll("script, style, link[rel~=stylesheet], template, noscript, base");
    return Array.prototype.filter.call(found, function (e) {
      var type = e.getAttribute("type");
      return !ours(e) && !(e.nodeName === "SCRIPT" && type && !/javascript|module/i.test(type));
    }).map(function (e) { return e.outerHTML; }).join("\n");
  }
  // fit reports whether a live node can be morphed into b rather than replaced.
  function fit(a, b) {
    return a.nodeType === b.nodeType && a.nodeName === b.nodeName && (a.nodeType !== 1 || a.id === b.id);
  }
  function morph(a, b) {
    if (a.nodeType !== 1) {
      if (a.nodeValue !== b.nodeValue) a.nodeValue = b.nodeValue;
      return;
    }
    attributes(a, b);
    morphChildren(a, b);
  }
  function attributes(a, b) {
    Array.prototype.slice.call(a.attributes).forEach(function (at) {
      if (!b.hasAttribute(at.name)) a.removeAttribute(at.name);
    });
    Array.prototype.forEach.call(b.attributes, function (at) {
      if (a.getAttribute(at.name) !== at.value) a.setAttribute(at.name, at.value);
    });
  }
  // morphChildren makes a's children b's, keeping every child of a that is
  // in b at the same place, or one further on with the same id (moving an
  // element takes the focus from it, so the focus stays where nothing
  // moves). This script's own nodes in b, such as its tag in the fetched
  // page, are left out: the page has them already.
  function morphChildren(a, b) {
    var cur = a.firstChild;
    var want = Array.prototype.filter.call(b.childNodes, function (n) { return !ours(n); });
    function skipOurs() { while (cur && ours(cur)) cur = cur.nextSibling; }
    for (var i = 0; i < want.length; i++) {
      var n = want[i];
      skipOurs();
      // A node removed before an unchanged one: drop it.
      if (cur && !same(cur, n) && cur.nextSibling && same(cur.nextSibling, n)) {
        var gone = cur;
        cur = cur.nextSibling;
        a.removeChild(gone);
      }
      if (cur && fit(cur, n) && !(want[i + 1] && same(cur, want[i + 1]) && !same(cur, n))) {
        morph(cur, n);
        cur = cur.nextSibling;
        continue;
      }
      var moved = n.nodeType === 1 && n.id ? document.getElementById(n.id) : null;
      if (moved && moved.parentNode === a && cur && cur.compareDocumentPosition(moved) & Node.DOCUMENT_POSITION_FOLLOWING) {
        a.insertBefore(moved, cur);
        morph(moved, n);
        continue;
      }
      a.insertBefore(document.importNode(n, true), cur);
    }
    skipOurs();
    while (cur) {
      var next = cur.nextSibling;
      if (!ours(cur)) a.removeChild(cur);
      cur = next;
    }
  }

  // served is the document as the server sent it, copied before the
  // page's deferred scripts run. A page with a script that may run before
  // this one (inline, async, or neither deferred nor a module) may have
  // changed itself already, unseen: it always reloads.
  var served = document.documentElement.cloneNode(true);
  var early = Array.prototype.some.call(document.scripts, function (e) {
    var type = e.getAttribute("type");
    if (ours(e) || (type && !/javascript|module/i.test(type))) return false; // data, not code
    return e.async || !(/module/i.test(type || "") || (e.src && e.defer));
  });
  var headParts = "title, meta, link:not([rel~=stylesheet])";
  // bare is a head without its title, meta and link elements, which an
  // update replaces; anything else that differs calls for a reload.
  function bare(head) {
    var c = head.cloneNode(true);
    Array.prototype.forEach.call(c.querySelectorAll(headParts), function (e) { e.remove(); });
    return c;
  }
  var updating = false, again = false;
  // update brings the page up to date with the server's HTML in place, or
  // reloads it when that cannot be done faithfully.
  function update() {
    if (early) { reload(); return; }
    if (updating) { again = true; return; }
    updating = true;
    fetch(location.href, { cache: "no-store", credentials: "same-origin" }).then(function (r) {
      if (!r.ok || !/text\/html/.test(r.headers.get("Content-Type") || "")) throw new Error("HTTP " + r.status);
      return r.text();
    }).then(function (html) {
      var doc = new DOMParser().parseFromString(html, "text/html");
      var old = served;
      if (code(doc.documentElement) !== code(old) || !same(bare(old.querySelector("head")), bare(doc.head)) ||
        !same(document.body, old.querySelector("body"))) throw new Error("reload");
      served = doc.documentElement.cloneNode(true);
      attributes(document.documentElement, doc.documentElement);
      morphHead(old.querySelector("head"), doc.head);
      morph(document.body, doc.body);
      updating = false;
      if (again) { again = false; update(); }
    }).catch(reload);
  }
  // morphHead replaces the title, meta and link elements; the rest of the
  // head is the same (see bare).
  function morphHead(old, next) {
    if (same(old, next)) return;
    document.title = next.querySelector("title") ? next.querySelector("title").textContent : "";
    var parts = "meta, link:not([rel~=stylesheet])";
    Array.prototype.forEach.call(document.head.querySelectorAll(parts), function (m) { m.remove(); });
    Array.prototype.forEach.call(next.querySelectorAll(parts), function (m) {
      document.head.appendChild(document.importNode(m, true));
    });
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
    overlay.setAttribute("data-casebook-overlay", "");
    overlay.setAttribute("aria-labelledby", "casebook-overlay-title");
    overlay.setAttribute("aria-describedby", "casebook-overlay-intro");
    overlay.tabIndex = -1;
    // The errors, which stop the build, come first: a new site's
    // placeholder warnings must not bury the one line to fix.
    var errors = diags.filter(function (d) { return d.severity !== "warning"; });
    var warnings = diags.filter(function (d) { return d.severity === "warning"; });
    diags = errors.concat(warnings);
    var count = function (n, one, many) { return n + " " + (n === 1 ? one : many); };
    var h = el("h2", "casebook could not rebuild the site: " + count(errors.length, "error", "errors") +
      (warnings.length ? " (and " + count(warnings.length, "warning", "warnings") + ")" : ""),
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
    if (page === "*" || urls.indexOf("all") >= 0) reload();
    else if (urls.indexOf(page) >= 0 || urls.indexOf(location.pathname) >= 0) update();
  });
  es.addEventListener("css", swapCSS);
  es.addEventListener("error", function (e) {
    if (e.data === undefined) return;  // a connection error, not our event; EventSource retries
    showOverlay(data(e).diagnostics || []);
  });
  es.addEventListener("ok", removeOverlay);
})();
`
