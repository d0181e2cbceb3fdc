// The first script of every host page (see ./probe-types.ts for what it records): it runs before
// the widget and the framework, so it sees every console message, uncaught error and vlens-error.
/* global window, document, console */
(function () {
  var probe = (window.hostProbe = {
    console: [],
    uncaught: [],
    vlensErrors: [],
    registered: [],
    ready: false,
    serverElement: null,
  });
  function text(value) {
    if (value instanceof Error) return value.name + ': ' + value.message;
    if (typeof value === 'string') return value;
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  }
  ['error', 'warn'].forEach(function (level) {
    var original = console[level];
    console[level] = function () {
      probe.console.push({ level: level, text: Array.prototype.map.call(arguments, text).join(' ') });
      return original.apply(console, arguments);
    };
  });
  window.addEventListener('error', function (event) {
    probe.uncaught.push(text(event.error || event.message));
  });
  window.addEventListener('unhandledrejection', function (event) {
    probe.uncaught.push(text(event.reason));
  });
  document.addEventListener(
    'vlens-error',
    function (event) {
      probe.vlensErrors.push(event.detail);
    },
    true,
  );
})();
