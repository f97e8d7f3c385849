/* asn-portal xlsx: a small XLSX (SpreadsheetML) writer, so that HR opens a learning record in Excel or
 * LibreOffice with its 18-digit NIP intact: from a CSV the spreadsheet reads "198503122010012005" as a
 * number and keeps 15 digits (1.98503122010012E+17); here it is a text cell. It runs in the reader's
 * browser from file://, an offline zip, Kiwix or Kolibri: no network, workers or dynamic imports, and no
 * vendored library (the comparison with write-excel-file, exceljs, SheetJS and fflate is in the README).
 * What it writes:
 *  - the package: a ZIP whose entries are STORED (not deflated: a record is a few kB, and an inflater is
 *    what makes the libraries big), each with its CRC-32 and a fixed 1980-01-01 time, so the same
 *    sheets give the same bytes (tests compare them);
 *  - the parts a reader needs: [Content_Types].xml, _rels/.rels, xl/workbook.xml and its rels,
 *    xl/styles.xml (a date style and a bold style), one xl/worksheets/sheetN.xml per sheet;
 *  - cells: text as inline strings (t="inlineStr"): never read as a number or a formula, so a NIP, "007"
 *    or "=1+1" stay what they are; finite numbers as numbers; { date: "YYYY-MM-DD" } as a date serial
 *    shown dd-mm-yyyy; { text, bold: true } as bold text; booleans as "Ya"/"Tidak".
 * Pure (no DOM): tests/js/xlsx.test.mjs unzips its output, tests/test_xlsx.py reads it with openpyxl. */

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const DOC_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAX_TEXT = 32767;  // Excel's limit for one cell: a longer text makes it "repair" the file
const MAX_SHEET_NAME = 31;
const STYLE_DATE = 1;  // indexes into cellXfs in STYLES
const STYLE_BOLD = 2;
const DAY_MS = 86400000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);  // serial 0 in Excel's 1900 date system, as the readers count it
const STYLES = XML_HEAD + '<styleSheet xmlns="' + MAIN_NS + '">' +
  '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd-mm-yyyy"/></numFmts>' +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>' +
  '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill>' +
  '<fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

// XML 1.0 has no way to write most C0 controls, lone surrogates or U+FFFE/U+FFFF (not even as &#..;),
// so they are dropped; a surrogate pair is matched first so that it stays. No lookbehind and no "u"
// flag: a regular expression the oldest supported engines cannot parse would break the whole bundle.
const UNWRITABLE = /[\uD800-\uDBFF][\uDC00-\uDFFF]|[\uD800-\uDFFF\uFFFE\uFFFF\0-\x08\x0B\x0C\x0E-\x1F]/g;

function clean(value) {
  return String(value).replace(UNWRITABLE, function (c) { return c.length === 2 ? c : ""; });
}

// An XML reader turns CR LF and a lone CR into LF anyway; LF is the line break inside a cell.
function xml(text) {
  return text.replace(/\r\n?/g, "\n").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

function truncate(text, max) {
  if (text.length <= max) return text;
  const high = text.charCodeAt(max - 1);
  return text.slice(0, high >= 0xD800 && high <= 0xDBFF ? max - 1 : max);  // never half a pair
}

// "A", ..., "Z", "AA", ...: bijective base 26.
function columnName(index) {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + (n - 1) % 26) + name;
  return name;
}

// Days since 1899-12-30, what Excel and LibreOffice show as that date from 1900-03-01 on (before it,
// Excel's invented 1900-02-29 shifts them by one); null for anything that is not a real date then.
function dateSerial(value) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(typeof value === "string" ? value : "");
  if (!m) return null;
  const time = Date.UTC(+m[1], +m[2] - 1, +m[3]);
  const real = new Date(time).toISOString().slice(0, 10) === value;
  const serial = Math.round((time - EPOCH_1900) / DAY_MS);
  return real && serial >= 61 ? serial : null;
}

