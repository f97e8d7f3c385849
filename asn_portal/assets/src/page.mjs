/* asn-portal: running code on every page, and loading a script when it is first needed.
 *
 * Material's instant navigation swaps the page's content without reloading the scripts: code that
 * sets up a page runs again after every swap (Material's document$), or once the page is ready when
 * instant navigation is off. Scripts loaded later (the search's stemmer and engine for the filter,
 * a long listing's chunks) are plain <script src> put in <head>: fetch and XHR fail from file://. */

// Run `init` on every page: after each instant-navigation swap (Material's document$), else once
// the page is ready.
export function onEveryPage(init) {
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
}

const loads = {};  // absolute script URL -> Promise, kept across instant-navigation page swaps

// A script by URL, once (a failed load may be tried again): a Promise.
export function loadScript(href) {
  const url = new URL(href, document.baseURI).href;
  if (!loads[url]) {
    loads[url] = new Promise(function (resolve, reject) {
      const script = document.createElement("script");
      script.src = url;
      script.onload = resolve;
      script.onerror = function () {
        delete loads[url];  // a later attempt may succeed
        if (script.parentNode) script.parentNode.removeChild(script);
        reject(new Error(url));
      };
      document.head.appendChild(script);
    });
  }
  return loads[url];
}
