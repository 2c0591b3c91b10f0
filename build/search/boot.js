// boot.js is the start of meta.js (see metaScript in index.go): the
// function that receives meta's payload when meta.js runs before the engine
// (assets/search.js). The search page loads meta.js with <script async>,
// so this usually runs while the page is still loading, before the engine;
// it then reads the query from the page's address and asks for the files
// the engine will ask for first, so that they are loaded, or on their way,
// when the engine starts: the dictionary shards of the query's words, then,
// as each arrives, the document shards of a single word's first ten
// results (unless its entry holds them) or the postings of several words. It
// understands only plain queries (ASCII words, Chinese, assignee:word,
// inventor:word, nothing but q in the address) and leaves everything else
// to the engine, which finds the scripts inserted here by their URLs and
// waits for them instead of loading the files again. The payloads it receives wait in
// window.patentsitePending for the engine. Keep its hashing, stemming and
// shard names those of the engine.
(name, payload) => {
	const win = window, pending = win.patentsitePending = win.patentsitePending || {};
	pending[name] = payload;
	const me = document.currentScript, params = new URLSearchParams(location.search), q = (params.get("q") || "").trim();
	if (!me || !q || [...params.keys()].some(k => k !== "q")) {
		return;
	}
	const meta = JSON.parse(payload), stop = new Set(meta.stop), dir = me.src.replace(/meta\.js(?:[?#].*)?$/, "");
	const stem = w => {
		const n = w.length;
		return n < 4 || w[n - 1] !== "s" ? w :
			/ies$/.test(w) && n > 4 && !/[ea]ies$/.test(w) ? w.slice(0, -3) + "y" :
			/(ss|x|ch|sh|zz)es$/.test(w) ? w.slice(0, -2) :
			/(ss|us|is)$/.test(w) ? w : w.slice(0, -1);
	};
	// The query's terms, as the engine's parseQuery makes them; null when
	// the query is more than this reads.
	const terms = (() => {
		const field = /^(assignee|inventor):([a-z]+)$/i.exec(q);
		if (field) {
			return [(field[1][0].toLowerCase() === "a" ? "a:" : "n:") + stem(field[2].toLowerCase())];
		}
		const out = [];
		for (const part of q.split(/\s+/)) {
			if (/^[a-z]+$/i.test(part)) {
				out.push(stem(part.toLowerCase()));
			} else if (/^[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$/.test(part)) {
				const cs = Array.from(part);
				cs.length === 1 ? out.push(part) : cs.slice(1).forEach((c, i) => out.push(cs[i] + c));
			} else {
				return null;
			}
		}
		const content = out.filter(t => !stop.has(t));
		return content.length ? content : out;
	})();
	if (!terms) {
		return;
	}
	const hash = s => {
		let h = 2166136261;
		for (const ch of s) {
			h = Math.imul(h ^ ch.codePointAt(0), 16777619) >>> 0;
		}
		return h;
	};
	// load inserts the script of a file, as the engine would; a failure is
	// marked on the element for the engine to see.
	const asked = new Set();
	const load = name => {
		if (asked.has(name) || name in pending) {
			return;
		}
		asked.add(name);
		document.documentElement.dataset.searchBoot = [...asked].join(" "); // for tests
		const s = document.createElement("script");
		s.src = dir + name + ".js?v=" + meta.v;
		s.onload = () => s.remove();
		s.onerror = () => s.dataset.failed = "";
		document.head.append(s);
	};
	const A = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	// next: for each dictionary shard asked for, what to do with it.
	const next = {};
	const entry = (term, text) => {
		const f = text.split("|"), df = +f[0];
		if (terms.length > 1) {
			// Several words: their postings (a pack, unless inline).
			if (f[4]) {
				load("p" + f[4]);
			}
			return;
		}
		// One word: its head is the first page in rank order, in the entry
		// itself (f[6]) for a frequent word, else in document shards; its
		// facet counts are in a stats shard unless the head is all there is.
		for (let i = 0, v = 0, n = 0; !f[6] && i < f[2].length && n < 10; i++) {
			const d = A.indexOf(f[2][i]);
			v = v * 32 + (d & 31);
			if (d < 32) {
				load("d" + Math.floor(v / meta.docs));
				v = 0;
				n++;
				i++; // the impact
			}
		}
		if (df > meta.head) {
			load("s" + hash(term) % meta.stats);
		}
	};
	win.patentsiteIndex = (name, v) => {
		pending[name] = v;
		if (next[name]) {
			const shard = JSON.parse(v);
			next[name].forEach(t => t in shard && entry(t, shard[t]));
		}
	};
	for (const t of new Set(terms)) {
		const shard = (t[1] === ":" ? "u" + hash(t) % meta.ndict : "t" + hash(t) % meta.dict);
		(next[shard] = next[shard] || []).push(t);
		load(shard);
	}
}
