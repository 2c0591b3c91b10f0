// site.js: enhancements of the patent page's "Cite or link" block. The page
// works without it: the snippets then show the permalink relative to the
// site root. With it, they show the absolute address this page was opened
// at (when the build had no -base-url), and each gets a Copy button.
(function () {
	"use strict";
	var box = document.getElementById("cite-box");
	if (!box) {
		return;
	}
	var codes = box.querySelectorAll("code.c");
	var rel = box.getAttribute("data-rel");
	if (rel) {
		// From file:// a directory does not open its index.html, so the
		// address keeps the file name there.
		var abs = location.protocol === "file:" ?
			location.href.split(/[?#]/)[0] :
			new URL(".", location.href).href;
		codes.forEach(function (c) {
			c.textContent = c.textContent.split(rel).join(abs);
		});
	}
	if (!navigator.clipboard) {
		return;
	}
	codes.forEach(function (c) {
		var b = document.createElement("button");
		b.type = "button";
		b.className = "copy";
		b.textContent = "Copy";
		var dt = c.parentNode.previousElementSibling;
		b.setAttribute("aria-label", "Copy " + (dt ? dt.textContent : "text"));
		b.addEventListener("click", function () {
			navigator.clipboard.writeText(c.textContent).then(function () {
				b.textContent = "Copied";
				setTimeout(function () { b.textContent = "Copy"; }, 1500);
			}, function () {
				b.textContent = "Select and copy";
			});
		});
		c.parentNode.appendChild(b);
	});
})();