// Excel and LibreOffice read "_x0041_" in a cell's text as an escaped "A": escaping its "_" keeps the text.
function textCell(ref, text, style) {
  const s = style ? ' s="' + style + '"' : "";
  const t = truncate(clean(text), MAX_TEXT).replace(/_(?=x[0-9A-Fa-f]{4}_)/g, "_x005F_");
  return '<c r="' + ref + '"' + s + ' t="inlineStr"><is><t xml:space="preserve">' + xml(t) + "</t></is></c>";
}

// One cell's XML, "" for an empty one (an absent <c> is an empty cell).
function cell(ref, value) {
  if (value === null || value === undefined || value === "") return "";
  if (typeof value === "string") return textCell(ref, value, 0);
  if (typeof value === "number") return isFinite(value) ? '<c r="' + ref + '"><v>' + value + "</v></c>" : "";
  if (typeof value === "boolean") return textCell(ref, value ? "Ya" : "Tidak", 0);
  if (typeof value !== "object") return "";
  if ("date" in value) {
    const serial = dateSerial(value.date);  // not a date: keep what was given, as text
    if (serial === null) return value.date ? textCell(ref, String(value.date), 0) : "";
    return '<c r="' + ref + '" s="' + STYLE_DATE + '"><v>' + serial + "</v></c>";
  }
  if ("text" in value && value.text !== null && value.text !== undefined && value.text !== "") {
    return textCell(ref, String(value.text), value.bold ? STYLE_BOLD : 0);
  }
  return "";
}

function columns(widths) {
  const cols = [];
  (Array.isArray(widths) ? widths : []).forEach(function (width, i) {
    if (typeof width !== "number" || !(width > 0)) return;
    const w = Math.min(255, Math.round(width * 100) / 100);  // 255 characters is Excel's widest column
    cols.push('<col min="' + (i + 1) + '" max="' + (i + 1) + '" width="' + w + '" customWidth="1"/>');
  });
  return cols.length ? "<cols>" + cols.join("") + "</cols>" : "";
}

function sheetXml(sheet) {
  const rows = [];
  (Array.isArray(sheet.rows) ? sheet.rows : []).forEach(function (row, r) {
    const cells = (Array.isArray(row) ? row : []).map(function (value, c) {
      return cell(columnName(c) + (r + 1), value);
    }).join("");
    if (cells) rows.push('<row r="' + (r + 1) + '">' + cells + "</row>");
  });
  return XML_HEAD + '<worksheet xmlns="' + MAIN_NS + '">' + columns(sheet.widths) +
    (rows.length ? "<sheetData>" + rows.join("") + "</sheetData>" : "<sheetData/>") + "</worksheet>";
}

