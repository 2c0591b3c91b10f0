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
		flowchart: { htmlLabels: false },
	});
	var figs = document.querySelectorAll("figure.diagram");
	var i = 0;
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
		var drawn;
		try {
			drawn = m.render(id, pre.textContent);
		} catch (e) {
			note(fig, "This diagram could not be drawn; its source is shown above.");
			done();
			return;
		}
		drawn.then(function (res) {
			var div = document.createElement("div");
			div.className = "drawn";
			div.innerHTML = res.svg;
			var svg = div.querySelector("svg");
			if (svg) {
				svg.setAttribute("role", "img");
				svg.setAttribute("aria-label", "Diagram " + fig.id.replace("fig", "") + "; its source follows");
			}
			var det = document.createElement("details");
			var sum = document.createElement("summary");
			sum.textContent = "Diagram source";
			fig.insertBefore(div, pre);
			fig.insertBefore(det, pre);
			det.appendChild(sum);
			det.appendChild(pre);
		}, function () {
			note(fig, "This diagram could not be drawn; its source is shown above.");
		}).then(done, done);
	}
	next();
})();
