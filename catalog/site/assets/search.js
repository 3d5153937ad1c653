/* Hiraku catalog: search and filters on the index page, copy buttons on dataset pages.
   No framework; the pages work without this file (the search form stays hidden). */
(function () {
  'use strict';

  // Copy buttons next to each download URL (shown only when the clipboard is available).
  document.querySelectorAll('button.copy').forEach(function (button) {
    if (!navigator.clipboard) { return; }
    button.hidden = false;
    button.addEventListener('click', function () {
      navigator.clipboard.writeText(button.dataset.copy).then(function () {
        var label = button.textContent;
        button.textContent = button.dataset.copied;
        setTimeout(function () { button.textContent = label; }, 2000);
      });
    });
  });

  var form = document.getElementById('search');
  var list = document.getElementById('results');
  if (!form || !list) { return; }
  var count = document.getElementById('result-count');
  var query = form.querySelector('#q');
  var sort = form.querySelector('#sort');
  var lang = document.documentElement.lang || 'ja';
  var items = {};
  list.querySelectorAll('li[data-id]').forEach(function (li) { items[li.dataset.id] = li; });
  var none = document.createElement('li');
  none.className = 'none';
  none.textContent = form.dataset.none;

  // NFKC, lower case, katakana as hiragana (ァ..ヶ → ぁ..ゖ): as the search index is written (SearchIndex.normalized)
  function normalize(text) {
    return (text || '').normalize('NFKC').toLowerCase().replace(/[\u30A1-\u30F6]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0x60);
    });
  }

  function checked() {
    var selected = {};
    form.querySelectorAll('input[type=checkbox]:checked').forEach(function (box) {
      (selected[box.name] = selected[box.name] || []).push(box.value);
    });
    return selected;
  }

  // A dataset passes a facet when it has any of the facet's checked values (OR within, AND across).
  function passes(entry, selected, except) {
    return Object.keys(selected).every(function (facet) {
      if (facet === except) { return true; }
      var values = entry.facets[facet] || [];
      return selected[facet].some(function (v) { return values.indexOf(v) >= 0; });
    });
  }

  function start(index) {
    var entries = index.datasets.filter(function (e) { return items[e.id]; });
    readUrl();
    form.hidden = false;

    function update() {
      var terms = normalize(query.value).split(/\s+/).filter(Boolean);
      var selected = checked();
      var byText = entries.filter(function (e) {
        return terms.every(function (term) { return e.text.indexOf(term) >= 0; });
      });
      var shown = byText.filter(function (e) { return passes(e, selected, null); });
      var order = shown.slice().sort(sort.value === 'name'
        ? function (a, b) { return (a.title[lang] || '').localeCompare(b.title[lang] || '', lang); }
        : function (a, b) { return a.modified < b.modified ? 1 : a.modified > b.modified ? -1 : 0; });
      Object.keys(items).forEach(function (id) { items[id].hidden = true; });
      order.forEach(function (e) { items[e.id].hidden = false; list.appendChild(items[e.id]); });
      if (order.length === 0) { list.appendChild(none); } else if (none.parentNode) { none.remove(); }
      count.textContent = form.dataset.countTemplate.replace('{0}', order.length);
      // Each option's count: the datasets it would show, given the words and the other facets.
      form.querySelectorAll('input[type=checkbox]').forEach(function (box) {
        var n = byText.filter(function (e) {
          return passes(e, selected, box.name) && (e.facets[box.name] || []).indexOf(box.value) >= 0;
        }).length;
        box.parentNode.querySelector('.n').textContent = '(' + n + ')';
      });
      writeUrl(selected);
    }

    form.addEventListener('input', update);
    form.addEventListener('change', update);
    form.addEventListener('submit', function (event) { event.preventDefault(); update(); });
    form.addEventListener('reset', function () { setTimeout(update, 0); });
    update();
  }

  // The search lives in the URL (?q=…&department=…&sort=name) so it can be bookmarked and shared.
  function readUrl() {
    var params = new URLSearchParams(location.search);
    query.value = params.get('q') || '';
    if (params.get('sort')) { sort.value = params.get('sort'); }
    form.querySelectorAll('input[type=checkbox]').forEach(function (box) {
      box.checked = params.getAll(box.name).indexOf(box.value) >= 0;
    });
  }

  function writeUrl(selected) {
    var params = new URLSearchParams();
    if (query.value) { params.set('q', query.value); }
    Object.keys(selected).forEach(function (facet) {
      selected[facet].forEach(function (v) { params.append(facet, v); });
    });
    if (sort.value !== 'modified') { params.set('sort', sort.value); }
    var search = params.toString();
    history.replaceState(null, '', search ? '?' + search : location.pathname);
  }

  fetch(form.dataset.index)
    .then(function (response) { return response.json(); })
    .then(start)
    .catch(function () { /* no index: the full list stays, as without JavaScript */ });
}());
