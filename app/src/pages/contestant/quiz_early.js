// The quiz before the app's WebAssembly has loaded (seconds on a slow phone): the clock runs from
// the first paint, every choice is saved at once (in order, per question), and "Nộp bài" asks for
// confirmation and posts the form. Once the app runs the page (`data-live` on <html>), it stops
// and the app takes over from `window.hoithiEarly`. When the app itself put the page in (a link
// followed after the app started, `data-app`), there is nothing to do.
(function () {
  var root = document.documentElement;
  var script = document.currentScript;
  var page = script && script.closest('[data-testid=attempt-page]');
  if (root.dataset.app || root.dataset.live || !page) return;
  var form = page.querySelector('form');
  var left = Number(page.querySelector('[data-testid=time-left]').dataset.remainingMs);
  var early = (window.hoithiEarly = {
    attempt: page.dataset.attempt,
    t0: Date.now(),
    chosen: {},
    idle: Promise.resolve(),
  });
  var box = form.querySelector('[name=confirm]');
  if (box) box.required = false;

  function two(n) {
    return (n < 10 ? '0' : '') + n;
  }
  function countdown(ms) {
    var s = Math.ceil(Math.max(0, ms) / 1000);
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60);
    return (h > 0 ? h + ':' + two(m) : two(m)) + ':' + two(s % 60);
  }
  var timer = setInterval(function () {
    if (root.dataset.live) return clearInterval(timer);
    var text = countdown(left - (Date.now() - early.t0));
    page.querySelectorAll('[data-clock]').forEach(function (el) {
      el.textContent = text;
    });
  }, 250);

  var chains = {};
  form.addEventListener('change', function (e) {
    var match = /^q(\d+)$/.exec(e.target.name || '');
    if (root.dataset.live || !match) return;
    var position = match[1];
    var chosen = [];
    form.querySelectorAll('input[name="q' + position + '"]').forEach(function (input) {
      if (input.checked) chosen.push(Number(input.value));
    });
    early.chosen[position] = chosen;
    var status = form.querySelector('[data-testid="save-status-' + position + '"]');
    status.textContent = form.dataset.saving;
    var body = new URLSearchParams({
      attempt_id: page.dataset.attempt,
      position: position,
      chosen: chosen.join(','),
    });
    var save = function () {
      return fetch('/api/contestant/answer', { method: 'POST', body: body, credentials: 'same-origin' }).then(
        function (res) {
          status.textContent = res.ok ? form.dataset.saved : form.dataset.failed;
        },
        function () {
          status.textContent = form.dataset.failed;
        }
      );
    };
    chains[position] = (chains[position] || Promise.resolve()).then(save);
    early.idle = Promise.all(
      Object.keys(chains).map(function (k) {
        return chains[k];
      })
    );
  });

  form.addEventListener('submit', function (e) {
    if (root.dataset.live || !e.submitter || e.submitter.value !== 'submit') return;
    e.preventDefault();
    if (!window.confirm(form.dataset.confirm)) return;
    if (box) box.checked = true;
    var action = document.createElement('input');
    action.type = 'hidden';
    action.name = 'action';
    action.value = 'submit';
    form.appendChild(action);
    early.idle.then(function () {
      form.submit();
    });
  });
})();
