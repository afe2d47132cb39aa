// Runs before the app's module (a deferred classic script, so it never holds up the first paint): checks that this browser can run the dosing core at all (ES modules,
// WebAssembly with native exception handling, and WebAssembly allowed by the page's Content-Security-Policy
// through 'wasm-unsafe-eval'), and says so plainly when it cannot, instead of failing half-way.
// A classic script, written for old engines too (no modern syntax), so that it runs where the app cannot.
(function () {
  // The smallest module that uses exceptions: one tag and a function with try ... catch.
  var withExceptions = [0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 13, 3, 1, 0, 0,
    10, 9, 1, 7, 0, 6, 64, 7, 0, 11, 11];
  var missing = '';
  try {
    if (!('noModule' in document.createElement('script'))) missing = 'JavaScript modules';
    else if (typeof WebAssembly !== 'object') missing = 'WebAssembly';
    else if (!WebAssembly.validate(new Uint8Array(withExceptions))) missing = 'WebAssembly exception handling';
    else new WebAssembly.Module(new Uint8Array(withExceptions)); // refused here if the CSP's 'wasm-unsafe-eval' is unknown
  } catch (error) {
    missing = missing || 'WebAssembly under this page\'s security policy (\'wasm-unsafe-eval\')';
  }
  if (!missing) return;
  document.documentElement.setAttribute('data-unsupported', 'true');
  function tell() {
    var boot = document.getElementById('boot-status');
    if (!boot) return;
    boot.textContent = 'This browser cannot run ketadose: it lacks ' + missing + '. No plan can be computed here. ' +
      'Use a current browser: Chrome or Edge 97 or later, Firefox 102 or later, or Safari 16 or later (iOS 16 or later).';
    boot.className = 'boot status status-refused';
    boot.setAttribute('role', 'alert');
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', tell); else tell();
}());
