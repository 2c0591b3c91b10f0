// diagram.js draws the mermaid diagrams of a patent page with the vendored
// renderer (vendor/mermaid.min.js, loaded before this file only on pages
// that have one). Each diagram is drawn on its own, one after the other; one
// that fails to parse (the export has labels with unquoted ";" or "(")
// keeps its source visible with a note, and the others still draw. Without
// JavaScript the source text is all there is.
(function () {
	"use strict";
	var m = window.mermaid;
	if (!m) {
		return;
	}
	m.initialize({
		startOnLoad: false,
		securityLevel: "strict",
		theme: "default",
		logLevel: 5,
		deterministicIds: true,
		// Labels as SVG text, never as HTML: a label is the export's text,
		// and HTML labels would make elements of it while mermaid measures.
		htmlLabels: false,
		flowchart: { htmlLabels: false },
	});
	// Only drawing survives into the page: the SVG mermaid returns is parsed
	// in an inert document (nothing in it loads or runs), and whatever could
	// load or run (scripts, foreign HTML, images, frames, event handlers,
	// links other than to a part of the drawing) is removed before it is adopted.
	var banned = { script: 1, foreignobject: 1, img: 1, image: 1, iframe: 1, object: 1, embed: 1, a: 1, animate: 1, set: 1 };
	function clean(svgText) {
		var doc = new DOMParser().parseFromString(svgText, "image/svg+xml");
		var root = doc.documentElement;
		if (!root || root.nodeName.toLowerCase() !== "svg") {
			return null;
		}
		var all = root.querySelectorAll("*");
		for (var k = all.length - 1; k >= 0; k--) {
			var el = all[k];
			if (banned[el.nodeName.toLowerCase()]) {
				el.remove();
				continue;
			}
			for (var n = el.attributes.length - 1; n >= 0; n--) {
				var a = el.attributes[n].name.toLowerCase();
				var local = (a === "href" || a === "xlink:href") && el.attributes[n].value.charAt(0) === "#";
				if (a.indexOf("on") === 0 || a === "src" || ((a === "href" || a === "xlink:href") && !local)) {
					el.removeAttribute(el.attributes[n].name);
				}
			}
		}
		return document.importNode(root, true);
	}
	var figs = document.querySelectorAll("figure.diagram");
	var i = 0;
	// neutral returns a diagram's source with every "<" that would open an
	// HTML tag (or an entity code mermaid turns into one: #lt;, #60;) drawn
	// as "‹" instead, line breaks (<br>) excepted: mermaid measures labels
	// as HTML, so a label's tag would be made, if not run, while it draws.
	// The source shown below the drawing stays as the export has it.
	function neutral(src) {
		return src.replace(/#(?:lt|60|x3c);/gi, "‹").replace(/<(?!br\s*\/?>)(?=[A-Za-z\/!?])/gi, "‹");
	}
	function note(fig, text) {
		var p = document.createElement("p");
		p.className = "note";
		p.textContent = text;
		fig.insertBefore(p, fig.querySelector("figcaption"));
	}
	function next() {
		if (i >= figs.length) {
			return;
		}
		var fig = figs[i++];
		var pre = fig.querySelector("pre.mermaid-src");
		var id = "m-" + fig.id;
		var done = function () {
			var stray = document.getElementById("d" + id);
			if (stray) {
				stray.remove();
			}
			next();
		};
		// Each diagram ends in exactly one of: drawn, or a note. A renderer
		// that throws, rejects, returns something unusable or never
		// answers (30 s) gets the note, and the next diagram its turn.
		var settled = false;
		var fail = function () {
			if (settled) {
				return;
			}
			settled = true;
			note(fig, "This diagram could not be drawn; its source is shown above.");
			done();
		};
		var watchdog = setTimeout(fail, 30000);
		var draw = function (res) {
			var svg = clean(res.svg);
			if (!svg) {
				return false;
			}
			svg.setAttribute("role", "img");
			svg.setAttribute("aria-label", "Diagram " + fig.id.replace("fig", "") + "; its source follows");
			var div = document.createElement("div");
			div.className = "drawn";
			div.appendChild(svg);
			var det = document.createElement("details");
			var sum = document.createElement("summary");
			sum.textContent = "Diagram source";
			fig.insertBefore(div, pre);
			fig.insertBefore(det, pre);
			det.appendChild(sum);
			det.appendChild(pre);
			return true;
		};
		var drawn;
		try {
			drawn = Promise.resolve(m.render(id, neutral(pre.textContent)));
		} catch (e) {
			drawn = Promise.reject(e);
		}
		drawn.then(function (res) {
			if (settled) {
				return;
			}
			clearTimeout(watchdog);
			if (!draw(res)) {
				fail();
				return;
			}
			settled = true;
			done();
		}).catch(function () {
			clearTimeout(watchdog);
			fail();
		});
	}
	next();
})();
