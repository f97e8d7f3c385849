// The XLSX writer (assets/src/xlsx.mjs), read back with a small STORED-zip reader written here, so
// that the test checks the bytes themselves: headers, CRC-32, parts, and each cell's XML.
// tests/test_xlsx.py reads the same kind of file with openpyxl.
import { test } from "node:test";
import assert from "node:assert/strict";
import zlib from "node:zlib";

import { XLSX_TYPE, workbook } from "../../asn_portal/assets/src/xlsx.mjs";

const NIP = "198503122010012005";

// A reference CRC-32 (bit by bit, no table) for a Node.js without zlib.crc32 (before 20.15).
function referenceCrc(bytes) {
  let c = 0xFFFFFFFF;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xEDB88320 & -(c & 1));
  }
  return (c ^ 0xFFFFFFFF) >>> 0;
}

const crc32 = typeof zlib.crc32 === "function" ? zlib.crc32 : referenceCrc;

// Reads the end record, the central directory and each local header; every entry must be STORED,
// with the same fields in both headers. Returns name -> { text, crc, date, time, method }.
function unzip(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const end = bytes.length - 22;
  assert.equal(view.getUint32(end, true), 0x06054B50, "end of central directory at the very end (no comment)");
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  assert.equal(view.getUint32(end + 12, true), end - at, "central directory size");
  const files = {};
  for (let i = 0; i < count; i++) {
    assert.equal(view.getUint32(at, true), 0x02014B50);
    const entry = { method: view.getUint16(at + 10, true), time: view.getUint16(at + 12, true),
                    date: view.getUint16(at + 14, true), crc: view.getUint32(at + 16, true),
                    size: view.getUint32(at + 20, true), offset: view.getUint32(at + 42, true) };
    assert.equal(view.getUint32(at + 24, true), entry.size, "STORED: compressed size = size");
    const nameLength = view.getUint16(at + 28, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    const local = entry.offset;
    assert.equal(view.getUint32(local, true), 0x04034B50, name);
    assert.deepEqual([8, 10, 12, 14, 18, 22].map((o) => view.getUint16(local + o, true)),
                     [entry.method, entry.time, entry.date, entry.crc & 0xFFFF, entry.size & 0xFFFF,
                      entry.size & 0xFFFF], name + ": local header = central header");
    assert.equal(view.getUint32(local + 14, true), entry.crc, name);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    entry.data = bytes.subarray(start, start + entry.size);
    entry.text = decoder.decode(entry.data);
    files[name] = entry;
  }
  return files;
}

function sheetOf(sheets, n) { return unzip(workbook(sheets))["xl/worksheets/sheet" + (n || 1) + ".xml"].text; }

function cellXml(xml, ref) {
  const match = new RegExp("<c r=\"" + ref + "\"[^>]*>.*?</c>").exec(xml);
  return match ? match[0] : null;
}

const SAMPLE = [
  { name: "Rekap 2026", widths: [30, 20.5], rows: [
    [{ text: "Rekap Pengembangan Kompetensi", bold: true }],
    ["NIP", NIP, 8, { date: "2026-03-09" }, "007", true, false, null, "", undefined, 2.5]
  ] },
  { name: "Daftar", rows: [["Pelatihan Dasar—Kepemimpinan é"]] }
];

test("the package holds the OOXML parts, STORED, dated 1980-01-01, each with its CRC-32", () => {
  const files = unzip(workbook(SAMPLE));
  assert.deepEqual(Object.keys(files), ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"]);
  for (const [name, entry] of Object.entries(files)) {
    assert.equal(entry.method, 0, name + " is STORED");
    assert.equal(entry.date, (0 << 9) | (1 << 5) | 1, name + " is dated 1980-01-01");
    assert.equal(entry.time, 0, name);
    assert.equal(entry.crc, crc32(entry.data), name + ": CRC-32");
    assert.ok(entry.text.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"), name);
  }
  assert.equal(referenceCrc(new TextEncoder().encode("123456789")), 0xCBF43926, "the reference CRC's check value");
  const types = files["[Content_Types].xml"].text;
  assert.match(types, /PartName="\/xl\/worksheets\/sheet2\.xml" ContentType="[^"]*worksheet\+xml"/);
  assert.match(types, /PartName="\/xl\/workbook\.xml" ContentType="[^"]*sheet\.main\+xml"/);
  assert.match(files["_rels/.rels"].text, /officeDocument" Target="xl\/workbook\.xml"/);
  assert.match(files["xl/_rels/workbook.xml.rels"].text, /Id="rId3" Type="[^"]*\/styles" Target="styles\.xml"/);
  assert.match(files["xl/workbook.xml"].text, /<sheet name="Daftar" sheetId="2" r:id="rId2"\/>/);
  assert.match(files["xl/styles.xml"].text, /<numFmt numFmtId="164" formatCode="dd-mm-yyyy"\/>/);
  assert.equal(XLSX_TYPE, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
});

test("a NIP and other digit strings stay text cells; numbers are <v> numbers", () => {
  const xml = sheetOf(SAMPLE);
  assert.equal(cellXml(xml, "B2"), "<c r=\"B2\" t=\"inlineStr\"><is><t xml:space=\"preserve\">" + NIP +
    "</t></is></c>");
  assert.equal(cellXml(xml, "E2"), "<c r=\"E2\" t=\"inlineStr\"><is><t xml:space=\"preserve\">007</t></is></c>");
  assert.equal(cellXml(xml, "C2"), "<c r=\"C2\"><v>8</v></c>");
  assert.equal(cellXml(xml, "K2"), "<c r=\"K2\"><v>2.5</v></c>");
  assert.equal(cellXml(sheetOf([{ rows: [[NaN, Infinity, -0]] }]), "A1"), null, "not finite: empty");
  assert.doesNotMatch(xml, new RegExp("<v>" + NIP), "the NIP is never a number");
});

test("dates are serials (1900 system) with the date style; what is not a real date stays text", () => {
  const xml = sheetOf(SAMPLE);
  assert.equal(cellXml(xml, "D2"), "<c r=\"D2\" s=\"1\"><v>46090</v></c>");  // Excel: =DATE(2026;3;9) = 46090
  assert.match(unzip(workbook(SAMPLE))["xl/styles.xml"].text,
               /<cellXfs count="3"><xf [^>]*\/><xf numFmtId="164" [^>]*\/><xf numFmtId="0" fontId="1"/);
  const dates = sheetOf([{ rows: [[{ date: "1900-03-01" }, { date: "2000-02-29" }, { date: "2026-02-30" },
                                  { date: "0099-01-01" }, { date: "" }, { date: null }]] }]);
  assert.match(cellXml(dates, "A1"), /<v>61<\/v>/);
  assert.match(cellXml(dates, "B1"), /<v>36585<\/v>/);
  assert.match(cellXml(dates, "C1"), /t="inlineStr"><is><t xml:space="preserve">2026-02-30</);
  assert.match(cellXml(dates, "D1"), /t="inlineStr"/, "before 1900-03-01: text");
  assert.equal(cellXml(dates, "E1"), null);
  assert.equal(cellXml(dates, "F1"), null);
});

test("bold headings, booleans as Ya/Tidak, empty cells and rows left out, column widths", () => {
  const xml = sheetOf(SAMPLE);
  assert.equal(cellXml(xml, "A1"), "<c r=\"A1\" s=\"2\" t=\"inlineStr\"><is><t xml:space=\"preserve\">" +
    "Rekap Pengembangan Kompetensi</t></is></c>");
  assert.match(cellXml(xml, "F2"), />Ya</);
  assert.match(cellXml(xml, "G2"), />Tidak</);
  for (const ref of ["H2", "I2", "J2"]) assert.equal(cellXml(xml, ref), null, ref);
  assert.match(xml, /<cols><col min="1" max="1" width="30" customWidth="1"\/><col min="2" max="2" width="20.5"/);
  const sparse = sheetOf([{ rows: [[], [null, ""], ["x"]], widths: [null, 0, 12] }]);
  assert.match(sparse, /<cols><col min="3" max="3" width="12" customWidth="1"\/><\/cols><sheetData><row r="3">/);
  assert.match(sheetOf([]), /<sheetData\/>/, "no sheets: one empty sheet");
  const wide = sheetOf([{ rows: [new Array(27).fill(null).concat(["AB"]), [], []] }]);
  assert.match(wide, /<c r="AB1" t="inlineStr"><is><t xml:space="preserve">AB</);
});

test("text is escaped, loses what XML 1.0 cannot hold, keeps spaces, and is never a formula", () => {
  const rows = [["  <b>&\"x\"</b> ", "a\u0000b\u0001c\u0008d\u000Be\u000Cf\u001Fg\uFFFEh\uFFFFi", "tab\tlf\ncr\r\nend",
                 "lone \uD800 high, lone \uDC00 low, pair \uD83D\uDE00", "=1+1", "+62", "-5", "@SUM(A1)",
                 "_x0041_ stays", "Pelatihan Dasar—Kepemimpinan é"]];
  const xml = sheetOf([{ rows }]);
  const texts = [...xml.matchAll(/<t xml:space="preserve">([^<]*)<\/t>/g)].map((m) => m[1]);
  assert.deepEqual(texts, ["  &lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt; ", "abcdefghi", "tab\tlf\ncr\nend",
                           "lone  high, lone  low, pair \uD83D\uDE00", "=1+1", "+62", "-5", "@SUM(A1)",
                           "_x005F_x0041_ stays", "Pelatihan Dasar—Kepemimpinan é"]);
  assert.doesNotMatch(xml, /<f>|<f /, "no formula element anywhere");
  assert.equal((xml.match(/t="inlineStr"/g) || []).length, 10);
  const long = sheetOf([{ rows: [["x".repeat(32766) + "\uD83D\uDE00"]] }]);
  assert.match(long, /x<\/t>/, "cut at Excel's 32767 characters, never inside a surrogate pair");
});

test("sheet names: no []:*?/\\, at most 31 characters, no outer apostrophes, unique ignoring case", () => {
  const names = [{ name: "Rekap 2026" }, { name: "rekap 2026" }, { name: "a[b]:c*d?e/f\\g" }, { name: "" }, {},
                 { name: "'Kutip'" }, { name: "x".repeat(40) }, { name: "x".repeat(40) }, { name: "constructor" },
                 { name: "A&B <C>" }, { name: "tab\tline\nend\u0001" }];
  const book = unzip(workbook(names))["xl/workbook.xml"].text;
  const found = [...book.matchAll(/<sheet name="([^"]*)"/g)].map((m) => m[1]);
  assert.deepEqual(found, ["Rekap 2026", "rekap 2026 (2)", "a b c d e f g", "Lembar 4", "Lembar 5", "Kutip",
                           "x".repeat(31), "x".repeat(27) + " (2)", "constructor", "A&amp;B &lt;C&gt;",
                           "tab line end"]);
});

test("the same sheets give the same bytes", () => {
  const first = workbook(SAMPLE);
  const second = workbook(JSON.parse(JSON.stringify(SAMPLE)));
  assert.ok(first instanceof Uint8Array);
  assert.deepEqual(Buffer.from(first), Buffer.from(second));
  assert.notDeepEqual(Buffer.from(first), Buffer.from(workbook([{ name: "Rekap 2026", rows: [["x"]] }])));
});
