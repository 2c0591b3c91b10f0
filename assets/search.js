// search.js: the search engine of patentsite, written for it. It runs the
// search box in the header of every page (results as you type) and the
// results page search/index.html (facets, sorting, pages, downloads), from
// the index files that build/search writes under search/s/. Each index
// file is a classic script that calls patentsiteIndex(name, data), so the
// engine works from a web server, under a sub-path and from file:// alike:
// no fetch, no modules, no WebAssembly. docs/search.md describes the files
// and the ranking; build/search/token.go and numbers.go are the reference
// for the tokenizer and the number reader below, and tests check that both
// sides agree.
(() => {
	"use strict";

	const me = document.currentScript;
	const root = me ? me.src.replace(/assets\/search\.js(?:[?#].*)?$/, "") : "";
	const dir = root + "search/s/";
	const de = document.documentElement;

	// ---- loading ----

	// got holds the payloads loaded so far: meta, and the first files of the
	// query, may be in already when the search page's own <script async>
	// for meta.js ran before this file (build/search/boot.js).
	const got = Object.assign({}, window.patentsitePending), waits = {};
	let meta = null, version = "";
	window.patentsiteIndex = (name, v) => {
		got[name] = v;
		(waits[name] || []).forEach(w => w[0](v));
		delete waits[name];
	};

	// load returns a promise of the payload of search/s/<name>.js.
	const load = name => name in got ? Promise.resolve(got[name]) : new Promise((ok, fail) => {
		if (waits[name]) {
			return waits[name].push([ok, fail]);
		}
		waits[name] = [[ok, fail]];
		const failed = () => {
			(waits[name] || []).forEach(w => w[1](new Error("cannot load the search index (" + name + ".js)")));
			delete waits[name];
		};
		const insert = () => {
			const s = document.createElement("script");
			// meta.js names the version of the other files; their URLs carry it,
			// so that a browser's cache never mixes two builds.
			s.src = dir + name + ".js" + (version ? "?v=" + version : "");
			s.onerror = failed;
			s.onload = () => s.remove();
			document.head.append(s);
		};
		// The search page loads meta.js itself, before this file, and meta.js
		// the first files of the query in the address (build/search/boot.js):
		// wait for those (and insert another if one failed before this file
		// ran, or, for meta.js, which cannot say so, if it has not answered
		// in 3 s).
		const url = new URL(dir + name + ".js", location.href).href, urls = [url, url + "?v=" + version];
		const own = Array.from(document.scripts).find(s => urls.includes(s.src));
		if (own && "failed" in own.dataset) {
			own.remove();
			return insert();
		}
		if (own) {
			own.addEventListener("error", failed);
			setTimeout(() => waits[name] && insert(), 3000);
			return;
		}
		insert();
	});

	// file returns a promise of a file's payload decoded by f, once.
	const files = {};
	const file = (name, f = JSON.parse) => files[name] || (files[name] = load(name).then(f));

	const loadMeta = () => file("meta", s => {
		meta = JSON.parse(s);
		version = meta.v;
		meta.stopSet = new Set(meta.stop);
		return meta;
	});

	// ---- text: the same folding, tokenizing and stemming as token.go ----

	const special = {Æ: "ae", æ: "ae", Ð: "d", ð: "d", Ø: "o", ø: "o", Þ: "th", þ: "th", ß: "ss", ẞ: "ss", Đ: "d", đ: "d",
		Ħ: "h", ħ: "h", ı: "i", Ĳ: "ij", ĳ: "ij", Ŀ: "l", ŀ: "l", Ł: "l", ł: "l", Œ: "oe", œ: "oe", Ŧ: "t", ŧ: "t"};
	const glyphs = {а: "a", в: "b", е: "e", к: "k", м: "m", н: "h", о: "o", р: "p", с: "c", т: "t", у: "y", х: "x", і: "i",
		ј: "j", ѕ: "s", α: "a", β: "b", ε: "e", ι: "i", κ: "k", ν: "v", ο: "o", ρ: "p", τ: "t", υ: "u", χ: "x"};

	const fold = ch => {
		const c = ch.codePointAt(0);
		if (c >= 0xFF01 && c <= 0xFF5E) {
			return String.fromCharCode(c - 0xFEE0).toLowerCase();
		}
		if (c >= 0xC0 && c <= 0x24F || c >= 0x1E00 && c <= 0x1EFF) {
			const d = ch.normalize("NFD")[0].toLowerCase();
			if (d >= "a" && d <= "z") {
				return d;
			}
		}
		return special[ch] || ch.toLowerCase();
	};

	const isCJK = c => c >= 0x3040 && c <= 0x30FF || c >= 0x3400 && c <= 0x4DBF || c >= 0x4E00 && c <= 0x9FFF ||
		c >= 0xF900 && c <= 0xFAFF || c >= 0x20000 && c <= 0x3FFFF;
	const isLatin = c => c >= 65 && c <= 90 || c >= 97 && c <= 122 || c >= 0xC0 && c <= 0x24F || c >= 0x1E00 && c <= 0x1EFF || c >= 0xFF21 && c <= 0xFF5A;
	const isWord = (ch, c) => c < 128 ? c >= 48 && c <= 57 || c >= 65 && c <= 90 || c >= 97 && c <= 122 :
		c >= 0xFF10 && c <= 0xFF19 || c >= 0xFF21 && c <= 0xFF3A || c >= 0xFF41 && c <= 0xFF5A || !isCJK(c) && /[\p{L}\p{Nd}\p{Mn}]/u.test(ch);

	const stem = w => {
		const n = w.length;
		return n < 4 || w[n - 1] !== "s" || !/^[a-z]+$/.test(w) ? w :
			/ies$/.test(w) && n > 4 && !/[ea]ies$/.test(w) ? w.slice(0, -3) + "y" :
			/(ss|x|ch|sh|zz)es$/.test(w) ? w.slice(0, -2) :
			/(ss|us|is)$/.test(w) ? w : w.slice(0, -1);
	};

	// tokenize returns the tokens of s: {t: term, s: start, e: end (UTF-16
	// offsets), cjk}. A CJK run gives each character and each pair. Runs of
	// ASCII letters and digits, most of the text, are read by a regular
	// expression; the rest goes character by character (tokenizeRun). Read
	// all by characters, the titles and abstracts of the first ten results
	// took 10–20 ms to highlight, in code the browser had not compiled yet.
	const runs = /(?:[A-Za-z0-9']|[^\x00-\x7f])+/g, plain = /^[A-Za-z0-9]+$/;
	const tokenize = s => {
		const out = [];
		for (const m of s.matchAll(runs)) {
			const run = m[0], at = m.index;
			if (plain.test(run)) {
				out.push({t: stem(run.toLowerCase()), s: at, e: at + run.length});
				continue;
			}
			tokenizeRun(run).forEach(t => {
				t.s += at;
				t.e += at;
				out.push(t);
			});
		}
		return out;
	};

	// tokenizeRun is tokenize for a run of s that the expression above
	// found: it ends at ASCII that is neither a letter, a digit nor an
	// apostrophe, which separates words as any other separator does.
	const tokenizeRun = s => {
		const out = [], chars = Array.from(s), at = [0];
		chars.forEach((ch, i) => at.push(at[i] + ch.length));
		const cp = i => chars[i].codePointAt(0);
		for (let i = 0; i < chars.length;) {
			if (isCJK(cp(i))) {
				out.push({t: chars[i], s: at[i], e: at[i + 1], cjk: true});
				let j = i + 1;
				for (; j < chars.length && isCJK(cp(j)); j++) {
					out.push({t: chars[j - 1] + chars[j], s: at[j - 1], e: at[j + 1], cjk: true},
						{t: chars[j], s: at[j], e: at[j + 1], cjk: true});
				}
				i = j;
			} else if (isWord(chars[i], cp(i))) {
				const start = i;
				let w = "", latin = false, glyph = false;
				for (; i < chars.length; i++) {
					const ch = chars[i], c = cp(i);
					if ((ch === "'" || ch === "’") && w && i + 1 < chars.length && isWord(chars[i + 1], cp(i + 1))) {
						continue;
					}
					if (!isWord(ch, c)) {
						break;
					}
					if (isLatin(c)) {
						latin = true;
					} else if (glyphs[ch.toLowerCase()]) {
						glyph = true;
					}
					w += fold(ch);
				}
				if (latin && glyph) {
					w = Array.from(w, x => glyphs[x] || x).join("");
				}
				out.push({t: stem(w), s: at[start], e: at[i]});
			} else {
				i++;
			}
		}
		return out;
	};
	const terms = s => tokenize(s).map(t => t.t);

	// cjkPairs returns the terms of toks, keeping of CJK text the pairs, and
	// single characters only where a run of CJK text is one character long.
	const cjkPairs = toks => {
		const out = [];
		for (let i = 0; i < toks.length;) {
			if (!toks[i].cjk) {
				out.push(toks[i++].t);
				continue;
			}
			const first = toks[i].t, pairs = [];
			for (; i < toks.length && toks[i].cjk; i++) {
				if (toks[i].t.length > 1 && Array.from(toks[i].t).length === 2) {
					pairs.push(toks[i].t);
				}
			}
			out.push(...(pairs.length ? pairs : [first]));
		}
		return out;
	};

	// slug is the catalog's slug of a name (gosimple/slug): folded, with
	// every run of other characters a dash.
	const slug = s => Array.from(s, fold).join("").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

	// ---- numbers: the same reading as ParseNumber in numbers.go ----

	const padWO = s => {
		const rest = s.slice(2), slash = rest.indexOf("/");
		let year = rest.slice(0, 4), serial = rest.slice(4);
		if (slash >= 0) {
			year = rest.slice(0, slash);
			serial = rest.slice(slash + 1);
		} else if (rest.length < 9 || rest.length > 10) {
			return s;
		}
		return year.length !== 4 || !serial || serial.length > 6 || !/^\d+$/.test(year + serial) ? s :
			"WO" + year + serial.padStart(6, "0");
	};

	const parseNumber = s => {
		s = s.toUpperCase().replace(/[\s,.\u00a0]/g, "");
		let kind = "", m = /(\d)([A-Z]\d?)$/.exec(s);
		if (m) {
			kind = m[2];
			s = s.slice(0, -kind.length);
		}
		if (/^WO/.test(s)) {
			s = padWO(s);
		} else if ((m = /^KR10-(\d+)$/.exec(s))) {
			s = "KR10" + m[1];
		} else if ((m = /^KR10-(\d{4})-(\d+)$/.exec(s))) {
			s = "KR" + m[1] + m[2];
		}
		m = /^([A-Z]{2,5})?(\d[0-9A-Z]*)$/.exec(s.replace(/[/-]/g, ""));
		return m && m[2].replace(/\D/g, "").length >= 5 ? {prefix: m[1] || "", key: m[2], kind} : null;
	};

	// ---- queries ----

	const codeRe = /^([A-HY]\d\d[A-Z])(\d{1,4})?(?:\/(\d+))?$/i;
	const fields = ["assignee", "inventor", "cpc", "ipc", "country", "kind", "year", "priority"];
	const suffixes = ["based", "enabled", "driven", "oriented", "assisted", "aware", "powered", "related", "specific", "free"];
	const years = v => {
		const r = /^(\d{4})(?:\.\.(\d{4}))?$/.exec(v), out = [];
		for (let y = r ? +r[1] : 1; r && y <= +(r[2] || r[1]) && out.length < 200; y++) {
			out.push(String(y));
		}
		return out;
	};

	// parseQuery reads the query language: words, "phrases", -exclusions,
	// field:value and field:"value", publication numbers and classification
	// codes. It returns {groups, filters, numbers, phrases}: a result has,
	// of each group, one of its alternative terms (of a negated group, none).
	const parseQuery = q => {
		const res = {groups: [], filters: {}, numbers: [], phrases: []};
		const typing = !/\s$/.test(q || ""); // the last word may be incomplete
		q = (q || "").replace(/\s+/g, " ").trim().replace(/\b([A-HY]\d\d[A-Z]) (\d{1,4}\/\d+)\b/gi, "$1$2"); // "H04L 9/32"
		// A number with spaces or commas in it ("us 10,637,644") is one.
		const whole = /[ ,]/.test(q) && /^[A-Za-z]{0,5}[\d ,./-]+[A-Za-z]?\d?$/.test(q) && parseNumber(q);
		if (whole) {
			whole.raw = q;
			res.numbers.push(whole);
			return res;
		}
		const re = /(-?)(?:([a-z]+):)?(?:"([^"]*)"?|(\S+))/gi;
		for (let m; (m = re.exec(q));) {
			let neg = m[1] === "-", field = (m[2] || "").toLowerCase(), text = m[3] !== undefined ? m[3] : m[4];
			const quoted = m[3] !== undefined;
			if (field && !fields.includes(field)) {
				text = m[2] + ":" + text;
				field = "";
			}
			const suffix = neg && !field && !quoted && suffixes.includes(text.toLowerCase());
			if (suffix) {
				neg = false; // "blockchain -based" is a spelling, not an exclusion
			}
			if (text) {
				addPart(res, field, text, quoted, neg, typing && !suffix && !quoted && m.index + m[0].length === q.length);
			}
		}
		// Stop words go, unless they are all there is.
		const content = res.groups.filter(g => g.code || g.field || !(meta && meta.stopSet.has(g.alts[0])));
		if (content.length) {
			res.groups = content;
		}
		return res;
	};

	const addPart = (res, field, text, quoted, neg, last, noNumber) => {
		const code = codeRe.exec(text.replace(/ /g, ""));
		const filter = (f, v) => (res.filters[(neg ? "-" : "") + f] = res.filters[(neg ? "-" : "") + f] || []).push(v);
		if (field === "country" || field === "kind") {
			return text.split(",").forEach(v => filter(field, v.toUpperCase()));
		}
		if (field === "year" || field === "priority") {
			return years(text).forEach(y => filter(field, y));
		}
		if (field === "cpc" || field === "ipc") {
			return code && res.groups.push({code, schemes: [field[0]], neg});
		}
		if (field === "assignee" || field === "inventor") {
			const ns = field === "assignee" ? "a:" : "n:", ws = terms(text);
			if (ws.length === 1) {
				res.groups.push({alts: [ns + ws[0]], prefix: last ? ns + ws[0] : "", neg, field});
			} else if (ws.length > 1) {
				// A whole name is the catalog's assignee or inventor of that
				// slug ("zhiguo li" finds LI ZHIGUO too); else its words, next to
				// each other in a name of the documents shown.
				const names = [text, text.split(/\s+/).reverse().join(" ")].slice(0, ns === "n:" && ws.length === 2 ? 2 : 1);
				res.groups.push({alts: names.map(n => ns.toUpperCase() + slug(n)), words: ws.map(w => ns + w), neg, field});
				res.phrases.push({text, neg, field, either: names.length > 1});
			}
			return;
		}
		if (!quoted) {
			const num = !noNumber && !neg && /^[A-Za-z]{0,5}\d/.test(text) && parseNumber(text);
			if (num) {
				num.raw = text;
				return res.numbers.push(num);
			}
			if (code && (code[2] || /^[A-HY]\d\d[A-Z]$/i.test(text))) {
				return res.groups.push({code, schemes: ["c", "i"], neg});
			}
		}
		// Free text: a group per word and per pair of CJK characters; a
		// quoted phrase is also checked whole against the documents shown.
		const words = cjkPairs(tokenize(text));
		if (quoted && words.length > 1) {
			res.phrases.push({text, neg});
		}
		words.forEach((w, i) => res.groups.push({alts: [w], prefix: last && i === words.length - 1 && !isCJK(w.codePointAt(0)) ? w : "", neg}));
	};

	// ---- the index ----

	const hash = s => {
		let h = 2166136261;
		for (const ch of s) {
			h = Math.imul(h ^ ch.codePointAt(0), 16777619) >>> 0;
		}
		return h;
	};

	// completionKey is shardKey in index.go.
	const completionKey = term => {
		const ns = term[1] === ":" ? term.slice(0, 2) : "", t = term.slice(ns.length);
		if ("ci".includes(ns[0] || "-")) {
			const m = /^([^/]*)(\/..?)?/.exec(t);
			return ns + m[1] + (m[2] || "");
		}
		return ns + Array.from(t).slice(0, 3).join("");
	};

	const A = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", AV = {};
	[...A].forEach((c, i) => AV[c] = i);

	// vints decodes a string of variable-length numbers (see encode.go);
	// with skip, a character follows each number and goes to extra.
	const vints = (s, skip, extra) => {
		const out = [];
		for (let i = 0, v = 0; i < s.length; i++) {
			const d = AV[s[i]];
			v = v * 32 + (d & 31);
			if (d < 32) {
				out.push(v);
				v = 0;
				if (skip) {
					extra.push(AV[s[++i]]);
				}
			}
		}
		return out;
	};

	const idf = df => Math.log(1 + (meta.n - df + 0.5) / (df + 0.5));
	const isName = t => t[1] === ":" && "anAN".includes(t[0]);

	// entry parses a dictionary entry: df|max|head|est|pack|idx, or with the
	// tail inline, df|max|head|est||tail; a seventh field is the term's
	// first page (the records of the first ten docs of the head, deflated).
	const entry = (term, text) => {
		const f = text.split("|"), df = +f[0], hq = [];
		return {term, df, max: f[1] ? +f[1] : "an".includes(term[1] === ":" ? term[0] : "-") ? idf(df) : 0,
			head: vints(f[2], true, hq), hq, est: +f[3] || 0, pack: f[4], idx: +f[5] || 0, inline: f[4] === "" && f[5], first: f[6]};
	};

	const entries = {};
	// lookup resolves terms to their entries (null when not in the index).
	const lookup = list => Promise.all(list.map(t => entries[t] || (entries[t] = file(
		(isName(t) ? "u" + hash(t) % meta.ndict : "t" + hash(t) % meta.dict)).then(sh => t in sh ? entry(t, sh[t]) : null))));

	const statsOf = term => file("s" + hash(term) % meta.stats).then(sh => sh[term] || null);

	// completions returns up to n terms of the index that start with prefix
	// and are longer, the most frequent first.
	const completions = (prefix, n) => file("k" + hash(completionKey(prefix)) % meta.comp).then(sh => {
		const list = sh[completionKey(prefix)] || [], out = [];
		for (let i = 0; i < list.length && out.length < n; i += 2) {
			if (list[i].length > prefix.length && list[i].startsWith(prefix)) {
				out.push(list[i]);
			}
		}
		return out;
	});

	// postings returns {docs, q}: every doc of e in id order, with its impact
	// (1–63 of e.max) from the tail, else the head, else the estimate.
	const postings = e => {
		if (e.head.length === e.df) {
			const idx = e.head.map((_, i) => i).sort((a, b) => e.head[a] - e.head[b]);
			return Promise.resolve({docs: idx.map(i => e.head[i]), q: idx.map(i => e.hq[i])});
		}
		return e.tail || (e.tail = (e.inline ? Promise.resolve([e.inline]) : file("p" + e.pack, x => x)).then(pack => {
			const s = pack[e.inline ? 0 : e.idx], docs = [], q = [];
			if (s[0] === "L" || s[0] === "M") {
				let prev = -1;
				vints(s.slice(1), s[0] === "L", q).forEach(g => docs.push(prev += g + 1));
			} else if (s[0] === "B") {
				for (let i = 1; i < s.length; i++) {
					for (let d = AV[s[i]], b = 0; d; b++, d >>= 1) {
						if (d & 1) {
							docs.push((i - 1) * 6 + b);
						}
					}
				}
			} else {
				const xs = vints(s.slice(1));
				for (let i = 0, end = 0; i < xs.length; i += 2) {
					for (let k = 0, start = end + xs[i]; k <= xs[i + 1]; k++) {
						docs.push(end = start + k);
					}
					end++;
				}
			}
			if (s[0] !== "L") {
				const hq = new Map(e.head.map((d, i) => [d, e.hq[i]]));
				docs.forEach(d => q.push(hq.has(d) ? hq.get(d) : e.est));
			}
			return {docs, q};
		}));
	};

	// ---- documents, facet columns, names ----

	const inflate = b64 => {
		const bin = atob(b64), u = new Uint8Array(bin.length);
		for (let i = 0; i < bin.length; i++) {
			u[i] = bin.charCodeAt(i);
		}
		return new Response(new Blob([u]).stream().pipeThrough(new DecompressionStream("deflate-raw"))).text().then(JSON.parse);
	};

	// record decodes one facet record at s[i]: country, kind, priority day,
	// then counted lists of assignees, CPC and IPC subclasses.
	const record = (s, i) => {
		const next = () => {
			let v = 0, d;
			do {
				d = AV[s[i++]];
				v = v * 32 + (d & 31);
			} while (d >= 32);
			return v;
		};
		const f = {country: next(), kind: next(), prio: next()};
		["a", "c", "i"].forEach(k => {
			f[k] = [];
			for (let n = next(); n > 0; n--) {
				f[k].push(next());
			}
		});
		return [f, i];
	};

	// docs returns the documents with the given ids, in order: from the
	// first pages read so far, else from the document shards; with whole,
	// always from the shards (a first page holds a stretch of each abstract:
	// cut, 1 when text before it is left out, +2 after). known maps a doc to
	// the promise of it from a first page.
	const known = new Map();
	const docs = (ids, whole) => Promise.all(ids.map(d => !whole && known.get(d) ||
		file("d" + Math.floor(d / meta.docs), inflate).then(sh => docOf(d, sh[d % meta.docs]))));
	const docOf = (d, r) => ({doc: d, id: r[0], title: r[1], assignees: r[2], inventors: r[3], pub: r[4], prio: r[5], abstract: r[6], lang: r[7], facets: record(r[8], 0)[0], cut: r[9] || 0});

	// firstPage reads the first page in entry e: the records of its first
	// ten docs.
	const firstPage = e => {
		const page = e.page || (e.page = inflate(e.first));
		e.head.slice(0, 10).forEach((d, i) => known.has(d) || known.set(d, page.then(rs => docOf(d, rs[i]))));
	};

	// firstPages reads, of the first pages of the query's terms, those that
	// hold any of the docs ids not known yet, the fullest first: all ten
	// docs of a one-word query, often most of several words'. The document
	// shards of the rest are asked for at the same time, by docs.
	const firstPages = (res, ids) => {
		const want = new Set(ids.filter(d => !known.has(d)));
		const es = [].concat(...res.q.groups.filter(g => !g.neg).map(g => g.terms || [])).filter(e => e.first);
		for (;;) {
			let best = null, most = 0;
			es.forEach(e => {
				const k = e.head.slice(0, 10).filter(d => want.has(d)).length;
				if (k > most) {
					best = e;
					most = k;
				}
			});
			if (!best) {
				return;
			}
			firstPage(best);
			best.head.slice(0, 10).forEach(d => want.delete(d));
		}
	};

	// shownDocs returns the documents ids of res to show: from the first
	// pages of its terms where they hold them, unless a phrase must be
	// checked on their whole text.
	const shownDocs = (res, ids) => {
		const whole = res.q.phrases.length > 0;
		if (!whole) {
			firstPages(res, ids);
		}
		return docs(ids, whole);
	};

	// column returns chunk k of the facet columns: a Map doc → facets.
	const column = k => file("f" + k, s => {
		const m = new Map();
		for (let i = 0, d = k; i < s.length; d += meta.cols) {
			const r = record(s, i);
			m.set(d, r[0]);
			i = r[1];
		}
		return m;
	});

	const nameOf = id => id < meta.names.length ? Promise.resolve(meta.names[id]) :
		file("a" + Math.floor(id / meta.per)).then(list => list[id % meta.per]);

	const yearOf = d => {
		let y = 0;
		while (y + 1 < meta.ys.length && meta.ys[y + 1] <= d) {
			y++;
		}
		return y;
	};

	// numberHits returns the docs each number leads to.
	const numberHits = nums => Promise.all(nums.map(n => file("n" + hash(n.key) % meta.nums).then(sh => {
		let hits = sh[n.key] || [];
		const narrow = keep => {
			const h = hits.filter(keep);
			if (h.length) {
				hits = h;
			}
		};
		narrow(h => !n.prefix || h[0] === n.prefix);
		narrow(h => n.kind && h[1] === n.kind);
		return hits.map(h => h[2]);
	})));

	// ---- evaluation ----

	const facetNames = ["assignee", "cpc", "ipc", "country", "year", "kind"];
	const filterNS = {country: "C:", kind: "K:", priority: "P:", assignee: "A:", inventor: "N:"};

	// resolve gives each group .terms: the entries of its alternatives, of
	// a code's subtree, and of the completions of a word being typed.
	const resolve = (groups, live) => Promise.all(groups.map(g => {
		let alts = Promise.resolve(g.alts);
		if (g.code) {
			const [, sub, group, digits] = g.code, base = (sub + (group || "")).toLowerCase();
			alts = Promise.all(g.schemes.map(s => {
				const p = s + ":" + base + (digits === undefined ? "" : "/" + digits);
				const more = digits === undefined ? [] : digits.length > 1 ? [p] : [...Array(10).keys()].map(k => p + k);
				return Promise.all(more.map(x => completions(x, 500))).then(ls => [p].concat(...ls));
			})).then(ls => [].concat(...ls));
		}
		return alts.then(lookup).then(es => {
			const found = es.filter(Boolean);
			if (g.words && !found.length) {
				// No such name: every word, in any name.
				return lookup(g.words).then(ws => {
					g.all = ws;
					return ws.filter(Boolean);
				});
			}
			const word = (g.prefix || "").replace(/^[an]:/, "");
			if (!word || Array.from(word).length < 3 || !live && found.length) {
				return found;
			}
			return completions(g.prefix, live ? 3 : 5).then(lookup).then(more => found.concat(more.filter(e => e && !found.includes(e))));
		}).then(found => {
			g.terms = found;
			return g;
		});
	}));

	// groupPostings returns {docs, w}: the union of the group's postings,
	// with each doc's best impact.
	const groupPostings = g => g.all ? Promise.all(g.all.map(e => e ? groupPostings({terms: [e]}) : {docs: [], w: []})).then(intersect) :
		Promise.all(g.terms.map(postings)).then(ps => {
		if (ps.length === 1) {
			const max = g.terms[0].max / 63;
			return {docs: ps[0].docs, w: ps[0].q.map(q => q * max)};
		}
		const m = new Map();
		ps.forEach((p, j) => p.docs.forEach((d, i) => {
			const w = g.terms[j].max * p.q[i] / 63;
			if (!(m.get(d) >= w)) {
				m.set(d, w);
			}
		}));
		const ds = [...m.keys()].sort((a, b) => a - b);
		return {docs: ds, w: ds.map(d => m.get(d))};
	});

	// members returns the set of docs of any of the terms.
	const members = list => lookup(list).then(es => Promise.all(es.filter(Boolean).map(postings)))
		.then(ps => new Set([].concat(...ps.map(p => p.docs))));

	// filterSets returns, per facet with chosen values, the docs that pass.
	const filterSets = filters => {
		const out = {};
		return Promise.all(Object.keys(filters).map(f => {
			const neg = f[0] === "-", name = f.replace("-", ""), vals = filters[f];
			let set;
			if (name === "year") {
				const ranges = vals.map(y => meta.years.indexOf(y)).filter(i => i >= 0).map(i => [meta.ys[i], meta.ys[i + 1] || meta.n]);
				set = Promise.resolve({has: d => ranges.some(r => d >= r[0] && d < r[1])});
			} else {
				// A code as in a page's path ("H04L9-3239") or written ("H04L9/3239").
				set = members(vals.map(v => name === "cpc" || name === "ipc" ? name[0] + ":" + v.replace(/ /g, "").replace("-", "/").toLowerCase() : filterNS[name] + v));
			}
			return set.then(s => out[f] = neg ? {has: d => !s.has(d)} : s);
		})).then(() => out);
	};

	const passes = (fsets, d) => Object.values(fsets).every(s => s.has(d));

	// search runs a query. The result:
	//   docs      doc ids, best first; with partial, only the best ones
	//   total     how many match
	//   numbers   how many of the first docs a publication number found
	//   fallback  no doc has every word: these have some
	//   stats     the term whose facet counts apply, or meta.all, or null
	//   base      the docs the facets count over (before facet filters), or null for all
	const search = (query, opt = {}) => loadMeta().then(() => {
		const q = parseQuery(query);
		Object.keys(opt.filters || {}).forEach(f => q.filters[f] = (q.filters[f] || []).concat(opt.filters[f]));
		return numberHits(q.numbers).then(hits => {
			// A "number" that leads nowhere is read as words.
			q.numbers.forEach((n, i) => hits[i].length || addPart(q, "", n.raw, false, false, false, true));
			const nums = [...new Set([].concat(...hits))];
			return resolve(q.groups, opt.live).then(() => evaluate(q, nums, opt));
		});
	});

	const evaluate = (q, nums, opt) => {
		const pos = q.groups.filter(g => !g.neg), neg = q.groups.filter(g => g.neg), filters = Object.keys(q.filters);
		const sort = opt.sort || "relevance", res = {q, numbers: 0, fallback: false, partial: false, stats: null, base: null};
		// A single term: its head holds the first results and its stats the facets.
		const e = pos.length === 1 && pos[0].terms.length === 1 && !pos[0].all && pos[0].terms[0];
		if (e && !neg.length && !filters.length && !nums.length && sort === "relevance" && (opt.need || 10) <= e.head.length) {
			const complete = e.head.length === e.df;
			return Object.assign(res, {docs: e.head, total: e.df, partial: !complete, stats: complete ? null : e.term, base: complete ? e.head : null, group: pos[0]});
		}
		if (!pos.length && !neg.length && !filters.length && (nums.length || !sort.startsWith("priority"))) {
			const all = q.groups.length || nums.length ? nums : allDocs(sort);
			return Object.assign(res, {docs: all, total: all.length, numbers: nums.length, stats: q.groups.length || nums.length ? null : "", base: nums.length ? nums : null});
		}
		return Promise.all([
			Promise.all(pos.map(groupPostings)), Promise.all(neg.map(groupPostings)), filterSets(q.filters)
		]).then(([lists, excl, fsets]) => {
			let base = pos.length ? intersect(lists) : {docs: allDocs("oldest"), w: []};
			if (!base.docs.length && lists.length > 1) {
				base = union(lists);
				res.fallback = base.docs.length > 0;
			}
			const out = new Set([].concat(...excl.map(l => l.docs)));
			if (out.size) {
				base = keep(base, d => !out.has(d));
			}
			res.base = pos.length || neg.length ? base.docs : null;
			res.fsets = fsets;
			if (!pos.length && filters.length === 1 && q.filters[filters[0]].length === 1 && filters[0][0] !== "-" && filters[0] !== "year") {
				const f = filters[0], v = q.filters[f][0];
				res.stats = f === "cpc" || f === "ipc" ? f[0] + ":" + v.replace(/ /g, "").replace("-", "/").toLowerCase() : filterNS[f] + v;
				res.single = f;
			}
			return rank(keep(base, d => passes(fsets, d)), sort).then(ordered => {
				// Publication numbers first.
				const first = nums.filter(d => passes(fsets, d)), seen = new Set(first);
				res.docs = first.concat(ordered.filter(d => !seen.has(d)));
				res.numbers = first.length;
				res.total = res.docs.length;
				return res;
			});
		});
	};

	const allDocs = sort => {
		const a = [...Array(meta.n).keys()];
		return sort === "oldest" || sort === "priority-oldest" ? a : a.reverse();
	};

	const intersect = lists => {
		if (lists.some(l => !l.docs.length)) {
			return {docs: [], w: []};
		}
		const order = lists.slice().sort((a, b) => a.docs.length - b.docs.length);
		let {docs, w} = order[0];
		order.slice(1).forEach(l => {
			const nd = [], nw = [];
			for (let i = 0, j = 0; i < docs.length; i++) {
				while (j < l.docs.length && l.docs[j] < docs[i]) {
					j++;
				}
				if (l.docs[j] === docs[i]) {
					nd.push(docs[i]);
					nw.push(w[i] + l.w[j]);
				}
			}
			docs = nd;
			w = nw;
		});
		return {docs, w};
	};

	// union ranks docs with some of the words: by how many, then by weight.
	const union = lists => {
		const m = new Map();
		lists.forEach(l => l.docs.forEach((d, i) => m.set(d, (m.get(d) || 0) + 1000 + l.w[i])));
		const ds = [...m.keys()].sort((a, b) => a - b);
		return {docs: ds, w: ds.map(d => m.get(d))};
	};

	const keep = (l, pred) => {
		const docs = [], w = [];
		l.docs.forEach((d, i) => {
			if (pred(d)) {
				docs.push(d);
				w.push(l.w[i]);
			}
		});
		return {docs, w};
	};

	// rank orders docs by weight (the newest first among equals: doc ids
	// follow publication dates), or by publication or priority date.
	const rank = (l, sort) => {
		if (sort === "newest" || sort === "oldest") {
			return Promise.resolve(sort === "newest" ? l.docs.slice().reverse() : l.docs.slice());
		}
		const idx = l.docs.map((_, i) => i);
		if (sort.startsWith("priority")) {
			return allColumns().then(get => {
				const sign = sort === "priority-newest" ? -1 : 1, day = i => get(l.docs[i]).prio;
				return idx.sort((a, b) => !day(a) !== !day(b) ? (day(a) ? -1 : 1) : sign * (day(a) - day(b) || l.docs[a] - l.docs[b])).map(i => l.docs[i]);
			});
		}
		return Promise.resolve(idx.sort((a, b) => l.w[b] - l.w[a] || l.docs[b] - l.docs[a]).map(i => l.docs[i]));
	};

	const allColumns = () => Promise.all([...Array(meta.cols).keys()].map(column)).then(cs => d => cs[d % meta.cols].get(d));

	// ---- facets ----

	// facetCounts returns {counts: per facet [[value, count], …] most first,
	// exact}. A facet's own chosen values do not narrow its counts (values
	// of one facet combine with OR); the other facets' do.
	const facetCounts = (res, shown, budget) => {
		const fromStats = s => {
			const counts = s.split(".").map(part => {
				const xs = vints(part), out = [];
				for (let i = 0; i < xs.length; i += 2) {
					out.push([xs[i], xs[i + 1]]);
				}
				return out;
			});
			return {counts, exact: true};
		};
		if (res.stats === "") {
			return Promise.resolve(fromStats(meta.all));
		}
		if (res.stats) {
			return statsOf(res.stats).then(s => {
				if (!s) {
					return ensure(res, res.total).then(() => countOver(res, shown, budget));
				}
				const out = fromStats(s);
				if (res.single) {
					// The chosen facet's own counts are those of everything.
					const k = facetNames.indexOf(res.single);
					out.counts[k] = fromStats(meta.all).counts[k];
				}
				return out;
			});
		}
		return countOver(res, shown, budget);
	};

	// countOver counts the facets of res.base from the documents shown when
	// they are all of them, else from the facet columns: all of them when
	// they fit in budget bytes, else from one chunk, an even sample, scaled.
	const countOver = (res, shown, budget) => {
		const ids = res.base || [...Array(meta.n).keys()];
		const byDoc = new Map(shown.map(d => [d.doc, d.facets]));
		if (ids.every(d => byDoc.has(d))) {
			return Promise.resolve(tally(res, ids, d => byDoc.get(d), 1));
		}
		if (meta.cols * 8192 <= budget) {
			return allColumns().then(get => tally(res, ids, get, 1));
		}
		return column(0).then(c => {
			const sample = ids.filter(d => c.has(d));
			const out = tally(res, sample, d => c.get(d), sample.length ? ids.length / sample.length : 0);
			out.exact = false;
			if (!Object.keys(res.fsets || {}).length) {
				// Years follow from doc ids: exact even so.
				const ym = new Map();
				ids.forEach(d => ym.set(yearOf(d), (ym.get(yearOf(d)) || 0) + 1));
				out.counts[4] = [...ym].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
			}
			return out;
		});
	};

	const tally = (res, ids, get, scale) => {
		const counts = facetNames.map(() => new Map()), fsets = res.fsets || {}, keys = Object.keys(fsets);
		ids.forEach(d => {
			const f = get(d), failed = keys.filter(k => !fsets[k].has(d));
			if (!f || failed.length > 1) {
				return;
			}
			[f.a, f.c, f.i, [f.country], [yearOf(d)], [f.kind]].forEach((vals, k) => {
				if (!failed.length || failed[0] === facetNames[k]) {
					vals.forEach(v => counts[k].set(v, (counts[k].get(v) || 0) + 1));
				}
			});
		});
		return {counts: counts.map(m => [...m].map(x => [x[0], Math.round(x[1] * scale)]).sort((a, b) => b[1] - a[1] || a[0] - b[0])), exact: true};
	};

	// facetValue returns the label and URL value of value v of facet k.
	const facetValue = (k, v) => k ? Promise.resolve([meta.cpc, meta.ipc, meta.cc, meta.years, meta.kinds][k - 1][v] || "")
		.then(s => ({label: s || "no date", value: s})) : nameOf(v).then(n => ({label: n[0], value: n[1]}));

	// ---- results: highlight, snippets, rendering ----

	// matcher returns a function telling whether a token matches the query.
	const matcher = res => {
		const set = new Set(), prefixes = [];
		res.q.groups.forEach(g => {
			if (!g.neg && !g.code && !g.field) {
				(g.terms || []).forEach(e => set.add(e.term));
				g.alts.forEach(a => set.add(a));
				if (g.prefix && Array.from(g.prefix).length >= 3) {
					prefixes.push(g.prefix);
				}
			}
		});
		return t => set.has(t.t) || !t.cjk && prefixes.some(p => t.t.startsWith(p));
	};

	// marks returns the [start, end) spans of s to highlight, merged.
	const marks = (s, match) => {
		const spans = [];
		tokenize(s).forEach(t => {
			const last = spans[spans.length - 1];
			if (!match(t)) {
				return;
			}
			if (last && t.s <= last[1]) {
				last[1] = Math.max(last[1], t.e);
			} else {
				spans.push([t.s, t.e]);
			}
		});
		return spans;
	};

	const el = (tag, cls, text) => {
		const e = document.createElement(tag);
		if (cls) {
			e.className = cls;
		}
		if (text !== undefined) {
			e.textContent = text;
		}
		return e;
	};

	// highlighted appends s[from:to] to e, the spans in <mark>: as text only.
	const highlighted = (e, s, spans, from = 0, to = s.length) => {
		let at = from;
		spans.forEach(([a, b]) => {
			a = Math.max(a, from);
			b = Math.min(b, to);
			if (a < b) {
				e.append(s.slice(at, a), el("mark", "", s.slice(a, b)));
				at = b;
			}
		});
		e.append(s.slice(at, to));
	};

	// snippet returns [from, to] of the stretch of s, about n characters,
	// with the most distinct matches, cut at spaces.
	const snippet = (s, spans, n) => {
		if (s.length <= n) {
			return [0, s.length];
		}
		let best = 0, top = -1;
		spans.forEach((sp, i) => {
			const start = Math.max(0, sp[0] - 40), seen = new Set();
			let score = 0;
			for (let j = i; j < spans.length && spans[j][1] <= start + n; j++) {
				const w = s.slice(spans[j][0], spans[j][1]).toLowerCase();
				score += seen.has(w) ? 0.2 : 1;
				seen.add(w);
			}
			if (score > top) {
				top = score;
				best = start;
			}
		});
		let from = best, to = Math.min(s.length, best + n);
		const a = s.lastIndexOf(" ", from), b = s.indexOf(" ", to);
		from = from > 0 && a > from - 20 && a >= 0 ? a + 1 : from;
		to = to < s.length && b >= 0 && b < to + 20 ? b : to;
		return [from, to];
	};

	const patentURL = id => root + "patent/" + id + "/index.html";

	// hit builds one result: a link to the patent with the title, then the
	// id, primary assignee and date, then the abstract snippet.
	// shown clips a name for display, as the pages do (render.shownMax): a
	// name of 100 KB laid out as one word takes a browser seconds.
	const shown = s => s && s.length > 300 ? s.slice(0, 299) + "…" : s;

	const hit = (d, match, brief) => {
		const li = el("li", "hit"), a = el("a", "hit-title"), zh = d.lang === "zh";
		a.href = patentURL(d.id);
		if (zh) {
			a.lang = "zh";
		}
		if (d.title.length > 2000) {
			a.textContent = d.title.slice(0, 1999) + "…"; // as the page's heading (render.titleMax)
		} else {
			highlighted(a, d.title, marks(d.title, match));
		}
		li.append(a, el("div", "hit-meta", [d.id, shown(d.assignees[0]), d.pub].filter(Boolean).join(" · ")));
		if (d.abstract && !brief) {
			const p = el("p", "hit-snip"), spans = marks(d.abstract, match), [from, to] = snippet(d.abstract, spans, zh ? 90 : 220);
			if (zh) {
				p.lang = "zh";
			}
			p.append(from > 0 || d.cut & 1 ? "… " : "");
			highlighted(p, d.abstract, spans, from, to);
			p.append(to < d.abstract.length || d.cut & 2 ? " …" : "");
			li.append(p);
		}
		return li;
	};

	// phraseOK reports whether a doc has each quoted phrase (and none of the
	// excluded ones) in its title or abstract.
	const phraseOK = (res, d) => res.q.phrases.every(ph => {
		const text = " " + terms(ph.field === "inventor" ? d.inventors : ph.field === "assignee" ? d.assignees.join(" \u0001 ") : d.title + " \u0001 " + d.abstract).join(" ") + " ";
		const ws = terms(ph.text), has = text.includes(" " + ws.join(" ") + " ") || ph.either && text.includes(" " + ws.reverse().join(" ") + " ");
		return ph.neg ? !has : has;
	});

	// page returns the docs of results from…from+n. Quoted phrases are
	// checked on the text of each: the docs without them are dropped, and the
	// page is filled again.
	const page = (res, from, n) => shownDocs(res, res.docs.slice(from, from + n)).then(ds => {
		if (!res.q.phrases.length) {
			return ds;
		}
		const bad = new Set(ds.filter(d => !phraseOK(res, d)).map(d => d.doc));
		if (!bad.size) {
			return ds;
		}
		res.docs = res.docs.filter(d => !bad.has(d));
		res.total -= bad.size;
		return page(res, from, n);
	});

	// ensure makes res hold at least n ranked docs: a single term's head
	// may be too short, then its full postings are read.
	const ensure = (res, n) => !res.partial || res.docs.length >= Math.min(n, res.total) ? Promise.resolve(res) :
		groupPostings(res.group).then(l => rank(l, "relevance").then(docs => Object.assign(res, {docs, partial: false, base: l.docs})));

	// ---- downloads ----

	const abs = u => new URL(u, location.href).href;
	// The same tags as the build's patent/<ID>/cite.ris and cite.bib
	// (build/export/cite.go): PB assignees, VL number; biblatex holder.
	const ris = list => list.map(d => [["TY", "PAT"], ["TI", d.title], ...d.inventors.split("; ").map(x => ["AU", x]),
		["PB", d.assignees.join("; ")], ["PY", d.pub.slice(0, 4)], ["DA", d.pub.replace(/-/g, "/")], ["VL", d.id],
		["AB", d.abstract], ["UR", abs(patentURL(d.id))], ["ER", ""]].filter(f => f[1] || f[0] === "ER")
		.map(f => f[0] + "  - " + f[1]).join("\r\n")).join("\r\n") + "\r\n";
	const bibtex = list => list.map(d => {
		const esc = s => String(s || "").replace(/([{}\\&%$#_])/g, "\\$1");
		const f = [["title", "{" + esc(d.title) + "}"], ["author", esc(d.inventors.split("; ").join(" and "))], ["holder", esc(d.assignees.map(x => "{" + x + "}").join(" and "))],
			["number", d.id], ["year", d.pub.slice(0, 4)], ["month", d.pub.slice(5, 7)], ["abstract", esc(d.abstract)], ["url", abs(patentURL(d.id))]];
		return "@patent{" + d.id + ",\n" + f.filter(x => x[1] && x[1] !== "{}").map(x => "  " + x[0] + " = {" + x[1] + "}").join(",\n") + "\n}\n";
	}).join("\n");
	const csv = list => {
		const cell = s => {
			s = /^[=+\-@\t\r]/.test(s) ? "'" + s : String(s); // no formulas in a spreadsheet
			return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
		};
		return "\ufeff" + [["id", "title", "assignees", "inventors", "published", "priority", "url", "abstract"],
			...list.map(d => [d.id, d.title, d.assignees.join("; "), d.inventors, d.pub, d.prio, abs(patentURL(d.id)), d.abstract])]
			.map(r => r.map(cell).join(",")).join("\r\n") + "\r\n";
	};
	const formats = {
		ris: ["RIS", "application/x-research-info-systems", ris],
		bib: ["BibTeX", "application/x-bibtex", bibtex],
		csv: ["CSV", "text/csv", csv]
	};
	const downloadCap = 5000;

	// ---- the search page ----

	const perPage = 10;
	let pg = null, current = null, runID = 0; // pg: the search page's elements

	const readURL = () => {
		const p = new URLSearchParams(location.search), filters = {};
		facetNames.concat(["inventor", "priority"]).forEach(f => {
			const vs = p.getAll(f).filter(Boolean);
			if (vs.length) {
				filters[f] = f === "priority" ? [].concat(...vs.map(years)) : vs;
			}
		});
		return {q: p.get("q") || "", sort: p.get("sort") || "relevance", page: Math.max(1, +p.get("page") || 1), filters, download: p.get("download") || ""};
	};

	const stateURL = st => {
		const p = new URLSearchParams();
		if (st.q) {
			p.set("q", st.q);
		}
		Object.keys(st.filters).forEach(f => st.filters[f].forEach(v => p.append(f, v)));
		if (st.sort !== "relevance") {
			p.set("sort", st.sort);
		}
		if (st.page > 1) {
			p.set("page", st.page);
		}
		return location.pathname + (p.toString() ? "?" + p : "");
	};

	const copyState = st => Object.assign({}, st, {download: "", filters: JSON.parse(JSON.stringify(st.filters))});

	// state marks the page for tests and tools: data-search is "busy" while a
	// search runs, then "ready" (results and facets shown, with data-search-at
	// the ms since navigation start) or "failed". data-results-at is the ms
	// since navigation start when the results list was last filled, which
	// is before the facets are shown.
	const state = s => {
		de.dataset.search = s;
		if (s === "ready") {
			de.dataset.searchAt = Math.round(performance.now());
		}
	};

	const setupPage = () => {
		const $ = id => document.getElementById(id);
		if (!$("results") || !$("search-form")) {
			return;
		}
		pg = {results: $("results"), form: $("search-form"), q: $("search-q"), sort: $("search-sort"), status: $("search-status"),
			facets: $("search-facets"), pager: $("search-pager"), dl: $("search-downloads")};
		const update = (changes, push) => go(Object.assign(current ? copyState(current.st) : readURL(), {page: 1}, changes), push);
		pg.form.addEventListener("submit", ev => {
			ev.preventDefault();
			update({q: pg.q.value, sort: pg.sort.value}, true);
		});
		pg.sort.addEventListener("change", () => update({sort: pg.sort.value}, true));
		let timer = 0;
		pg.q.addEventListener("input", () => {
			clearTimeout(timer);
			timer = setTimeout(() => update({q: pg.q.value}, false), 150);
		});
		addEventListener("popstate", () => show(readURL()));
		show(readURL());
	};

	// go shows st and records it in the history: a new entry when push, else
	// in place (while typing).
	const go = (st, push) => {
		history[push ? "pushState" : "replaceState"](null, "", stateURL(st));
		show(st);
	};

	// fmt writes n with thousands separators, as toLocaleString("en-US")
	// does, without it: its first call loads the browser's number formats,
	// which took 40 ms of a cold first search.
	const fmt = n => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

	const show = st => {
		const id = ++runID, t0 = performance.now(), mine = () => id === runID;
		state("busy");
		pg.q.value = st.q;
		pg.sort.value = st.sort;
		const header = document.getElementById("site-q");
		if (header) {
			header.value = st.q;
		}
		pg.status.textContent = "Searching…";
		let counts;
		search(st.q, {filters: st.filters, sort: st.sort, need: st.page * perPage})
			.then(res => ensure(res, st.page * perPage))
			.then(res => {
				// Facet counts that do not need the documents shown (there are
				// more results than shown) load with them, and the names of their
				// assignees too.
				const early = (res.stats !== null || !res.base || res.base.length > perPage) && facetCounts(res, [], 64 << 10);
				if (early) {
					early.then(fc => fc.counts[0].slice(0, 10).forEach(x => nameOf(x[0])));
				}
				counts = ds => early || facetCounts(res, ds, 64 << 10);
				return res;
			})
			.then(res => page(res, (st.page - 1) * perPage, perPage).then(ds => {
				if (!mine()) {
					return;
				}
				current = {st, res};
				renderPage(st, res, ds);
				de.dataset.searchMs = Math.round(performance.now() - t0);
				de.dataset.resultsAt = Math.round(performance.now());
				return counts(ds).then(fc => mine() && renderFacets(st, res, fc)).then(() => {
					if (mine()) {
						state("ready");
						return formats[st.download] && download(st.download, true);
					}
				});
			}))
			.catch(err => {
				if (mine()) {
					pg.status.textContent = "Search failed: " + err.message;
					state("failed");
				}
			});
	};

	const renderPage = (st, res, ds) => {
		const match = matcher(res), from = (st.page - 1) * perPage, words = st.q.trim(), quoted = "“" + words + "”";
		pg.results.replaceChildren(...ds.map(d => hit(d, match)));
		pg.results.start = from + 1;
		let msg = !res.total ? (words ? "No patent matches " + quoted + "." : "No patent matches these filters.") :
			(res.total > perPage ? fmt(from + 1) + "–" + fmt(from + ds.length) + " of " : "") + fmt(res.total) +
			(res.total === 1 ? " patent" : " patents") + (words ? " for " + quoted : "") + ".";
		if (res.fallback) {
			msg += " None has every word; these have some of them.";
		}
		if (res.numbers && st.page === 1) {
			msg += res.numbers === 1 ? " The first is the publication number you gave." : " The first " + res.numbers + " match the publication numbers you gave.";
		}
		pg.status.textContent = msg;
		document.title = (words ? words + " · " : "") + document.title.replace(/^.* · (?=[^·]*· )/, "");
		renderPager(st, res);
		renderDownloads(res);
	};

	// link returns a link to state st that shows it in place.
	const link = (text, st, cls) => {
		const a = el("a", cls, text);
		a.href = stateURL(st);
		a.addEventListener("click", ev => {
			if (!ev.button && !ev.ctrlKey && !ev.metaKey && !ev.shiftKey) {
				ev.preventDefault();
				go(st, true);
				pg.status.scrollIntoView({block: "nearest"});
			}
		});
		return a;
	};

	const renderPager = (st, res) => {
		const pages = Math.ceil(res.total / perPage), ul = el("ul");
		const add = (n, label) => {
			const li = el("li");
			if (n === st.page) {
				li.append(el("span", "", label));
				li.firstChild.setAttribute("aria-current", "page");
			} else {
				li.append(link(label, Object.assign(copyState(st), {page: n})));
			}
			ul.append(li);
		};
		if (st.page > 1) {
			add(st.page - 1, "‹ Previous");
		}
		for (let n = Math.max(1, st.page - 3); n <= Math.min(pages, st.page + 3); n++) {
			add(n, String(n));
		}
		if (st.page < pages) {
			add(st.page + 1, "Next ›");
		}
		pg.pager.replaceChildren(...(pages > 1 ? [ul] : []));
	};

	const renderDownloads = res => {
		pg.dl.replaceChildren();
		if (!res.total) {
			return;
		}
		pg.dl.append(res.total > downloadCap ? "Download the first " + fmt(downloadCap) + ": " : "Download these results: ");
		Object.keys(formats).forEach((k, i) => {
			const a = el("a", "", formats[k][0]);
			a.href = "#";
			a.id = "download-" + k;
			a.addEventListener("click", ev => {
				if (!a.dataset.ready) {
					ev.preventDefault();
					download(k, true);
				}
			});
			pg.dl.append(i ? " · " : "", a);
		});
	};

	// download makes the file of the current results in format k (a blob
	// URL on its link) and, with click, saves it.
	const download = (k, click) => {
		const res = current.res, [label, type, make] = formats[k], a = document.getElementById("download-" + k);
		a.textContent = label + " (preparing…)";
		return docs(res.docs.slice(0, downloadCap), true).then(ds => {
			ds = ds.filter(d => phraseOK(res, d));
			const text = make(ds);
			api.lastDownload = {format: k, count: ds.length, text};
			a.href = URL.createObjectURL(new Blob([text], {type}));
			a.download = "patents." + k;
			a.dataset.ready = ds.length;
			a.textContent = label;
			if (click) {
				a.click();
			}
		});
	};

	const renderFacets = (st, res, fc) => {
		if (!res.total && !Object.keys(st.filters).length) {
			return pg.facets.replaceChildren();
		}
		const titles = ["Assignee", "CPC subclass", "IPC subclass", "Country", "Publication year", "Kind"];
		return Promise.all(fc.counts.map((list, k) => {
			const top = list.slice(0, k ? 12 : 10);
			return Promise.all(top.map(x => facetValue(k, x[0]))).then(vals => {
				const items = top.map((x, i) => ({label: shown(vals[i].label), value: vals[i].value, n: x[1]}));
				(st.filters[facetNames[k]] || []).forEach(v => items.some(it => it.value === v) || items.push({label: v, value: v, n: null}));
				return items;
			});
		})).then(groups => {
			const out = [];
			groups.forEach((items, k) => {
				if (!items.length) {
					return;
				}
				const sec = el("section", "facet"), ul = el("ul"), name = facetNames[k];
				items.forEach(it => {
					const li = el("li"), chosen = (st.filters[name] || []).includes(it.value), s = copyState(st);
					s.page = 1;
					s.filters[name] = chosen ? s.filters[name].filter(v => v !== it.value) : (s.filters[name] || []).concat([it.value]);
					if (!s.filters[name].length) {
						delete s.filters[name];
					}
					const a = it.value ? link(it.label, s, "facet-value") : el("span", "facet-value", it.label);
					if (chosen) {
						li.className = "chosen";
						a.append(el("span", "vh", " (chosen; follow to remove)"));
					}
					li.append(a);
					if (it.n !== null) {
						li.append(el("span", "n", (fc.exact ? "" : "≈") + fmt(it.n)));
					}
					ul.append(li);
				});
				sec.append(el("h2", "", titles[k]), ul);
				out.push(sec);
			});
			if (!fc.exact) {
				const more = el("button", "exact", "Count exactly"), note = el("p", "facet-note", "Counts marked ≈ are estimated from a sample. ");
				more.type = "button";
				more.addEventListener("click", () => {
					more.disabled = true;
					facetCounts(current.res, [], Infinity).then(exact => renderFacets(st, current.res, exact));
				});
				note.append(more);
				out.push(note);
			}
			pg.facets.replaceChildren(...out);
		});
	};

	// ---- the search box of every page ----

	const setupBox = () => {
		const input = document.getElementById("site-q") || document.querySelector('form[role="search"] input[name="q"]');
		if (!input) {
			return;
		}
		document.addEventListener("keydown", ev => {
			const t = ev.target;
			if (ev.key === "/" && !ev.ctrlKey && !ev.metaKey && !ev.altKey && !(t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) {
				ev.preventDefault();
				const box = pg ? pg.q : input;
				box.focus();
				box.select();
			}
		});
		if (pg) {
			// On the search page the header box runs the page's search.
			return input.form.addEventListener("submit", ev => {
				ev.preventDefault();
				go(Object.assign(readURL(), {q: input.value, page: 1}), true);
			});
		}
		const list = el("ul", "suggest");
		list.id = "search-suggest";
		list.hidden = true;
		list.setAttribute("role", "listbox");
		list.setAttribute("aria-label", "Search results");
		[["role", "combobox"], ["aria-autocomplete", "list"], ["aria-controls", list.id], ["aria-expanded", "false"]].forEach(([k, v]) => input.setAttribute(k, v));
		input.form.classList.add("has-suggest");
		input.form.append(list);
		let timer = 0, active = -1, run = 0;
		const options = () => list.querySelectorAll("[role=option]");
		const close = () => {
			list.hidden = true;
			input.setAttribute("aria-expanded", "false");
			input.removeAttribute("aria-activedescendant");
			active = -1;
		};
		input.addEventListener("input", () => {
			clearTimeout(timer);
			delete de.dataset.suggest;
			const value = input.value, id = ++run;
			if (!value.trim()) {
				return close();
			}
			timer = setTimeout(() => search(value, {live: true, need: 7}).then(res => ensure(res, 7)).then(res => shownDocs(res, res.docs.slice(0, 7)).then(ds => {
				if (id !== run) {
					return;
				}
				// Options hold no link (an option is one control, not a box
				// of them): each keeps its address in data-href, followed
				// on click and on Enter. The last opens the full results.
				const match = matcher(res), all = el("li", "suggest-all", res.total ? "All " + fmt(res.total) + " results" : "No patent matches; search anyway");
				all.dataset.href = new URL(root + "search/index.html?q=" + encodeURIComponent(value), location.href).href;
				const opts = ds.filter(d => phraseOK(res, d)).map(d => {
					const li = hit(d, match, true), a = li.querySelector("a"), title = el("span", a.className);
					if (a.lang) {
						title.lang = a.lang;
					}
					title.append(...a.childNodes);
					a.replaceWith(title);
					li.dataset.href = a.href;
					return li;
				}).concat(all);
				opts.forEach((li, i) => {
					li.id = "search-suggest-" + i;
					li.setAttribute("role", "option");
					li.setAttribute("aria-selected", "false");
				});
				list.replaceChildren(...opts);
				list.hidden = false;
				input.setAttribute("aria-expanded", "true");
				active = -1;
				de.dataset.suggest = value;
			})).catch(close), 100);
		});
		input.addEventListener("keydown", ev => {
			const opts = options();
			if (list.hidden || !opts.length) {
				return;
			}
			if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
				ev.preventDefault();
				active = (active + (ev.key === "ArrowDown" ? 1 : -1) + opts.length) % opts.length;
				opts.forEach((o, j) => o.setAttribute("aria-selected", j === active));
				input.setAttribute("aria-activedescendant", opts[active].id);
			} else if (ev.key === "Enter" && active >= 0) {
				ev.preventDefault();
				location.href = opts[active].dataset.href;
			} else if (ev.key === "Escape") {
				ev.preventDefault();
				close();
			}
		});
		list.addEventListener("click", ev => {
			const o = ev.target.closest("[role=option]");
			if (o) {
				location.href = o.dataset.href;
			}
		});
		document.addEventListener("click", ev => input.form.contains(ev.target) || close());
	};

	const api = window.patentsiteSearch = {search, parseQuery, parseNumber, tokenize, terms, docs, facetCounts, loadMeta};

	const init = () => {
		if (!document.querySelector('link[href$="search.css"]')) {
			const css = el("link");
			css.rel = "stylesheet";
			css.href = root + "assets/search.css";
			document.head.append(css);
		}
		setupPage();
		setupBox();
	};
	if (document.readyState === "loading") {
		document.addEventListener("DOMContentLoaded", init);
	} else {
		init();
	}
})();
