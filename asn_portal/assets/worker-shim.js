/*
 * worker-shim.js - run classic Web Workers from file:// pages.
 *
 * Why: Chromium refuses `new Worker("file:///...")` (SecurityError: the page's
 * origin is "null"), so Material for MkDocs' search worker never starts and the
 * search box stays at "Initializing search". Fetch/XHR of file:// URLs is
 * blocked as well, which is why the search index is shipped as a script
 * (search/search_index.js, `var __index = {...}`) in offline builds.
 *
 * What: when (and only when) the page is opened via file://, window.Worker is
 * replaced by FileWorker, which runs the worker script inside a hidden,
 * same-origin <iframe> (about:blank inherits the page's origin, and classic
 * <script src="file:..."> loads are allowed). Inside the iframe it provides the
 * worker globals the script needs:
 *   postMessage(data)     -> delivered (cloned, async) to the Worker object
 *   "message" events      <- Worker#postMessage(data) (cloned into the iframe)
 *   importScripts(...u)   -> loads the scripts via <script async=false> tags (fetched
 *                            in parallel, run IN ORDER) and returns a Promise (real importScripts is
 *                            synchronous; that is impossible here). The search
 *                            worker and engine (search-worker.js, search-engine.js)
 *                            wrap the call in Promise.resolve, so they wait either way.
 *   close()               -> terminate()
 * Relative URLs (for importScripts) resolve against the worker script URL, as
 * in a real worker. Messages posted before the worker script has finished
 * loading are queued. Errors thrown in the worker are re-dispatched as
 * ErrorEvent "error" on the Worker object (and onerror is called).
 *
 * Limits: no real parallelism (worker code runs on the page's thread), no
 * module workers ({type: "module"} throws), no transferables, and code that
 * uses importScripts() results synchronously on the next line will not work.
 *
 * Usage: the offline build lists it first in Material's `extra.polyfills`
 * (asn_portal/offline.py), so it loads before bundle.*.min.js. A no-op on http(s):.
 * License: same as the surrounding project. Written from scratch; the approach
 * (iframe host, promise-returning importScripts) follows the MIT-licensed
 * `iframe-worker` package by Martin Donath.
 */
(function () {
  "use strict";
  if (typeof window === "undefined" || location.protocol !== "file:") return;

  // Load one script into the given document; resolves after it has executed. Scripts added
  // together download in parallel and still run in the order they were added (async = false).
  function loadScript(doc, src) {
    return new Promise(function (resolve, reject) {
      var script = doc.createElement("script");
      script.async = false;
      script.src = src;
      script.onload = function () { resolve(); };
      script.onerror = function () {
        reject(new Error("worker-shim: failed to load " + src));
      };
      (doc.head || doc.documentElement).appendChild(script);
    });
  }

  class FileWorker extends EventTarget {
    constructor(url, options) {
      super();
      if (options && options.type === "module")
        throw new TypeError("worker-shim: module workers are not supported");
      var self = this;
      var src = new URL(String(url), document.baseURI).href;
      this.onmessage = this.onerror = this.onmessageerror = null;

      // Hidden iframe hosting the worker's global scope
      var frame = document.createElement("iframe");
      frame.hidden = true;
      frame.tabIndex = -1;
      frame.setAttribute("aria-hidden", "true");
      (document.body || document.documentElement).appendChild(frame);
      this._frame = frame;
      var win = frame.contentWindow, doc = win.document;

      // Relative URLs inside the worker resolve against the script URL
      var base = doc.createElement("base");
      base.href = src;
      doc.head.appendChild(base);

      // Worker-side globals
      win.postMessage = function (data) {
        var copy = structuredClone(data);            // clone into page realm
        setTimeout(function () {
          if (self._frame) self._emit(new MessageEvent("message", { data: copy }));
        });
      };
      win.importScripts = function () {              // in order, as a worker runs them
        var urls = Array.prototype.slice.call(arguments);
        return Promise.all(urls.map(function (u) {
          return loadScript(doc, new URL(String(u), src).href);
        })).then(function () {});
      };
      win.close = function () { self.terminate(); };
      win.addEventListener("error", function (ev) {
        self._emit(new ErrorEvent("error", {
          message: ev.message, filename: ev.filename,
          lineno: ev.lineno, colno: ev.colno, error: ev.error
        }));
      });

      // Start the worker script; messages wait for it
      this._ready = loadScript(doc, src);
      this._ready.catch(function () {
        if (self._frame) self._emit(new Event("error"));
      });
    }

    // Page -> worker
    postMessage(data) {
      var frame = this._frame;
      if (!frame) return;
      var win = frame.contentWindow;
      var copy = (win.structuredClone || structuredClone)(data); // worker realm
      this._ready.then(function () {
        if (frame.isConnected)
          win.dispatchEvent(new win.MessageEvent("message", { data: copy }));
      }, function () {});
    }

    terminate() {
      if (this._frame) this._frame.remove();
      this._frame = null;
    }

    // Dispatch to listeners, then to the on<type> handler property
    _emit(ev) {
      this.dispatchEvent(ev);
      var handler = this["on" + ev.type];
      if (typeof handler === "function") handler.call(this, ev);
    }
  }

  window.Worker = FileWorker;
})();
