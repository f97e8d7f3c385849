// Runs asn-portal's search engine in Node against a built site's search/ folder:
//   node tests/js/search-node.js SITE_DIR < queries (one a line)
//   -> JSON: [{query, items (as Material receives them), files, bytes (what the query loaded),
//              shards (those files under search/, as "v/ar.js")}, ...]
// Used by tests/build/test_search_engine.py; importScripts reads the shard files from disk.
"use strict";
const fs = require("fs");
const path = require("path");
const assets = path.join(__dirname, "..", "..", "asn_portal", "assets");
const site = process.argv[2];
const worker = path.join(site, "assets", "javascripts", "workers");  // the engine's BASE is relative to it
global.self = global;
global.loaded = [];
global.importScripts = (...urls) => {
  for (const url of urls) {
    const file = path.resolve(worker, url);
    global.loaded.push(file);
    (0, eval)(fs.readFileSync(file, "utf8"));
  }
};
// The stemmer as the worker loads it; the engine straight from its module sources (the bundle
// search-engine.js holds the same code: asn_portal/render/scripts.py).
global.loaded.push(path.join(assets, "stemmer-id.js"));
(0, eval)(fs.readFileSync(path.join(assets, "stemmer-id.js"), "utf8"));
const queries = fs.readFileSync(0, "utf8").split("\n").filter(Boolean);
(async () => {
  for (const name of ["search-words.mjs", "search-rank.mjs", "search-engine.mjs"]) global.loaded.push(path.join(assets, "src", name));
  await import(path.join(assets, "src", "search-engine.mjs"));
  // as search-worker.js does: the manifest comes with the engine
  global.importScripts("../../../search/manifest.js");
  const out = [];
  let before = 0;  // the first query pays for the engine and the manifest too
  for (const q of queries) {
    const result = await self.asnSearch.search(q);
    const files = global.loaded.slice(before);
    before = global.loaded.length;
    const bytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);
    const index = path.join(path.resolve(site), "search") + path.sep;
    const shards = files.filter(f => f.startsWith(index)).map(f => f.slice(index.length).split(path.sep).join("/"));
    out.push({ query: q, items: result.items.map(i => i[0]), files: files.length, bytes, shards });
  }
  process.stdout.write(JSON.stringify(out));
})();