// Excel refuses a workbook whose sheet names hold []:*?/\, pass 31 characters, start or end with "'",
// or repeat (ignoring case); a name that ends up empty becomes "Lembar N".
function sheetNames(sheets) {
  const taken = [];  // lower-case names (a list: a name like "constructor" is no key to trust)
  return sheets.map(function (sheet, i) {
    const given = clean(sheet && sheet.name !== undefined && sheet.name !== null ? sheet.name : "");
    let base = given.replace(/[\[\]:*?\/\\]/g, " ").replace(/\s+/g, " ").replace(/^[\s']+|[\s']+$/g, "");
    base = truncate(base || "Lembar " + (i + 1), MAX_SHEET_NAME).replace(/[\s']+$/, "");
    let name = base;
    for (let n = 2; taken.indexOf(name.toLowerCase()) >= 0; n++) {
      const suffix = " (" + n + ")";
      name = truncate(base, MAX_SHEET_NAME - suffix.length).replace(/[\s']+$/, "") + suffix;
    }
    taken.push(name.toLowerCase());
    return name;
  });
}

function parts(sheets) {
  const names = sheetNames(sheets);
  const overrides = names.map(function (_, i) {
    return '<Override PartName="/xl/worksheets/sheet' + (i + 1) + '.xml" ContentType="application/' +
      'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>';
  }).join("");
  const types = XML_HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/' +
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' + overrides +
    '<Override PartName="/xl/styles.xml" ContentType="application/' +
    'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>';
  const rootRels = XML_HEAD + '<Relationships xmlns="' + PKG_REL_NS + '"><Relationship Id="rId1" Type="' +
    DOC_REL_NS + '/officeDocument" Target="xl/workbook.xml"/></Relationships>';
  const book = XML_HEAD + '<workbook xmlns="' + MAIN_NS + '" xmlns:r="' + DOC_REL_NS + '"><sheets>' +
    names.map(function (name, i) {
      return '<sheet name="' + xml(name) + '" sheetId="' + (i + 1) + '" r:id="rId' + (i + 1) + '"/>';
    }).join("") + "</sheets></workbook>";
  const bookRels = XML_HEAD + '<Relationships xmlns="' + PKG_REL_NS + '">' + names.map(function (_, i) {
    return '<Relationship Id="rId' + (i + 1) + '" Type="' + DOC_REL_NS + '/worksheet" Target="worksheets/sheet' +
      (i + 1) + '.xml"/>';
  }).join("") + '<Relationship Id="rId' + (names.length + 1) + '" Type="' + DOC_REL_NS +
    '/styles" Target="styles.xml"/></Relationships>';
  const list = [["[Content_Types].xml", types], ["_rels/.rels", rootRels], ["xl/workbook.xml", book],
    ["xl/_rels/workbook.xml.rels", bookRels], ["xl/styles.xml", STYLES]];
  sheets.forEach(function (sheet, i) {
    list.push(["xl/worksheets/sheet" + (i + 1) + ".xml", sheetXml(sheet || {})]);
  });
  return list;
}

const CRC_TABLE = (function () {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

// CRC-32 (ISO 3309, the ZIP one), which every unzipper checks.
function crc32(bytes) {
  let c = 0xFFFFFFFF;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xFF] ^ (c >>> 8);
  return (c ^ 0xFFFFFFFF) >>> 0;
}

// A ZIP (PKWARE APPNOTE) of STORED entries: local header + data each, then the central directory and
// its end record. Time 00:00 and date 1980-01-01 (DOS format: day 1, month 1, year 0) for every entry.
function zip(files) {
  const encoder = new TextEncoder();
  const entries = files.map(function (file) {
    const data = encoder.encode(file[1]);
    return { name: encoder.encode(file[0]), data: data, crc: crc32(data), offset: 0 };
  });
  let size = 22;
  entries.forEach(function (e) { size += 30 + e.name.length + e.data.length + 46 + e.name.length; });
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let at = 0;
  function put(width, value) {
    if (width === 2) view.setUint16(at, value, true);
    else view.setUint32(at, value, true);
    at += width;
  }
  function header(e, central) {
    put(4, central ? 0x02014B50 : 0x04034B50);
    if (central) put(2, 20);  // made by: version 2.0, MS-DOS attributes
    [20, 0, 0, 0, 0x21].forEach(function (n) { put(2, n); });  // needs 2.0, no flags, STORED, time, date
    put(4, e.crc);
    put(4, e.data.length);  // compressed size = size: STORED
    put(4, e.data.length);
    put(2, e.name.length);
    put(2, 0);  // no extra field
    // central: no comment, disk 0, no internal or external attributes, where the local header is
    if (central) [[2, 0], [2, 0], [2, 0], [4, 0], [4, e.offset]].forEach(function (f) { put(f[0], f[1]); });
    out.set(e.name, at);
    at += e.name.length;
  }
  entries.forEach(function (e) {
    e.offset = at;
    header(e, false);
    out.set(e.data, at);
    at += e.data.length;
  });
  const directory = at;
  entries.forEach(function (e) { header(e, true); });
  const length = at - directory;
  put(4, 0x06054B50);  // end of central directory: disk numbers, entry counts, its size and offset, no comment
  [[2, 0], [2, 0], [2, entries.length], [2, entries.length], [4, length], [4, directory], [2, 0]]
    .forEach(function (f) { put(f[0], f[1]); });
  return out;
}

// sheets: [{ name, widths: [characters, ...] (optional), rows: [[cell, ...], ...] }] -> the .xlsx bytes.
// A workbook needs one sheet at least, so none gives one empty sheet.
export function workbook(sheets) {
  const list = Array.isArray(sheets) && sheets.length ? sheets : [{ name: "", rows: [] }];
  return zip(parts(list));
}
