/*
 * asn-portal's search worker. The plugin serves it at the path Material for MkDocs' __config names
 * for its own search worker, so Material's search box, result list and keyboard shortcuts stay as
 * they are while the answers come from asn-portal's sharded index.
 *
 * It speaks Material's worker messages: SETUP (0) -> READY (1), QUERY (2) -> RESULT (3). It is
 * small on purpose: Material starts it with every page, but nothing else of search (the engine,
 * the stemmer, any shard) loads before the first query a reader types. Only the newest query is
 * answered: one that a newer query overtook while shards were loading is dropped.
 */
(function () {
  "use strict";
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
  // The engine, then the index's manifest, in one go (the manifest registers with the engine)
  var ENGINE = ["../../asn-portal/stemmer-id.js", "../../asn-portal/search-engine.js", "../../../search/manifest.js"]
  var engine = null
  var latest = null
  var busy = false

  function start () {
    // importScripts is synchronous in a worker and returns a Promise in worker-shim.js (file://)
    if (!engine) {
      engine = Promise.resolve().then(function () { return importScripts.apply(self, ENGINE) })
        .catch(function (err) { engine = null; throw err })  // a failed load is tried again next query
    }
    return engine
  }

  function next () {
    if (busy || latest === null) return
    var query = latest
    latest = null
    busy = true
    var done = function (result) {
      busy = false
      if (latest === null) self.postMessage({ type: RESULT, data: result })
      next()
    }
    if (!/\S/.test(query)) return done({ items: [] })
    start()
      .then(function () { return self.asnSearch.search(query) })
      .then(done, function (err) {
        console.warn("asn-portal: pencarian gagal", err)
        done({ items: [] })
      })
  }

  addEventListener("message", function (ev) {
    var message = ev.data || {}
    if (message.type === SETUP) {
      self.postMessage({ type: READY })
    } else if (message.type === QUERY) {
      latest = String(message.data || "")
      next()
    }
  })
})()
