// search.js: the search engine of patentsite, written for it. It runs the
// search box in the header of every page (results as you type) and the
// results page search/index.html (facets, sorting, pages, downloads), from
// index files that build/search writes under search/s/. Every index file is
// a classic script that calls patentsiteIndex(name, data) when loaded, so
// the engine works from a web server, under a sub-path and from file://
// alike: no fetch, no modules, no WebAssembly. docs/search.md describes the
// files and the ranking; build/search/token.go is the reference for the
// tokenizer below, and the tests check that both agree.
(function () {
	"use strict";

	var me = document.currentScript;
	var root = me ? me.src.replace(/assets\/search\.js(?:[?#].*)?$/, "") : "";
	var dir = root + "search/s/";

	// ---- loading ----

	var data = {}; // file name → payload
	var pending = {}; // file name → {ok, fail} callbacks
	var version = "";

	window.patentsiteIndex = function (name, payload) {
		data[name] = payload;
		var p = pending[name];
		if (p) {
			delete pending[name];
			p.forEach(function (cb) { cb[0](payload); });
		}
	};

	// load returns a promise of the payload of search/s/<name>.js.
	function load(name) {
		if (name in data) {
			return Promise.resolve(data[name]);
		}
		return new Promise(function (ok, fail) {
			if (pending[name]) {
				pending[name].push([ok, fail]);
				return;
			}
			pending[name] = [[ok, fail]];
			var s = document.createElement("script");
			s.src = dir + name + ".js" + (version ? "?v=" + version : "?t=" + Math.floor(Date.now() / 6e5));
			s.async = true;
			s.onerror = function () {
				var p = pending[name] || [];
				delete pending[name];
				p.forEach(function (cb) { cb[1](new Error("cannot load the search index (" + name + ".js)")); });
			};
			s.onload = function () { s.remove(); };
			document.head.appendChild(s);
		});
	}

	var meta = null;
	function loadMeta() {
		if (meta) {
			return Promise.resolve(meta);
		}
		return load("meta").then(function (m) {
			if (!meta) {
				meta = typeof m === "string" ? JSON.parse(m) : m;
				version = meta.v;
				meta.stopSet = {};
				meta.stop.forEach(function (w) { meta.stopSet[w] = true; });
			}
			return meta;
		});
	}

	// ---- text: the same folding, tokenizing and stemming as token.go ----

	var special = {
		"Æ": "ae", "æ": "ae", "Ð": "d", "ð": "d", "Ø": "o", "ø": "o", "Þ": "th", "þ": "th",
		"ß": "ss", "ẞ": "ss", "Đ": "d", "đ": "d", "Ħ": "h", "ħ": "h", "ı": "i", "Ĳ": "ij",
		"ĳ": "ij", "Ŀ": "l", "ŀ": "l", "Ł": "l", "ł": "l", "Œ": "oe", "œ": "oe", "Ŧ": "t", "ŧ": "t"
	};
	var glyphs = {
		"а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t",
		"у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s", "α": "a", "β": "b", "ε": "e", "ι": "i", "κ": "k",
		"ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x"
	};
	var latinRange = /[\u00C0-\u024F\u1E00-\u1EFF]/;
	var wordRe = /[\p{L}\p{Nd}\p{Mn}]/u;

	function fold(ch) {
		var c = ch.codePointAt(0);
		if (c < 128) {
			return ch.toLowerCase();
		}
		if (c >= 0xFF01 && c <= 0xFF5E) {
			return String.fromCharCode(c - 0xFF01 + 0x21).toLowerCase();
		}
		if (latinRange.test(ch)) {
			var d = ch.normalize("NFD")[0].toLowerCase();
			if (d >= "a" && d <= "z") {
				return d;
			}
		}
		return special[ch] || ch.toLowerCase();
	}

	function isCJK(c) {
		return c >= 0x3040 && c <= 0x30FF || c >= 0x3400 && c <= 0x4DBF || c >= 0x4E00 && c <= 0x9FFF ||
			c >= 0xF900 && c <= 0xFAFF || c >= 0x20000 && c <= 0x3FFFF;
	}

	function isWord(ch, c) {
		if (c < 128) {
			return c >= 48 && c <= 57 || c >= 65 && c <= 90 || c >= 97 && c <= 122;
		}
		if (c >= 0xFF10 && c <= 0xFF19 || c >= 0xFF21 && c <= 0xFF3A || c >= 0xFF41 && c <= 0xFF5A) {
			return true;
		}
		return !isCJK(c) && wordRe.test(ch);
	}

	function stem(w) {
		var n = w.length;
		if (n < 4 || w[n - 1] !== "s" || !/^[a-z]+$/.test(w)) {
			return w;
		}
		if (/ies$/.test(w) && n > 4 && !/[ea]ies$/.test(w)) {
			return w.slice(0, -3) + "y";
		}
		if (/(sses|xes|ches|shes|zzes)$/.test(w)) {
			return w.slice(0, -2);
		}
		if (/(ss|us|is)$/.test(w)) {
			return w;
		}
		return w.slice(0, -1);
	}

	// tokenize returns the tokens of s: {t: term, s: start, e: end (UTF-16
	// offsets), cjk}. CJK runs give each character and each pair.
	function tokenize(s) {
		var out = [];
		var chars = Array.from(s);
		var offs = [];
		var o = 0;
		for (var k = 0; k < chars.length; k++) {
			offs.push(o);
			o += chars[k].length;
		}
		offs.push(o);
		var i = 0;
		while (i < chars.length) {
			var ch = chars[i], c = ch.codePointAt(0);
			if (isCJK(c)) {
				out.push({t: ch, s: offs[i], e: offs[i + 1], cjk: true});
				var j = i + 1;
				while (j < chars.length && isCJK(chars[j].codePointAt(0))) {
					out.push({t: chars[j - 1] + chars[j], s: offs[j - 1], e: offs[j + 1], cjk: true});
					out.push({t: chars[j], s: offs[j], e: offs[j + 1], cjk: true});
					j++;
				}
				i = j;
			} else if (isWord(ch, c)) {
				var start = i, w = "", latin = false, glyph = false;
				while (i < chars.length) {
					var ch2 = chars[i], c2 = ch2.codePointAt(0);
					if ((ch2 === "'" || ch2 === "’") && w && i + 1 < chars.length && isWord(chars[i + 1], chars[i + 1].codePointAt(0))) {
						i++;
						continue;
					}
					if (!isWord(ch2, c2)) {
						break;
					}
					if (c2 >= 65 && c2 <= 90 || c2 >= 97 && c2 <= 122 || c2 >= 0xC0 && c2 <= 0x24F || c2 >= 0x1E00 && c2 <= 0x1EFF || c2 >= 0xFF21 && c2 <= 0xFF5A) {
						latin = true;
					} else if (glyphs[ch2.toLowerCase()]) {
						glyph = true;
					}
					w += fold(ch2);
					i++;
				}
				if (latin && glyph) {
					w = Array.from(w).map(function (x) { return glyphs[x] || x; }).join("");
				}
				out.push({t: stem(w), s: offs[start], e: offs[i], cjk: false});
			} else {
				i++;
			}
		}
		return out;
	}

	function terms(s) {
		return tokenize(s).map(function (t) { return t.t; });
	}

	// ---- numbers: the same normalization as ParseNumber in numbers.go ----

	function padWO(s) {
		var rest = s.slice(2), slash = rest.indexOf("/"), year, serial;
		if (slash >= 0) {
			year = rest.slice(0, slash);
			serial = rest.slice(slash + 1);
		} else {
			if (rest.length < 9 || rest.length > 10) {
				return s;
			}
			year = rest.slice(0, 4);
			serial = rest.slice(4);
		}
		if (year.length !== 4 || !serial || serial.length > 6 || !/^\d+$/.test(year + serial)) {
			return s;
		}
		return "WO" + year + "000000".slice(serial.length) + serial;
	}

	function parseNumber(s) {
		s = s.toUpperCase().replace(/[\s,.\u00a0]/g, "");
		var kind = "", m = /(\d)([A-Z]\d?)$/.exec(s);
		if (m) {
			kind = m[2];
			s = s.slice(0, s.length - kind.length);
		}
		if (/^WO/.test(s)) {
			s = padWO(s);
		} else if (/^KR10-/.test(s)) {
			var parts = s.slice(5).split("-");
			if (parts.length === 1 && /^\d+$/.test(parts[0])) {
				s = "KR10" + parts[0];
			} else if (parts.length === 2 && /^\d{4}$/.test(parts[0]) && /^\d+$/.test(parts[1])) {
				s = "KR" + parts[0] + parts[1];
			}
		}
		s = s.replace(/[\/-]/g, "");
		m = /^([A-Z]{2,5})?([0-9][0-9A-Z]*)$/.exec(s);
		if (!m || m[2].replace(/\D/g, "").length < 5) {
			return null;
		}
		return {prefix: m[1] || "", key: m[2], kind: kind};
	}

	// ---- queries ----

	var codeRe = /^([A-HY]\d\d[A-Z])(\d{1,4})?(?:\/(\d+))?$/i;
	var fields = {assignee: 1, inventor: 1, cpc: 1, ipc: 1, country: 1, kind: 1, year: 1, priority: 1};
	var suffixes = {based: 1, enabled: 1, driven: 1, oriented: 1, assisted: 1, aware: 1, powered: 1, related: 1, specific: 1, free: 1};

	// parseQuery reads the query language: words, "phrases", -exclusions,
	// field:value and field:"value", publication numbers and classification
	// codes. It returns {groups, filters, numbers, phrases}: each group is a
	// set of alternative terms of which a result must have one (or, for a
	// negated group, none).
	function parseQuery(q) {
		var res = {groups: [], filters: {}, numbers: [], phrases: [], words: []};
		var typing = !/\s$/.test(q || ""); // the last word may be incomplete
		q = (q || "").replace(/\s+/g, " ").trim();
		// "H04L 9/32" is one code.
		q = q.replace(/\b([A-HY]\d\d[A-Z]) (\d{1,4}\/\d+)\b/gi, "$1$2");
		if (!q) {
			return res;
		}
		// A number with spaces or commas in it ("us 10,637,644") is one.
		var whole = /[ ,]/.test(q) && /^[A-Za-z]{0,5}[\d ,.\/-]+[A-Za-z]?\d?$/.test(q) ? parseNumber(q) : null;
		if (whole) {
			whole.raw = q;
			res.numbers.push(whole);
			return res;
		}
		var re = /(-?)(?:([a-z]+):)?(?:"([^"]*)"?|(\S+))/gi;
		var m;
		while ((m = re.exec(q))) {
			var neg = m[1] === "-", field = m[2] ? m[2].toLowerCase() : "", quoted = m[3] !== undefined;
			var text = quoted ? m[3] : m[4];
			if (field && !fields[field]) {
				text = m[2] + ":" + text;
				field = "";
			}
			var suffix = neg && !field && !quoted && suffixes[text.toLowerCase()];
			if (suffix) {
				neg = false; // "blockchain -based" is a spelling, not an exclusion
			}
			if (!text) {
				continue;
			}
			addPart(res, field, text, quoted, neg, typing && !suffix && !quoted && m.index + m[0].length === q.length);
		}
		// Stop words go, unless they are all there is.
		var stop = meta ? meta.stopSet : {};
		var content = res.groups.filter(function (g) { return !g.alts || !stop[g.alts[0]] || g.field; });
		if (content.length) {
			res.groups = content;
			res.words = res.words.filter(function (w) { return !stop[w]; });
		}
		return res;
	}

	function addPart(res, field, text, quoted, neg, last, noNumber) {
		var code = codeRe.exec(text.replace(/ /g, ""));
		switch (field) {
		case "country":
		case "kind":
			text.split(",").forEach(function (v) { addFilter(res, field, v.toUpperCase(), neg); });
			return;
		case "year":
		case "priority":
			var r = /^(\d{4})(?:\.\.(\d{4}))?$/.exec(text);
			if (r) {
				for (var y = +r[1]; y <= +(r[2] || r[1]) && y < +r[1] + 200; y++) {
					addFilter(res, field, String(y), neg);
				}
			}
			return;
		case "cpc":
		case "ipc":
			if (code) {
				res.groups.push({code: code, schemes: field === "cpc" ? ["c"] : ["i"], neg: neg, raw: text});
			}
			return;
		case "assignee":
		case "inventor":
			var ns = field === "assignee" ? "a:" : "n:", ws = terms(text);
			if (!ws.length) {
				return;
			}
			if (ws.length === 1) {
				res.groups.push({alts: [ns + ws[0]], prefix: last ? ns + ws[0] : "", neg: neg, field: field, raw: text});
				return;
			}
			for (var i = 1; i < ws.length; i++) {
				var alts = [ns + ws[i - 1] + " " + ws[i]];
				if (field === "inventor" && ws.length === 2) {
					alts.push(ns + ws[1] + " " + ws[0]); // "zhiguo li" finds LI ZHIGUO
				}
				res.groups.push({alts: alts, neg: neg, field: field, raw: text});
			}
			return;
		}
		if (!quoted) {
			var num = !noNumber && /^[A-Za-z]{0,5}\d/.test(text) ? parseNumber(text) : null;
			if (num && !neg) {
				num.raw = text;
				res.numbers.push(num);
				return;
			}
			if (code && (code[2] || /^[A-HY]\d\d[A-Z]$/i.test(text))) {
				res.groups.push({code: code, schemes: ["c", "i"], neg: neg, raw: text});
				return;
			}
		}
		// Free text: each word is a group, and each pair of CJK characters
		// (a character alone only where the CJK text is one character).
		var words = cjkPairs(tokenize(text));
		if (quoted && words.length > 1) {
			res.phrases.push({text: text, neg: neg});
		}
		words.forEach(function (w, i) {
			var isLast = last && i === words.length - 1 && !/[\u3040-\u9fff]/.test(w);
			res.groups.push({alts: [w], prefix: isLast ? w : "", neg: neg, raw: text});
			if (!neg) {
				res.words.push(w);
			}
		});
	}

	// cjkPairs returns the terms of toks, keeping of CJK text the pairs, and
	// single characters only where a run of CJK text is one character long.
	function cjkPairs(toks) {
		var out = [];
		var i = 0;
		while (i < toks.length) {
			var t = toks[i];
			if (!t.cjk) {
				out.push(t.t);
				i++;
				continue;
			}
			var j = i, pairs = [];
			while (j < toks.length && toks[j].cjk) {
				if (Array.from(toks[j].t).length === 2) {
					pairs.push(toks[j].t);
				}
				j++;
			}
			if (pairs.length) {
				out = out.concat(pairs);
			} else {
				out.push(t.t);
			}
			i = j;
		}
		return out;
	}

	function addFilter(res, field, value, neg) {
		var f = neg ? "-" + field : field;
		(res.filters[f] = res.filters[f] || []).push(value);
	}

	// ---- the index ----

	function hash(s) {
		var h = 2166136261;
		for (var ch of s) {
			h ^= ch.codePointAt(0);
			h = Math.imul(h, 16777619) >>> 0;
		}
		return h;
	}

	function prefix3(s) {
		return Array.from(s).slice(0, 3).join("");
	}

	// shardKey is shardKey in index.go.
	function shardKey(term) {
		var ns = "";
		if (term.length > 2 && term[1] === ":") {
			ns = term.slice(0, 2);
			term = term.slice(2);
			switch (ns[0]) {
			case "c":
			case "i":
				var slash = term.indexOf("/");
				return slash < 0 ? ns + term : ns + term.slice(0, slash + 1) + term.slice(slash + 1, slash + 3);
			case "a":
			case "n":
				var sp = term.indexOf(" ");
				if (sp >= 0) {
					return ns + prefix3(term.slice(0, sp)) + " " + prefix3(term.slice(sp + 1));
				}
				break;
			default:
				return ns + term;
			}
		}
		if (isCJK(term.codePointAt(0))) {
			return ns + term;
		}
		return ns + prefix3(term);
	}

	function shardOf(term) {
		var names = term.length > 2 && term[1] === ":" && "anAN".indexOf(term[0]) >= 0;
		return (names ? "u" : "t") + hash(shardKey(term)) % (names ? meta.ndict : meta.dict);
	}

	var shards = {}; // parsed dictionary shards
	function dict(name) {
		if (shards[name]) {
			return Promise.resolve(shards[name]);
		}
		return load(name).then(function (s) {
			return (shards[name] = shards[name] || JSON.parse(s));
		});
	}

	var A = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	var AV = {};
	for (var ai = 0; ai < 64; ai++) {
		AV[A[ai]] = ai;
	}

	function vints(s) {
		var out = [], v = 0;
		for (var i = 0; i < s.length; i++) {
			var d = AV[s[i]];
			v = v * 32 + (d & 31);
			if (d < 32) {
				out.push(v);
				v = 0;
			}
		}
		return out;
	}

	function idf(df) {
		return Math.log(1 + (meta.n - df + 0.5) / (df + 0.5));
	}

	// entry parses a dictionary entry: df|max|head|stats|est|pack|idx.
	function entry(term, text) {
		var f = text.split("|"), df = +f[0];
		var kind = term.length > 2 && term[1] === ":" ? term[0] : "";
		var max = f[1] ? +f[1] : (kind === "a" || kind === "n" ? idf(df) : 0);
		var e = {term: term, df: df, max: max, stats: f[3] || "", est: +(f[4] || 0), pack: f[5] === undefined ? -1 : +f[5], idx: +(f[6] || 0)};
		var head = [], q = [], s = f[2], v = 0;
		for (var i = 0; i < s.length; i++) {
			var d = AV[s[i]];
			v = v * 32 + (d & 31);
			if (d < 32) {
				head.push(v);
				q.push(AV[s[++i]]);
				v = 0;
			}
		}
		e.head = head;
		e.hq = q;
		e.complete = head.length === df;
		return e;
	}

	var entries = {};
	// lookup resolves terms to entries (null for terms not in the index).
	function lookup(list) {
		return Promise.all(list.map(function (t) {
			if (t in entries) {
				return entries[t];
			}
			return dict(shardOf(t)).then(function (sh) {
				return (entries[t] = t in sh ? entry(t, sh[t]) : null);
			});
		}));
	}

	// completions returns up to n terms of the dictionary that start with
	// prefix (longer than it), most frequent first.
	function completions(prefix, n) {
		return dict(shardOf(prefix)).then(function (sh) {
			var out = [];
			for (var k in sh) {
				if (k.length > prefix.length && k.lastIndexOf(prefix, 0) === 0) {
					out.push([k, +sh[k].slice(0, sh[k].indexOf("|"))]);
				}
			}
			out.sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); });
			return out.slice(0, n).map(function (x) { return x[0]; });
		});
	}

	// postings returns {docs, q} of every posting of e, in doc order; q is
	// null when the tail holds no impacts (the engine then uses the head's,
	// or the estimate).
	var tails = {};
	function postings(e) {
		if (e.complete) {
			if (!e.sorted) {
				var idx = e.head.map(function (_, i) { return i; }).sort(function (a, b) { return e.head[a] - e.head[b]; });
				e.sorted = {docs: Int32Array.from(idx, function (i) { return e.head[i]; }), q: Uint8Array.from(idx, function (i) { return e.hq[i]; })};
			}
			return Promise.resolve(e.sorted);
		}
		var key = e.pack + "." + e.idx;
		if (tails[key]) {
			return Promise.resolve(tails[key]);
		}
		return load("p" + e.pack).then(function (pack) {
			return (tails[key] = tails[key] || decodeTail(pack[e.idx], e));
		});
	}

	function decodeTail(s, e) {
		var form = s[0], docs = [], q = [], i, v, prev = -1, d;
		switch (form) {
		case "L":
		case "M":
			v = 0;
			for (i = 1; i < s.length; i++) {
				d = AV[s[i]];
				v = v * 32 + (d & 31);
				if (d < 32) {
					prev += v + 1;
					docs.push(prev);
					v = 0;
					if (form === "L") {
						q.push(AV[s[++i]]);
					}
				}
			}
			break;
		case "B":
			for (i = 1; i < s.length; i++) {
				d = AV[s[i]];
				for (var b = 0; d; b++, d >>= 1) {
					if (d & 1) {
						docs.push((i - 1) * 6 + b);
					}
				}
			}
			break;
		case "R":
			var xs = vints(s.slice(1)), end = 0;
			for (i = 0; i < xs.length; i += 2) {
				var start = end + xs[i], n = xs[i + 1] + 1;
				for (var k = 0; k < n; k++) {
					docs.push(start + k);
				}
				end = start + n;
			}
			break;
		}
		var out = {docs: Int32Array.from(docs), q: null};
		if (form === "L") {
			out.q = Uint8Array.from(q);
		} else {
			// Impacts from the head where known, else the estimate.
			var hq = {};
			e.head.forEach(function (doc, j) { hq[doc] = e.hq[j]; });
			out.q = Uint8Array.from(docs, function (doc) { return hq[doc] !== undefined ? hq[doc] : e.est; });
		}
		return out;
	}

	// ---- documents, facet columns, names ----

	var docShards = {};
	function inflate(b64) {
		var bin = atob(b64), u = new Uint8Array(bin.length);
		for (var i = 0; i < bin.length; i++) {
			u[i] = bin.charCodeAt(i);
		}
		var stream = new Blob([u]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
		return new Response(stream).text();
	}

	function docShard(k) {
		if (docShards[k]) {
			return docShards[k];
		}
		return (docShards[k] = load("d" + k).then(inflate).then(JSON.parse));
	}

	// docs returns the documents with the given ids, in that order:
	// {doc, id, title, assignees, inventors, pub, prio, abstract, lang, facets}.
	function docs(ids) {
		var want = {};
		ids.forEach(function (d) { want[Math.floor(d / meta.docs)] = true; });
		return Promise.all(Object.keys(want).map(function (k) { return docShard(k); })).then(function () {
			return Promise.all(ids.map(function (d) {
				return docShard(Math.floor(d / meta.docs)).then(function (sh) {
					var r = sh[d % meta.docs];
					return {doc: d, id: r[0], title: r[1], assignees: r[2], inventors: r[3], pub: r[4], prio: r[5],
						abstract: r[6], lang: r[7], facets: record(r[8], 0).f};
				});
			}));
		});
	}

	// record decodes one facet record at i: country, kind, priority day,
	// then counted lists of assignees, CPC and IPC subclasses.
	function record(s, i) {
		function next() {
			var v = 0, d;
			do {
				d = AV[s[i++]];
				v = v * 32 + (d & 31);
			} while (d >= 32);
			return v;
		}
		var f = {country: next(), kind: next(), prio: next(), a: [], c: [], i: []};
		["a", "c", "i"].forEach(function (k) {
			for (var n = next(); n > 0; n--) {
				f[k].push(next());
			}
		});
		return {f: f, next: i};
	}

	var columns = {}; // chunk → Map doc → facets
	function column(k) {
		if (columns[k]) {
			return columns[k];
		}
		return (columns[k] = load("f" + k).then(function (s) {
			var m = new Map(), i = 0;
			for (var d = +k; i < s.length; d += meta.cols) {
				var r = record(s, i);
				m.set(d, r.f);
				i = r.next;
			}
			return m;
		}));
	}

	// nameOf returns [name, slug] of assignee id once its shard is loaded.
	var nameCache = {};
	function nameOf(id) {
		if (id < meta.names.length) {
			return Promise.resolve(meta.names[id]);
		}
		var k = Math.floor(id / meta.per);
		if (!nameCache[k]) {
			nameCache[k] = load("a" + k).then(JSON.parse);
		}
		return nameCache[k].then(function (list) { return list[id - k * meta.per]; });
	}

	function yearOf(doc) {
		var ys = meta.ys, lo = 0, hi = ys.length - 1;
		while (lo < hi) {
			var mid = (lo + hi + 1) >> 1;
			if (ys[mid] <= doc) {
				lo = mid;
			} else {
				hi = mid - 1;
			}
		}
		return lo;
	}

	// ---- numbers ----

	function numberHits(nums) {
		return Promise.all(nums.map(function (n) {
			return load("n" + hash(n.key) % meta.nums).then(function (s) {
				var sh = typeof s === "string" ? (data["n" + hash(n.key) % meta.nums] = JSON.parse(s)) : s;
				var hits = sh[n.key] || [];
				var exact = hits.filter(function (h) { return !n.prefix || h[0] === n.prefix; });
				if (exact.length) {
					hits = exact;
				}
				var kinded = hits.filter(function (h) { return n.kind && h[1] === n.kind; });
				if (kinded.length) {
					hits = kinded;
				}
				return hits.map(function (h) { return h[2]; });
			});
		})).then(function (lists) {
			var seen = {}, out = [];
			lists.forEach(function (l) {
				l.forEach(function (d) {
					if (!seen[d]) {
						seen[d] = true;
						out.push(d);
					}
				});
			});
			return {all: out, each: lists};
		});
	}

	// ---- evaluation ----

	var facetNames = ["assignee", "cpc", "ipc", "country", "year", "kind"];
	var filterTerm = {country: "C:", kind: "K:", priority: "P:", assignee: "A:", inventor: "N:"};

	// resolve turns the groups of a parsed query into terms: prefix
	// completions, code subtrees. Each group gets .terms (entries found).
	function resolveGroups(groups, live) {
		return Promise.all(groups.map(function (g) {
			var list;
			if (g.code) {
				var c = g.code, base = (c[1] + (c[2] || "")).toLowerCase();
				if (c[3] === undefined) {
					list = Promise.resolve(g.schemes.map(function (s) { return s + ":" + base; }));
				} else {
					var sub = c[3];
					list = Promise.all(g.schemes.map(function (s) {
						var p = s + ":" + base + "/" + sub;
						var more = sub.length >= 2 ? [p] : ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"].map(function (d) { return p + d; });
						return Promise.all(more.map(function (x) { return completions(x, 200); })).then(function (ls) {
							return [p].concat.apply([p], ls);
						});
					})).then(function (ls) { return [].concat.apply([], ls); });
				}
			} else {
				list = Promise.resolve(g.alts.slice());
			}
			return list.then(function (alts) {
				return lookup(alts).then(function (es) {
					var found = es.filter(Boolean);
					var expand = g.prefix && Array.from(g.prefix.replace(/^[an]:/, "")).length >= 3 && (live || !found.length);
					if (!expand) {
						return found;
					}
					return completions(g.prefix, live ? 3 : 5).then(lookup).then(function (more) {
						return found.concat(more.filter(function (e) { return e && found.indexOf(e) < 0; }));
					});
				});
			}).then(function (found) {
				var seen = {};
				g.terms = found.filter(function (e) { return !seen[e.term] && (seen[e.term] = true); });
				return g;
			});
		}));
	}

	// groupPostings returns the union of the postings of a group's terms:
	// {docs, w} with w the best impact of any of its terms in the doc.
	function groupPostings(g) {
		return Promise.all(g.terms.map(postings)).then(function (ps) {
			if (ps.length === 1) {
				var e = g.terms[0], p = ps[0];
				return {docs: p.docs, w: Float32Array.from(p.q, function (q) { return e.max * q / 63; })};
			}
			var m = new Map();
			ps.forEach(function (p, j) {
				var e = g.terms[j];
				for (var i = 0; i < p.docs.length; i++) {
					var w = e.max * p.q[i] / 63, old = m.get(p.docs[i]);
					if (old === undefined || w > old) {
						m.set(p.docs[i], w);
					}
				}
			});
			var ds = Int32Array.from(m.keys()).sort();
			return {docs: ds, w: Float32Array.from(ds, function (d) { return m.get(d); })};
		});
	}

	// members returns the sorted doc ids of the union of terms' postings.
	function members(list) {
		return lookup(list).then(function (es) {
			es = es.filter(Boolean);
			return Promise.all(es.map(postings)).then(function (ps) {
				if (ps.length === 1) {
					return ps[0].docs;
				}
				var set = new Set();
				ps.forEach(function (p) { p.docs.forEach(function (d) { set.add(d); }); });
				return Int32Array.from(set).sort();
			});
		});
	}

	// filterSets returns, per facet with selections, the set of docs that
	// pass it: {facet: {has(d)}}; year uses the id ranges of meta.
	function filterSets(filters) {
		var out = {};
		return Promise.all(Object.keys(filters).map(function (f) {
			var neg = f[0] === "-", name = neg ? f.slice(1) : f, vals = filters[f];
			var set;
			if (name === "year") {
				var ranges = [];
				vals.forEach(function (y) {
					var i = meta.years.indexOf(y);
					if (i >= 0) {
						ranges.push([meta.ys[i], i + 1 < meta.ys.length ? meta.ys[i + 1] : meta.n]);
					}
				});
				set = Promise.resolve({has: function (d) { return ranges.some(function (r) { return d >= r[0] && d < r[1]; }); }});
			} else if (name === "cpc" || name === "ipc") {
				set = members(vals.map(function (v) { return name[0] + ":" + v.replace(/ /g, "").toLowerCase(); })).then(sorted);
			} else {
				set = members(vals.map(function (v) { return filterTerm[name] + v; })).then(sorted);
			}
			return set.then(function (s) {
				out[f] = neg ? {has: function (d) { return !s.has(d); }, neg: true} : s;
			});
		})).then(function () { return out; });
	}

	function sorted(arr) {
		return {
			arr: arr,
			has: function (d) {
				var lo = 0, hi = arr.length - 1;
				while (lo <= hi) {
					var mid = (lo + hi) >> 1;
					if (arr[mid] === d) {
						return true;
					}
					if (arr[mid] < d) {
						lo = mid + 1;
					} else {
						hi = mid - 1;
					}
				}
				return false;
			}
		};
	}

	// A Result is what search gives: the matching docs in rank order and how
	// they were found.
	//   docs      Int32Array of doc ids, best first (may hold only the first
	//             ones when total is known without them: see partial)
	//   total     the number of results
	//   partial   docs holds the best results only (a single term's head)
	//   numbers   how many of the first docs came from a publication number
	//   fallback  no doc had every word: these have some of them
	//   stats     the precomputed facet counts that apply, or null
	//   base      doc ids the facets count over (before facet filters), or null
	//   q         the parsed query
	function search(query, opt) {
		opt = opt || {};
		return loadMeta().then(function () {
			var q = parseQuery(query);
			Object.keys(opt.filters || {}).forEach(function (f) {
				q.filters[f] = (q.filters[f] || []).concat(opt.filters[f]);
			});
			return numberHits(q.numbers).then(function (hits) {
				// A "number" that leads nowhere is read as words.
				q.numbers = q.numbers.filter(function (n, i) {
					if (!hits.each[i].length) {
						addPart(q, "", n.raw, false, false, false, true);
					}
					return hits.each[i].length > 0;
				});
				return resolveGroups(q.groups, opt.live).then(function () {
					return evaluate(q, hits.all, opt);
				});
			});
		});
	}

	function evaluate(q, numDocs, opt) {
		var pos = q.groups.filter(function (g) { return !g.neg; });
		var neg = q.groups.filter(function (g) { return g.neg; });
		var filters = Object.keys(q.filters);
		var sort = opt.sort || "relevance";
		var res = {q: q, numbers: numDocs.length, fallback: false, partial: false, stats: null, base: null};
		var missing = pos.some(function (g) { return !g.terms.length; });

		// A single term, nothing else: its head is the first results, its
		// entry has the facet counts.
		if (pos.length === 1 && pos[0].terms.length === 1 && !neg.length && !filters.length && !numDocs.length &&
			sort === "relevance" && (opt.need || 10) <= pos[0].terms[0].head.length) {
			var e = pos[0].terms[0];
			res.docs = Int32Array.from(e.head);
			res.total = e.df;
			res.partial = !e.complete;
			res.stats = e.stats || null;
			res.base = e.complete ? res.docs : null;
			return Promise.resolve(res);
		}
		if (!pos.length && !q.numbers.length && !filters.length) {
			if (q.groups.length) {
				res.docs = new Int32Array(0);
				res.total = 0;
				return Promise.resolve(res);
			}
			// Nothing asked: everything, newest first.
			res.docs = allDocs(sort);
			res.total = meta.n;
			res.stats = meta.all;
			res.base = null;
			res.partial = false;
			return Promise.resolve(res);
		}
		if (!pos.length && q.numbers.length && !filters.length) {
			res.docs = Int32Array.from(numDocs);
			res.total = numDocs.length;
			res.base = res.docs;
			return Promise.resolve(res);
		}
		return Promise.all([
			Promise.all(pos.map(function (g) { return g.terms.length ? groupPostings(g) : {docs: new Int32Array(0), w: new Float32Array(0)}; })),
			Promise.all(neg.map(function (g) { return groupPostings(g); })),
			filterSets(q.filters)
		]).then(function (r) {
			var lists = r[0], excl = r[1], fsets = r[2];
			var base = intersect(lists, q, missing);
			if (!base.docs.length && lists.length > 1) {
				base = union(lists);
				res.fallback = base.docs.length > 0;
			}
			if (!pos.length) {
				base = {docs: allIds(), w: new Float32Array(meta.n)};
			}
			// Exclusions.
			if (excl.length) {
				var ex = new Set();
				excl.forEach(function (l) { l.docs.forEach(function (d) { ex.add(d); }); });
				base = keep(base, function (d) { return !ex.has(d); });
			}
			res.base = base.docs;
			res.fsets = fsets;
			var kept = keep(base, function (d) {
				for (var f in fsets) {
					if (!fsets[f].has(d)) {
						return false;
					}
				}
				return true;
			});
			var order = rank(kept, sort);
			return order.then(function (ordered) {
				// Publication numbers first.
				if (numDocs.length) {
					var seen = new Set(numDocs);
					var rest = Array.prototype.filter.call(ordered, function (d) { return !seen.has(d); });
					var nd = numDocs.filter(function (d) {
						for (var f in fsets) {
							if (!fsets[f].has(d)) {
								return false;
							}
						}
						return true;
					});
					ordered = Int32Array.from(nd.concat(rest));
					res.numbers = nd.length;
				}
				res.docs = ordered;
				res.total = ordered.length;
				if (!pos.length && !numDocs.length && filters.length === 1 && !excl.length && q.filters[filters[0]].length === 1 && filters[0][0] !== "-") {
					res.single = filters[0];
				}
				return res;
			});
		});
	}

	function allIds() {
		var a = new Int32Array(meta.n);
		for (var i = 0; i < a.length; i++) {
			a[i] = i;
		}
		return a;
	}

	function allDocs(sort) {
		var a = allIds();
		if (sort !== "oldest") {
			a.reverse();
		}
		return a;
	}

	function intersect(lists, q, missing) {
		if (!lists.length || missing) {
			return {docs: new Int32Array(0), w: new Float32Array(0)};
		}
		var order = lists.slice().sort(function (a, b) { return a.docs.length - b.docs.length; });
		var docs = Array.from(order[0].docs), w = Array.from(order[0].w);
		for (var k = 1; k < order.length; k++) {
			var l = order[k], nd = [], nw = [], j = 0;
			for (var i = 0; i < docs.length; i++) {
				var d = docs[i];
				// Galloping would be faster; lists are short enough.
				while (j < l.docs.length && l.docs[j] < d) {
					j++;
				}
				if (j < l.docs.length && l.docs[j] === d) {
					nd.push(d);
					nw.push(w[i] + l.w[j]);
				}
			}
			docs = nd;
			w = nw;
		}
		return {docs: Int32Array.from(docs), w: Float32Array.from(w)};
	}

	// union ranks docs with some of the words: by how many, then by weight.
	function union(lists) {
		var m = new Map();
		lists.forEach(function (l) {
			for (var i = 0; i < l.docs.length; i++) {
				var o = m.get(l.docs[i]) || [0, 0];
				o[0]++;
				o[1] += l.w[i];
				m.set(l.docs[i], o);
			}
		});
		var ds = Int32Array.from(m.keys()).sort();
		return {docs: ds, w: Float32Array.from(ds, function (d) { var o = m.get(d); return o[0] * 1000 + o[1]; })};
	}

	function keep(list, pred) {
		var nd = [], nw = [];
		for (var i = 0; i < list.docs.length; i++) {
			if (pred(list.docs[i])) {
				nd.push(list.docs[i]);
				nw.push(list.w[i]);
			}
		}
		return {docs: Int32Array.from(nd), w: Float32Array.from(nw)};
	}

	// rank orders the docs: by weight, the newest first among equals (doc
	// ids follow publication dates), or by date.
	function rank(list, sort) {
		var idx = Array.from(list.docs.keys());
		if (sort === "newest" || sort === "oldest") {
			var d = Int32Array.from(list.docs);
			if (sort === "newest") {
				d.reverse();
			}
			return Promise.resolve(d);
		}
		if (sort === "priority-newest" || sort === "priority-oldest") {
			return prioDays(list.docs).then(function (days) {
				var sign = sort === "priority-newest" ? -1 : 1;
				idx.sort(function (a, b) {
					var x = days.get(list.docs[a]) || 0, y = days.get(list.docs[b]) || 0;
					if (!x !== !y) {
						return x ? -1 : 1; // unknown dates last
					}
					return sign * (x - y) || sign * (list.docs[a] - list.docs[b]);
				});
				return Int32Array.from(idx, function (i) { return list.docs[i]; });
			});
		}
		idx.sort(function (a, b) { return list.w[b] - list.w[a] || list.docs[b] - list.docs[a]; });
		return Promise.resolve(Int32Array.from(idx, function (i) { return list.docs[i]; }));
	}

	function prioDays(ids) {
		var ks = [];
		for (var k = 0; k < meta.cols; k++) {
			ks.push(column(k));
		}
		return Promise.all(ks).then(function (cs) {
			var m = new Map();
			ids.forEach(function (d) { m.set(d, cs[d % meta.cols].get(d).prio); });
			return m;
		});
	}

	// ---- facets ----

	// facetCounts returns, per facet, [[value id, count], ...] most first,
	// and whether the counts are exact. Counts follow the usual rule: a
	// facet's own selections do not narrow its counts (values of one facet
	// combine with OR), the other facets' do.
	function facetCounts(res, shown, budget) {
		var exactStats = res.stats && (!res.partial || res.base === null) ? res.stats : null;
		if (res.single && !res.q.groups.length) {
			// One facet value chosen, no words: its entry has the counts.
			var f = res.single, v = res.q.filters[f][0];
			var term = f === "year" ? null : (f === "cpc" || f === "ipc" ? f[0] + ":" + v.toLowerCase() : filterTerm[f] + v);
			if (term) {
				return lookup([term]).then(function (es) {
					var out = es[0] && es[0].stats ? statsCounts(es[0].stats) : null;
					if (!out) {
						return countOver(res, shown, budget);
					}
					var all = statsCounts(meta.all), k = facetIndex(f);
					if (k >= 0) {
						out.counts[k] = all.counts[k];
					}
					return out;
				});
			}
		}
		if (exactStats) {
			return Promise.resolve(statsCounts(exactStats));
		}
		return countOver(res, shown, budget);
	}

	function facetIndex(f) {
		return facetNames.indexOf(f);
	}

	function statsCounts(s) {
		var counts = s.split(".").map(function (part) {
			var xs = vints(part), out = [];
			for (var i = 0; i < xs.length; i += 2) {
				out.push([xs[i], xs[i + 1]]);
			}
			return out;
		});
		return {counts: counts, exact: true};
	}

	// countOver counts the facets over the docs of res.base (all docs when
	// null) that pass the other facets' filters, from the documents shown
	// when they are all of them, else from the facet columns: all of them
	// when they fit in budget bytes, else a sample, scaled.
	function countOver(res, shown, budget) {
		var base = res.base;
		if (base && base.length <= shown.length) {
			var byDoc = new Map();
			shown.forEach(function (d) { byDoc.set(d.doc, d.facets); });
			if (Array.prototype.every.call(base, function (d) { return byDoc.has(d); })) {
				return Promise.resolve(tally(res, base, function (d) { return byDoc.get(d); }, 1, true));
			}
		}
		var n = meta.cols, chunks = [];
		var all = budget === Infinity || n * 8192 <= budget;
		for (var k = 0; k < (all ? n : 1); k++) {
			chunks.push(column(k));
		}
		return Promise.all(chunks).then(function (cs) {
			var get = function (d) { var c = cs[d % n]; return c ? c.get(d) : undefined; };
			var ids = base || allIds();
			if (all) {
				return tally(res, ids, get, 1, true);
			}
			var sample = Array.prototype.filter.call(ids, function (d) { return d % n === 0; });
			return tally(res, sample, get, sample.length ? ids.length / sample.length : 0, false, ids);
		});
	}

	function tally(res, ids, get, scale, exact, allIdsForYear) {
		var counts = facetNames.map(function () { return new Map(); });
		var fsets = res.fsets || {};
		var keys = Object.keys(fsets);
		function add(k, v) {
			counts[k].set(v, (counts[k].get(v) || 0) + 1);
		}
		Array.prototype.forEach.call(ids, function (d) {
			var f = get(d);
			if (!f) {
				return;
			}
			var failed = null, fails = 0;
			for (var i = 0; i < keys.length; i++) {
				if (!fsets[keys[i]].has(d)) {
					fails++;
					failed = keys[i];
				}
			}
			if (fails > 1) {
				return;
			}
			var vals = [f.a, f.c, f.i, [f.country], [yearOf(d)], [f.kind]];
			vals.forEach(function (list, k) {
				if (fails === 1 && failed !== facetNames[k]) {
					return;
				}
				list.forEach(function (v) { add(k, v); });
			});
		});
		var out = counts.map(function (m) {
			return Array.from(m.entries()).map(function (x) { return [x[0], Math.round(x[1] * scale)]; })
				.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
		});
		if (!exact && allIdsForYear && !keys.length) {
			// Years follow from doc ids: exact even from a sample.
			var ym = new Map();
			Array.prototype.forEach.call(allIdsForYear, function (d) { var y = yearOf(d); ym.set(y, (ym.get(y) || 0) + 1); });
			out[4] = Array.from(ym.entries()).sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
		}
		return {counts: out, exact: exact};
	}

	// facetLabel returns the label and URL value of value id v of facet k.
	function facetValue(k, v) {
		switch (k) {
		case 0:
			return nameOf(v).then(function (n) { return n ? {label: n[0], value: n[1]} : {label: "?", value: ""}; });
		case 1:
			return Promise.resolve({label: meta.cpc[v], value: meta.cpc[v]});
		case 2:
			return Promise.resolve({label: meta.ipc[v], value: meta.ipc[v]});
		case 3:
			return Promise.resolve({label: meta.cc[v], value: meta.cc[v]});
		case 4:
			return Promise.resolve({label: meta.years[v] || "no date", value: meta.years[v]});
		default:
			return Promise.resolve({label: meta.kinds[v], value: meta.kinds[v]});
		}
	}

	// ---- results: highlight, snippets, rendering ----

	// matcher returns a function telling whether a token matches the query.
	function matcher(res) {
		var set = {}, prefixes = [];
		(res.q.groups || []).forEach(function (g) {
			if (g.neg || g.code || g.field) {
				return;
			}
			(g.terms || []).forEach(function (e) { set[e.term] = true; });
			g.alts.forEach(function (a) { set[a] = true; });
			if (g.prefix && Array.from(g.prefix).length >= 3) {
				prefixes.push(g.prefix);
			}
		});
		return function (t) {
			if (set[t.t]) {
				return true;
			}
			for (var i = 0; i < prefixes.length; i++) {
				if (!t.cjk && t.t.lastIndexOf(prefixes[i], 0) === 0) {
					return true;
				}
			}
			return false;
		};
	}

	// marks returns the [start, end) spans of s to highlight, merged.
	function marks(s, match) {
		var spans = [];
		tokenize(s).forEach(function (t) {
			if (match(t)) {
				var last = spans[spans.length - 1];
				if (last && t.s <= last[1]) {
					last[1] = Math.max(last[1], t.e);
				} else {
					spans.push([t.s, t.e]);
				}
			}
		});
		return spans;
	}

	// highlighted appends s to el, the spans in <mark>; text only, never HTML.
	function highlighted(el, s, spans, from, to) {
		from = from || 0;
		to = to === undefined ? s.length : to;
		var at = from;
		spans.forEach(function (sp) {
			var a = Math.max(sp[0], from), b = Math.min(sp[1], to);
			if (a >= b) {
				return;
			}
			if (a > at) {
				el.appendChild(document.createTextNode(s.slice(at, a)));
			}
			var m = document.createElement("mark");
			m.textContent = s.slice(a, b);
			el.appendChild(m);
			at = b;
		});
		if (at < to) {
			el.appendChild(document.createTextNode(s.slice(at, to)));
		}
	}

	// snippet returns [from, to] of the stretch of s, about n characters,
	// that holds the most distinct matches, cut at word boundaries.
	function snippet(s, spans, n) {
		if (s.length <= n) {
			return [0, s.length];
		}
		var best = 0, bestScore = -1;
		spans.forEach(function (sp, i) {
			var start = Math.max(0, sp[0] - 40), seen = {}, score = 0;
			for (var j = i; j < spans.length && spans[j][1] <= start + n; j++) {
				var w = s.slice(spans[j][0], spans[j][1]).toLowerCase();
				score += seen[w] ? 0.2 : 1;
				seen[w] = true;
			}
			if (score > bestScore) {
				bestScore = score;
				best = start;
			}
		});
		var from = best, to = Math.min(s.length, best + n);
		if (from > 0) {
			var sp = s.lastIndexOf(" ", from);
			from = sp > from - 20 && sp >= 0 ? sp + 1 : from;
		}
		if (to < s.length) {
			var sp2 = s.indexOf(" ", to);
			to = sp2 >= 0 && sp2 < to + 20 ? sp2 : to;
		}
		return [from, to];
	}

	function patentURL(id) {
		return root + "patent/" + id + "/index.html";
	}

	// renderHit builds one result: a link to the patent with the title, then
	// the id, primary assignee and date, then the abstract snippet.
	function renderHit(doc, match, opt) {
		var li = document.createElement("li");
		li.className = "hit";
		var a = document.createElement("a");
		a.href = patentURL(doc.id);
		a.className = "hit-title";
		if (doc.lang === "zh") {
			a.lang = "zh";
		}
		highlighted(a, doc.title, marks(doc.title, match));
		li.appendChild(a);
		var meta1 = document.createElement("div");
		meta1.className = "hit-meta";
		meta1.textContent = [doc.id, doc.assignees[0], doc.pub].filter(Boolean).join(" · ");
		li.appendChild(meta1);
		if (doc.abstract && !opt.brief) {
			var p = document.createElement("p");
			p.className = "hit-snip";
			if (doc.lang === "zh") {
				p.lang = "zh";
			}
			var spans = marks(doc.abstract, match);
			var cut = snippet(doc.abstract, spans, doc.lang === "zh" ? 90 : 220);
			if (cut[0] > 0) {
				p.appendChild(document.createTextNode("… "));
			}
			highlighted(p, doc.abstract, spans, cut[0], cut[1]);
			if (cut[1] < doc.abstract.length) {
				p.appendChild(document.createTextNode(" …"));
			}
			li.appendChild(p);
		}
		return li;
	}

	// phraseOK reports whether doc has every quoted phrase of the query (and
	// none of the excluded ones) in its title or abstract.
	function phraseOK(res, doc) {
		var text = null;
		return res.q.phrases.every(function (ph) {
			text = text || terms(doc.title + " \u0001 " + doc.abstract).join(" ");
			var has = (" " + text + " ").indexOf(" " + terms(ph.text).join(" ") + " ") >= 0;
			return ph.neg ? !has : has;
		});
	}

	// page returns the docs of results from..from+n, with quoted phrases
	// checked against the text of each (results that lack them are dropped,
	// and res.total is lowered accordingly once known).
	function page(res, from, n) {
		var ids = Array.prototype.slice.call(res.docs, from, from + n);
		return docs(ids).then(function (ds) {
			if (!res.q.phrases.length) {
				return ds;
			}
			var ok = ds.filter(function (d) { return phraseOK(res, d); });
			if (ok.length === ds.length || from + n >= res.docs.length) {
				res.total -= ds.length - ok.length;
				res.docs = Int32Array.from(Array.prototype.filter.call(res.docs, function (d, i) {
					return i < from || i >= from + n || ok.some(function (o) { return o.doc === d; });
				}));
				return ok;
			}
			// Drop the misses and fill the page again.
			var bad = new Set(ds.filter(function (d) { return !phraseOK(res, d); }).map(function (d) { return d.doc; }));
			res.docs = Int32Array.from(Array.prototype.filter.call(res.docs, function (d) { return !bad.has(d); }));
			res.total -= bad.size;
			return page(res, from, n);
		});
	}

	// ---- downloads ----

	function ris(list) {
		return list.map(function (d) {
			var lines = ["TY  - PAT", "TI  - " + d.title];
			d.inventors.split("; ").filter(Boolean).forEach(function (x) { lines.push("AU  - " + x); });
			d.assignees.forEach(function (x) { lines.push("A2  - " + x); });
			lines.push("PY  - " + (d.pub || "").slice(0, 4), "DA  - " + (d.pub || "").replace(/-/g, "/"), "M1  - " + d.id,
				"AB  - " + d.abstract, "UR  - " + absURL(patentURL(d.id)), "ER  - ");
			return lines.filter(function (l) { return !/ - $/.test(l) || l === "ER  - "; }).join("\r\n");
		}).join("\r\n") + "\r\n";
	}

	function bibtex(list) {
		var esc = function (s) { return String(s || "").replace(/([{}\\&%$#_])/g, "\\$1"); };
		return list.map(function (d) {
			var f = [["title", "{" + esc(d.title) + "}"], ["author", esc(d.inventors.split("; ").join(" and "))],
				["assignee", esc(d.assignees.join(" and "))], ["number", d.id], ["year", (d.pub || "").slice(0, 4)],
				["month", (d.pub || "").slice(5, 7)], ["abstract", esc(d.abstract)], ["url", absURL(patentURL(d.id))]];
			return "@patent{" + d.id + ",\n" + f.filter(function (x) { return x[1]; }).map(function (x) {
				return "  " + x[0] + " = {" + x[1] + "}";
			}).join(",\n") + "\n}\n";
		}).join("\n");
	}

	function csv(list) {
		var cell = function (s) {
			s = String(s === undefined ? "" : s);
			if (/^[=+\-@\t\r]/.test(s)) {
				s = "'" + s; // no formulas in a spreadsheet
			}
			return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
		};
		var rows = [["id", "title", "assignees", "inventors", "published", "priority", "url", "abstract"]];
		list.forEach(function (d) {
			rows.push([d.id, d.title, d.assignees.join("; "), d.inventors, d.pub, d.prio, absURL(patentURL(d.id)), d.abstract]);
		});
		return "\ufeff" + rows.map(function (r) { return r.map(cell).join(","); }).join("\r\n") + "\r\n";
	}

	function absURL(u) {
		return new URL(u, location.href).href;
	}

	var formats = {
		ris: {ext: "ris", type: "application/x-research-info-systems", make: ris, label: "RIS"},
		bib: {ext: "bib", type: "application/x-bibtex", make: bibtex, label: "BibTeX"},
		csv: {ext: "csv", type: "text/csv", make: csv, label: "CSV"}
	};
	var downloadCap = 5000;

	// ---- the search page ----

	var page$ = null; // the search page's elements, when this is it

	function readURL() {
		var p = new URLSearchParams(location.search), st = {q: p.get("q") || "", sort: p.get("sort") || "relevance", page: Math.max(1, +p.get("page") || 1), filters: {}, download: p.get("download") || ""};
		facetNames.concat(["inventor", "priority"]).forEach(function (f) {
			var vs = p.getAll(f).filter(Boolean);
			if (vs.length) {
				st.filters[f] = f === "priority" ? [].concat.apply([], vs.map(expandYears)) : vs;
			}
		});
		return st;
	}

	function expandYears(v) {
		var r = /^(\d{4})(?:\.\.(\d{4}))?$/.exec(v), out = [];
		if (r) {
			for (var y = +r[1]; y <= +(r[2] || r[1]) && out.length < 200; y++) {
				out.push(String(y));
			}
		}
		return out;
	}

	function stateURL(st) {
		var p = new URLSearchParams();
		if (st.q) {
			p.set("q", st.q);
		}
		Object.keys(st.filters).forEach(function (f) { st.filters[f].forEach(function (v) { p.append(f, v); }); });
		if (st.sort && st.sort !== "relevance") {
			p.set("sort", st.sort);
		}
		if (st.page > 1) {
			p.set("page", st.page);
		}
		var s = p.toString();
		return location.pathname + (s ? "?" + s : "");
	}

	var perPage = 10;
	var current = null; // {st, res}
	var runID = 0;

	function setupPage() {
		var results = document.getElementById("results");
		var form = document.getElementById("search-form");
		if (!results || !form) {
			return false;
		}
		page$ = {
			results: results, form: form, q: document.getElementById("search-q"), sort: document.getElementById("search-sort"),
			status: document.getElementById("search-status"), facets: document.getElementById("search-facets"),
			pager: document.getElementById("search-pager"), dl: document.getElementById("search-downloads")
		};
		document.documentElement.classList.add("js-search");
		form.addEventListener("submit", function (ev) {
			ev.preventDefault();
			var st = readURL();
			st.q = page$.q.value;
			st.page = 1;
			st.sort = page$.sort.value;
			go(st, true);
		});
		page$.sort.addEventListener("change", function () {
			var st = current ? copyState(current.st) : readURL();
			st.sort = page$.sort.value;
			st.page = 1;
			go(st, true);
		});
		var timer = 0;
		page$.q.addEventListener("input", function () {
			clearTimeout(timer);
			timer = setTimeout(function () {
				var st = current ? copyState(current.st) : readURL();
				st.q = page$.q.value;
				st.page = 1;
				go(st, false);
			}, 150);
		});
		window.addEventListener("popstate", function () { show(readURL()); });
		show(readURL());
		return true;
	}

	function copyState(st) {
		var f = {};
		Object.keys(st.filters).forEach(function (k) { f[k] = st.filters[k].slice(); });
		return {q: st.q, sort: st.sort, page: st.page, filters: f, download: ""};
	}

	// go shows st and records it in the history: a new entry when push,
	// else in place (while typing).
	function go(st, push) {
		var url = stateURL(st);
		if (push) {
			history.pushState(null, "", url);
		} else {
			history.replaceState(null, "", url);
		}
		show(st);
	}

	// state marks the page for tests and tools: data-search is "busy" while
	// a search runs and "ready" when its results and facets are shown;
	// data-search-at is then the time since navigation start, in ms.
	function state(s) {
		var de = document.documentElement;
		de.dataset.search = s;
		if (s === "ready") {
			de.dataset.searchAt = Math.round(performance.now());
		}
	}

	function show(st) {
		var id = ++runID;
		state("busy");
		page$.q.value = st.q;
		page$.sort.value = st.sort;
		var header = document.getElementById("site-q");
		if (header) {
			header.value = st.q;
		}
		status("Searching…");
		var filters = {};
		Object.keys(st.filters).forEach(function (f) { filters[f] = st.filters[f]; });
		var t0 = performance.now();
		search(st.q, {filters: filters, sort: st.sort, need: st.page * perPage}).then(function (res) {
			if (id !== runID) {
				return;
			}
			return ensure(res, st.page * perPage).then(function (res) {
				return page(res, (st.page - 1) * perPage, perPage).then(function (ds) {
					if (id !== runID) {
						return;
					}
					current = {st: st, res: res};
					renderPage(st, res, ds);
					document.documentElement.dataset.searchMs = Math.round(performance.now() - t0);
					return facetCounts(res, ds, 64 << 10).then(function (fc) {
						if (id === runID) {
							return renderFacets(st, res, fc);
						}
					}).then(function () {
						if (id !== runID) {
							return;
						}
						state("ready");
						if (st.download && formats[st.download]) {
							return download(st.download, true);
						}
					});
				});
			});
		}).catch(function (err) {
			if (id === runID) {
				status("Search failed: " + err.message);
				state("failed");
			}
		});
	}

	// ensure makes res hold at least n ranked docs: a single term's head may
	// be too short, then its full postings are read.
	function ensure(res, n) {
		if (!res.partial || res.docs.length >= Math.min(n, res.total)) {
			return Promise.resolve(res);
		}
		var g = res.q.groups.filter(function (x) { return !x.neg; })[0];
		return groupPostings(g).then(function (l) {
			return rank(l, "relevance").then(function (ordered) {
				res.docs = ordered;
				res.partial = false;
				res.base = l.docs;
				return res;
			});
		});
	}

	function status(text) {
		page$.status.textContent = text;
	}

	function fmt(n) {
		return n.toLocaleString("en-US");
	}

	function renderPage(st, res, ds) {
		var match = matcher(res);
		var ol = page$.results;
		ol.textContent = "";
		var from = (st.page - 1) * perPage;
		ol.start = from + 1;
		ds.forEach(function (d) { ol.appendChild(renderHit(d, match, {})); });
		var words = st.q.trim();
		var msg;
		if (!res.total) {
			msg = words ? "No patent matches " + quote(words) + "." : "No patent matches these filters.";
		} else {
			msg = (res.total > perPage ? fmt(from + 1) + "–" + fmt(from + ds.length) + " of " : "") + fmt(res.total) +
				(res.total === 1 ? " patent" : " patents") + (words ? " for " + quote(words) : "") + ".";
			if (res.fallback) {
				msg += " None has every word; these have some of them.";
			}
			if (res.numbers && st.page === 1) {
				msg += res.numbers === 1 ? " The first is the publication number you gave." : " The first " + res.numbers + " match the publication numbers you gave.";
			}
		}
		status(msg);
		document.title = (words ? words + " · " : "") + document.title.replace(/^.* · (?=[^·]*· )/, "");
		renderPager(st, res);
		renderDownloads(st, res);
	}

	function quote(s) {
		return "“" + s + "”";
	}

	function link(text, st, cls) {
		var a = document.createElement("a");
		a.href = stateURL(st);
		a.textContent = text;
		if (cls) {
			a.className = cls;
		}
		a.addEventListener("click", function (ev) {
			if (ev.button === 0 && !ev.ctrlKey && !ev.metaKey && !ev.shiftKey) {
				ev.preventDefault();
				go(st, true);
				if (page$.status.scrollIntoView) {
					page$.status.scrollIntoView({block: "nearest"});
				}
			}
		});
		return a;
	}

	function renderPager(st, res) {
		var nav = page$.pager;
		nav.textContent = "";
		var pages = Math.ceil(res.total / perPage);
		if (pages <= 1) {
			return;
		}
		var ul = document.createElement("ul");
		var add = function (n, label) {
			var li = document.createElement("li");
			if (n === st.page) {
				var cur = document.createElement("span");
				cur.textContent = label;
				cur.setAttribute("aria-current", "page");
				li.appendChild(cur);
			} else {
				var s = copyState(st);
				s.page = n;
				li.appendChild(link(label, s));
			}
			ul.appendChild(li);
		};
		if (st.page > 1) {
			add(st.page - 1, "‹ Previous");
		}
		var lo = Math.max(1, st.page - 3), hi = Math.min(pages, st.page + 3);
		for (var n = lo; n <= hi; n++) {
			add(n, String(n));
		}
		if (st.page < pages) {
			add(st.page + 1, "Next ›");
		}
		nav.appendChild(ul);
	}

	function renderDownloads(st, res) {
		var p = page$.dl;
		p.textContent = "";
		if (!res.total) {
			return;
		}
		p.appendChild(document.createTextNode(res.total > downloadCap ? "Download the first " + fmt(downloadCap) + ": " : "Download these results: "));
		Object.keys(formats).forEach(function (k, i) {
			if (i) {
				p.appendChild(document.createTextNode(" · "));
			}
			var a = document.createElement("a");
			a.href = "#";
			a.id = "download-" + k;
			a.textContent = formats[k].label;
			a.addEventListener("click", function (ev) {
				if (a.dataset.ready) {
					return; // the blob URL downloads
				}
				ev.preventDefault();
				download(k, true);
			});
			p.appendChild(a);
		});
	}

	// download makes the file of the current results in format k, points its
	// link at it and, when click, saves it.
	function download(k, click) {
		var res = current.res, f = formats[k];
		var a = document.getElementById("download-" + k);
		var n = Math.min(res.total, downloadCap);
		a.textContent = f.label + " (preparing…)";
		var all = Array.prototype.slice.call(res.docs, 0, n);
		return docs(all).then(function (ds) {
			if (res.q.phrases.length) {
				ds = ds.filter(function (d) { return phraseOK(res, d); });
			}
			var text = f.make(ds);
			api.lastDownload = {format: k, count: ds.length, text: text};
			var blob = new Blob([text], {type: f.type});
			a.href = URL.createObjectURL(blob);
			a.download = "patents." + f.ext;
			a.dataset.ready = String(ds.length);
			a.textContent = f.label;
			if (click) {
				a.click();
			}
		});
	}

	function renderFacets(st, res, fc) {
		var box = page$.facets;
		box.textContent = "";
		if (!res.total && !Object.keys(st.filters).length) {
			return;
		}
		var titles = ["Assignee", "CPC subclass", "IPC subclass", "Country", "Publication year", "Kind"];
		var work = fc.counts.map(function (list, k) {
			var chosen = st.filters[facetNames[k]] || [];
			var top = list.slice(0, k === 0 ? 10 : 12);
			return Promise.all(top.map(function (x) { return facetValue(k, x[0]); })).then(function (vals) {
				var items = top.map(function (x, i) { return {label: vals[i].label, value: vals[i].value, n: x[1]}; });
				chosen.forEach(function (v) {
					if (!items.some(function (it) { return it.value === v; })) {
						items.push({label: v, value: v, n: null});
					}
				});
				return items;
			});
		});
		return Promise.all(work).then(function (groups) {
			groups.forEach(function (items, k) {
				if (!items.length) {
					return;
				}
				var fs = document.createElement("section");
				fs.className = "facet";
				var h = document.createElement("h2");
				h.textContent = titles[k];
				fs.appendChild(h);
				var ul = document.createElement("ul");
				items.forEach(function (it) {
					var li = document.createElement("li");
					var name = facetNames[k];
					var chosen = (st.filters[name] || []).indexOf(it.value) >= 0;
					var s = copyState(st);
					s.page = 1;
					s.filters[name] = chosen ? s.filters[name].filter(function (v) { return v !== it.value; }) : (s.filters[name] || []).concat([it.value]);
					if (!s.filters[name].length) {
						delete s.filters[name];
					}
					var a = link(it.label, s, "facet-value");
					if (chosen) {
						li.className = "chosen";
						var hint = document.createElement("span");
						hint.className = "vh";
						hint.textContent = " (chosen; follow to remove)";
						a.appendChild(hint);
					}
					li.appendChild(a);
					if (it.n !== null) {
						var c = document.createElement("span");
						c.className = "n";
						c.textContent = (fc.exact ? "" : "≈") + fmt(it.n);
						li.appendChild(c);
					}
					ul.appendChild(li);
				});
				fs.appendChild(ul);
				box.appendChild(fs);
			});
			if (!fc.exact) {
				var more = document.createElement("button");
				more.type = "button";
				more.className = "exact";
				more.textContent = "Count exactly";
				more.addEventListener("click", function () {
					more.disabled = true;
					facetCounts(current.res, [], Infinity).then(function (exact) { renderFacets(st, current.res, exact); });
				});
				var note = document.createElement("p");
				note.className = "facet-note";
				note.textContent = "Counts marked ≈ are estimated from a sample. ";
				note.appendChild(more);
				box.appendChild(note);
			}
		});
	}

	// ---- the search box of every page ----

	function setupBox() {
		var input = document.getElementById("site-q") || document.querySelector('form[role="search"] input[name="q"]');
		if (!input) {
			return;
		}
		document.addEventListener("keydown", function (ev) {
			if (ev.key !== "/" || ev.ctrlKey || ev.metaKey || ev.altKey) {
				return;
			}
			var t = ev.target;
			if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) {
				return;
			}
			ev.preventDefault();
			var box = page$ ? page$.q : input;
			box.focus();
			box.select();
		});
		if (page$) {
			// On the search page the header box runs the page's search.
			input.form.addEventListener("submit", function (ev) {
				ev.preventDefault();
				var st = readURL();
				st.q = input.value;
				st.page = 1;
				go(st, true);
			});
			return;
		}
		var list = document.createElement("ul");
		list.id = "search-suggest";
		list.className = "suggest";
		list.setAttribute("role", "listbox");
		list.setAttribute("aria-label", "Search results");
		list.hidden = true;
		input.setAttribute("role", "combobox");
		input.setAttribute("aria-autocomplete", "list");
		input.setAttribute("aria-controls", list.id);
		input.setAttribute("aria-expanded", "false");
		input.form.classList.add("has-suggest");
		input.form.appendChild(list);
		var timer = 0, active = -1, run = 0;
		function close() {
			list.hidden = true;
			input.setAttribute("aria-expanded", "false");
			input.removeAttribute("aria-activedescendant");
			active = -1;
		}
		function setActive(i) {
			var items = list.querySelectorAll("[role=option]");
			if (!items.length) {
				return;
			}
			active = (i + items.length) % items.length;
			items.forEach(function (el, j) { el.setAttribute("aria-selected", j === active ? "true" : "false"); });
			input.setAttribute("aria-activedescendant", items[active].id);
		}
		input.addEventListener("input", function () {
			clearTimeout(timer);
			var value = input.value;
			delete document.documentElement.dataset.suggest;
			if (!value.trim()) {
				close();
				return;
			}
			timer = setTimeout(function () { suggest(value, ++run); }, 100);
		});
		function suggest(value, id) {
			search(value, {live: true, need: 7}).then(function (res) {
				return ensure(res, 7).then(function () {
					var ids = Array.prototype.slice.call(res.docs, 0, 7);
					return docs(ids).then(function (ds) {
						if (id !== run || input.value !== value) {
							return;
						}
						if (res.q.phrases.length) {
							ds = ds.filter(function (d) { return phraseOK(res, d); });
						}
						var match = matcher(res);
						list.textContent = "";
						ds.forEach(function (d, i) {
							var li = renderHit(d, match, {brief: true});
							li.id = "search-suggest-" + i;
							li.setAttribute("role", "option");
							li.setAttribute("aria-selected", "false");
							list.appendChild(li);
						});
						var more = document.createElement("li");
						more.className = "suggest-all";
						var a = document.createElement("a");
						a.href = root + "search/index.html?q=" + encodeURIComponent(value);
						a.textContent = res.total ? "All " + fmt(res.total) + " results" : "No patent matches; search anyway";
						more.appendChild(a);
						list.appendChild(more);
						list.hidden = false;
						input.setAttribute("aria-expanded", "true");
						active = -1;
						document.documentElement.dataset.suggest = value;
					});
				});
			}).catch(function () { close(); });
		}
		input.addEventListener("keydown", function (ev) {
			if (list.hidden) {
				return;
			}
			if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
				ev.preventDefault();
				setActive(active + (ev.key === "ArrowDown" ? 1 : -1));
			} else if (ev.key === "Enter" && active >= 0) {
				ev.preventDefault();
				var a = list.querySelectorAll("[role=option]")[active].querySelector("a");
				location.href = a.href;
			} else if (ev.key === "Escape") {
				ev.preventDefault();
				close();
			}
		});
		document.addEventListener("click", function (ev) {
			if (!input.form.contains(ev.target)) {
				close();
			}
		});
	}

	function init() {
		if (!document.querySelector('link[href$="search.css"]')) {
			var css = document.createElement("link");
			css.rel = "stylesheet";
			css.href = root + "assets/search.css";
			document.head.appendChild(css);
		}
		setupPage();
		setupBox();
	}

	var api = window.patentsiteSearch = {
		search: search, parseQuery: parseQuery, parseNumber: parseNumber, tokenize: tokenize, terms: terms,
		fold: fold, stem: stem, docs: docs, facetCounts: facetCounts, loadMeta: loadMeta, ris: ris, bibtex: bibtex, csv: csv
	};

	if (document.readyState === "loading") {
		document.addEventListener("DOMContentLoaded", init);
	} else {
		init();
	}
})();
