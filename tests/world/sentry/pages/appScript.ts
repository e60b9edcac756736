// The replica's client script, served at /_replica/app.js. It stands in for Sentry's
// React SPA: in-app links push history and swap #main's children for a fragment fetched
// with `X-Replica-Fragment: 1`; rows (and an issue page's header) re-render (new nodes) on `replica:rerender`;
// `lateRows` arrive ~300ms after load; row checkboxes toggle the bulk-action bar.
// Plain ES2019 in a string so the server can serve it without a bundler.

export const REPLICA_APP_JS = String.raw`(function () {
  'use strict';
  // The routes the replica serves as fragments: the issue list and an issue.
  var ROUTE = /^(?:\/organizations\/[^\/]+)?\/issues\/(?:\d+\/)?$/;
  // Test-world switches that stand for Sentry feature flags/user settings; they persist across navigation.
  var STICKY = ['layout', 'theme'];
  var ROW = '[data-test-id="group"]';
  var pristine = new Map();
  var pristineHeader = null;
  var selected = new Set();
  var navSeq = 0;
  var lastRerender = null;

  function main() { return document.getElementById('main'); }
  function state() {
    var node = document.getElementById('replica-state');
    try { return node ? JSON.parse(node.textContent || 'null') : null; } catch (e) { return null; }
  }
  function rowId(row) {
    var box = row.querySelector('input[aria-label="Select Issue"]');
    return box ? box.id : null;
  }
  function parseRow(html) {
    var t = document.createElement('template');
    t.innerHTML = /^<tr[\s>]/i.test(html) ? '<table><tbody>' + html + '</tbody></table>' : html;
    return t.content.querySelector(ROW);
  }
  function capture(rows) {
    rows.forEach(function (row) { var id = rowId(row); if (id) pristine.set(id, row.outerHTML); });
  }
  function restoreSelection(row) {
    var box = row.querySelector('input[aria-label="Select Issue"]');
    if (box) box.checked = selected.has(box.id);
  }

  function updateBulkBar() {
    var any = selected.size > 0;
    document.querySelectorAll('[data-sentry-component="ActionSet"]').forEach(function (bar) { bar.hidden = !any; });
    document.querySelectorAll('[data-sentry-component="Headers"]').forEach(function (h) { h.hidden = any; });
    var all = document.querySelector('input[aria-label="Select all issues"]');
    var boxes = document.querySelectorAll(ROW + ' input[aria-label="Select Issue"]');
    if (all) all.checked = boxes.length > 0 && selected.size === boxes.length;
  }

  function appendLateRows() {
    var tpl = document.getElementById('replica-late-rows');
    var body = document.querySelector('[data-sentry-component="GroupListBody"]');
    if (!tpl || !body) return;
    var rows = Array.prototype.slice.call(tpl.content.querySelectorAll(ROW));
    tpl.remove();
    rows.forEach(function (row) { var fresh = document.importNode(row, true); localizeCounts(fresh); body.appendChild(fresh); });
    capture(Array.prototype.slice.call(body.querySelectorAll(ROW)).slice(-rows.length));
  }

  // What React does while rendering Sentry's Count: a number's title in the user's locale (toLocaleString).
  function localizeCounts(root) {
    root.querySelectorAll('[data-replica-locale="number"]').forEach(function (span) {
      var n = Number(span.getAttribute('title'));
      if (isFinite(n)) span.setAttribute('title', n.toLocaleString());
      span.removeAttribute('data-replica-locale');
    });
  }

  // The issue page's header and the action bar after it, as first drawn.
  function headerNodes() {
    var header = document.querySelector('#main header[data-sentry-element="Header"]');
    var bar = header && header.nextElementSibling && header.nextElementSibling.querySelector('[role="banner"]') ? header.nextElementSibling : null;
    return header ? { header: header, bar: bar } : null;
  }

  function pageLoaded() {
    localizeCounts(document);
    var h = headerNodes();
    pristineHeader = h ? h.header.outerHTML + (h.bar ? h.bar.outerHTML : '') : null;
    pristine = new Map();
    selected = new Set();
    capture(Array.prototype.slice.call(document.querySelectorAll(ROW)));
    updateBulkBar();
    var st = state();
    if (document.getElementById('replica-late-rows')) {
      var seq = navSeq;
      setTimeout(function () { if (seq === navSeq) appendLateRows(); }, (st && st.lateRowDelayMs) || 300);
    }
  }

  // Like React reconciling a new key: every row (and the issue header) becomes a new node built from pristine markup.
  function rerender(event) {
    if (event === lastRerender) return;
    lastRerender = event;
    var h = headerNodes();
    if (h && pristineHeader) {
      var t = document.createElement('template');
      t.innerHTML = pristineHeader;
      localizeCounts(t.content);
      if (h.bar) h.bar.remove();
      h.header.replaceWith(t.content);
    }
    document.querySelectorAll(ROW).forEach(function (row) {
      var html = pristine.get(rowId(row) || '');
      var fresh = html ? parseRow(html) : null;
      if (!fresh) return;
      restoreSelection(fresh);
      localizeCounts(fresh);
      row.replaceWith(fresh);
    });
  }

  function navigate(url, push) {
    var seq = ++navSeq;
    if (push) history.pushState({ replica: true }, '', url.pathname + url.search + url.hash);
    return fetch(url.pathname + url.search, { headers: { 'X-Replica-Fragment': '1' }, credentials: 'same-origin' })
      .then(function (res) {
        var title = res.headers.get('X-Replica-Title');
        return res.text().then(function (html) { return { ok: res.ok, status: res.status, html: html, title: title }; });
      })
      .then(function (r) {
        if (seq !== navSeq) return;
        var root = main();
        if (!root) return;
        root.innerHTML = r.ok ? r.html : '<div role="alert">Request failed (' + r.status + ')</div>';
        if (r.title) document.title = decodeURIComponent(r.title);
        window.scrollTo(0, 0);
        pageLoaded();
      })
      .catch(function () {
        var root = main();
        if (seq === navSeq && root) root.innerHTML = '<div role="alert">Network error</div>';
      });
  }

  function appUrl(href) {
    try {
      var url = new URL(href, location.href);
      if (url.origin !== location.origin || !ROUTE.test(url.pathname)) return null;
      var here = new URL(location.href);
      STICKY.forEach(function (k) { if (here.searchParams.has(k) && !url.searchParams.has(k)) url.searchParams.set(k, here.searchParams.get(k)); });
      return url;
    } catch (e) { return null; }
  }

  document.addEventListener('click', function (e) {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    var target = e.target instanceof Element ? e.target : null;
    if (!target) return;
    var pager = target.closest('[data-sentry-component="Pagination"] button[aria-label]');
    if (pager) {
      var st = state();
      var cursor = st && (pager.getAttribute('aria-label') === 'Next' ? st.nextCursor : st.prevCursor);
      if (!cursor) return;
      var next = new URL(location.href);
      next.searchParams.set('cursor', cursor);
      e.preventDefault();
      navigate(next, true);
      return;
    }
    var sortButton = target.closest('[data-sentry-component="IssueListSortOptions"] > button');
    if (sortButton) {
      var menu = sortButton.parentElement && sortButton.parentElement.querySelector('[role="menu"]');
      if (menu) { menu.hidden = !menu.hidden; sortButton.setAttribute('aria-expanded', String(!menu.hidden)); }
      return;
    }
    var link = target.closest('a[href]');
    if (!link || link.target === '_blank' || link.hasAttribute('download')) return;
    var url = appUrl(link.getAttribute('href'));
    if (!url) return;
    e.preventDefault();
    navigate(url, true);
  });

  document.addEventListener('change', function (e) {
    var box = e.target;
    if (!(box instanceof HTMLInputElement)) return;
    if (box.getAttribute('aria-label') === 'Select Issue') {
      if (box.checked) selected.add(box.id); else selected.delete(box.id);
    } else if (box.getAttribute('aria-label') === 'Select all issues') {
      document.querySelectorAll(ROW + ' input[aria-label="Select Issue"]').forEach(function (b) {
        b.checked = box.checked;
        if (box.checked) selected.add(b.id); else selected.delete(b.id);
      });
    } else return;
    updateBulkBar();
  });

  document.addEventListener('keydown', function (e) {
    var input = e.target;
    if (e.key !== 'Enter' || !(input instanceof HTMLInputElement) || input.getAttribute('data-test-id') !== 'query-builder-input') return;
    if (!document.querySelector('[data-sentry-component="IssueListOverview"]')) return;
    var url = new URL(location.href);
    url.searchParams.set('query', input.value);
    url.searchParams.delete('cursor');
    e.preventDefault();
    navigate(url, true);
  });

  window.addEventListener('popstate', function () { navigate(new URL(location.href), false); });
  document.addEventListener('replica:rerender', rerender);
  window.addEventListener('replica:rerender', rerender);

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', pageLoaded);
  else pageLoaded();
})();
`;
