// resolve.js: opens the patent that a publication number leads to. It runs
// on two pages:
//
//   patent/resolve.html?WO2020/014512 (or ?q=…, or #…): the number is in
//   the address; this works from file:// too.
//   404.html, served by GitHub Pages (or any server) for a missing
//   patent/<spelling>/: the number is the missing path.
//
// It brings the number to its canonical spellings as the build's
// corpus.Canonical does (CORPUS.md §2.2), loads the one lookup shard each
// spelling falls into (classic scripts: they load from file://, where fetch
// does not), and replaces the page with the patent's. The site root is
// where this script lives: <root>/patent/resolve.js.
(function () {
	"use strict";
	var me = document.currentScript;
	if (!me) {
		return;
	}
	var root = new URL("../", me.src);
	var n = parseInt(me.getAttribute("data-shards"), 10) || 1;
	var status = document.getElementById("resolve-status");

	function say(text, link, linkText) {
		if (!status) {
			return;
		}
		status.textContent = text;
		if (link) {
			var a = document.createElement("a");
			a.href = link;
			a.textContent = linkText;
			status.appendChild(document.createTextNode(" "));
			status.appendChild(a);
			status.appendChild(document.createTextNode("."));
		}
	}

	// The number to resolve, or "".
	function wanted() {
		if (me.getAttribute("data-from") === "path") {
			var base = root.pathname, path = location.pathname;
			if (path.indexOf(base) !== 0) {
				return "";
			}
			var rest = path.slice(base.length).replace(/\/(index\.html)?$/i, "");
			var m = /^patent\/(.+)$/i.exec(rest) || /^([^\/]+)$/.exec(rest);
			return m ? decode(m[1]) : "";
		}
		// A form sends ?q=…; a pasted permalink is ?NUMBER. Either way "+"
		// is a space, as in every query string (no number holds a "+").
		var q = location.search.slice(1);
		var kv = /(?:^|&)q=([^&]*)/.exec(q);
		if (kv) {
			q = kv[1];
		}
		q = decode((q || location.hash.slice(1)).replace(/\+/g, " "));
		var box = document.getElementById("resolve-q");
		if (box && q) {
			box.value = q;
		}
		return q;
	}

	function decode(s) {
		try {
			return decodeURIComponent(s);
		} catch (e) {
			return s;
		}
	}

	// canonical returns number and kind as corpus.Canonical does.
	function canonical(s, kind) {
		if (/^WO/.test(s)) {
			var rest = s.slice(2);
			if (rest.length >= 5 && /^\d{4}/.test(rest)) {
				var serial = rest.slice(4).replace(/^\//, "");
				if (/^\d{1,6}$/.test(serial)) {
					s = "WO" + rest.slice(0, 4) + ("000000" + serial).slice(-6);
				}
			}
		} else if (/^KR10-/.test(s)) {
			var parts = s.slice(5).split("-");
			if (parts.length === 1 && /^\d+$/.test(parts[0])) {
				s = "KR10" + parts[0];
			} else if (parts.length === 2 && /^\d{4}$/.test(parts[0]) && /^\d+$/.test(parts[1])) {
				s = "KR" + parts[0] + parts[1];
			}
		} else if (/^CN/.test(s) && /U$/.test(s) && (kind === "" || kind === "U")) {
			s = s.slice(0, -1);
			kind = "U";
		}
		return [s.replace(/[\/-]/g, ""), kind];
	}

	// candidates lists the canonical spellings to look up, best first: the
	// whole as an id or number, then split into number and kind code.
	function candidates(raw) {
		var s = raw.toUpperCase().replace(/\*/g, "").replace(/\s+/g, "");
		var out = [];
		function add(x) {
			if (x && /^[A-Z]{2}[A-Z0-9]*\d[A-Z0-9]*$/.test(x) && out.indexOf(x) < 0) {
				out.push(x);
			}
		}
		var whole = canonical(s, "");
		add(whole[0] + whole[1]);
		var m = /^(.*\d)([A-Z]\d?)$/.exec(s);
		if (m) {
			var c = canonical(m[1], m[2]);
			add(c[0] + c[1]);
			add(c[0]);
		}
		add(whole[0]);
		return out;
	}

	function fnv1a(s) {
		var h = 0x811c9dc5;
		for (var i = 0; i < s.length; i++) {
			h ^= s.charCodeAt(i) & 0xff;
			h = Math.imul(h, 0x01000193) >>> 0;
		}
		return h >>> 0;
	}

	function shardName(i) {
		var width = (n - 1).toString(16).length;
		var s = i.toString(16);
		while (s.length < width) {
			s = "0" + s;
		}
		return s;
	}

	var loaded = {}, waiting = {};
	window.patentsiteShard = function (name, text) {
		var map = {};
		text.split("\n").forEach(function (line) {
			var f = line.split(" ");
			for (var i = 1; i < f.length; i++) {
				map[f[i]] = f[0];
			}
		});
		loaded[name] = map;
		(waiting[name] || []).forEach(function (cb) { cb(map); });
		delete waiting[name];
	};

	function shard(name, cb) {
		if (loaded[name]) {
			return cb(loaded[name]);
		}
		if (waiting[name]) {
			waiting[name].push(cb);
			return;
		}
		waiting[name] = [cb];
		var s = document.createElement("script");
		s.src = new URL("patent/resolve/" + name + ".js", root).href;
		s.onerror = function () {
			delete waiting[name];
			cb({});
		};
		document.head.appendChild(s);
	}

	function lookup(keys, done) {
		if (!keys.length) {
			return done("");
		}
		var key = keys[0];
		shard(shardName(fnv1a(key) & (n - 1)), function (map) {
			if (map[key]) {
				return done(map[key]);
			}
			lookup(keys.slice(1), done);
		});
	}

	var q = wanted();
	if (!q) {
		return;
	}
	var search = new URL("search/index.html?q=" + encodeURIComponent(q), root).href;
	var keys = candidates(q);
	if (!keys.length) {
		if (me.getAttribute("data-from") !== "path") {
			say(q + " is not a publication number. Try", search, "a search for it");
		}
		return;
	}
	say("Looking up " + q + "…");
	lookup(keys, function (id) {
		if (!id) {
			say("No patent in this catalog is published as " + q + ", and none has it in its family. Try", search, "a search for it");
			return;
		}
		var file = location.protocol === "file:" ? "index.html" : "";
		var to = new URL("patent/" + id + "/" + file, root).href;
		say(q + " leads to", to, id);
		location.replace(to);
	});
})();
