// site.js: the "Cite or link" block of a patent page. The page itself
// holds the permalink and the citation line, and works without this file:
// they then show the permalink relative to the site root (when the build
// had no -base-url). This file puts in the absolute address the page was
// opened at, makes the Markdown, MediaWiki and HTML links from it and the
// page's id and title, and gives each line a Copy button.
(function () {
	"use strict";
	var box = document.getElementById("cite-box");
	if (!box) {
		return;
	}
	var codes = box.querySelectorAll("code.c");
	if (codes.length < 2) {
		return;
	}
	var url = codes[0].textContent;
	var rel = box.getAttribute("data-rel");
	if (rel) {
		// From file:// a directory does not open its index.html, so the
		// address keeps the file name there.
		url = location.protocol === "file:" ?
			location.href.split(/[?#]/)[0] :
			new URL(".", location.href).href;
		codes.forEach(function (c) {
			c.textContent = c.textContent.split(rel).join(url);
		});
	}

	// The link text: "EP3628093A2: title", the title cut at 150
	// characters as the citation files cut it.
	var h1 = document.querySelector("h1");
	var title = h1 ? h1.textContent.trim() : "";
	var chars = Array.from(title);
	if (chars.length > 150) {
		title = chars.slice(0, 149).join("").trim() + "…";
	}
	var label = box.getAttribute("data-id") + ": " + title;
	var wiki = {"[": "&#91;", "]": "&#93;", "{{": "&#123;&#123;", "''": "&#39;&#39;", "<": "&lt;"};
	var html = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&#34;", "'": "&#39;"};
	function escapeHTML(s) {
		return s.replace(/[&<>"']/g, function (m) { return html[m]; });
	}
	var snippets = [
		["Markdown", "[" + label.replace(/[\\\[\]`*_<]/g, "\\$&") + "](" + url + ")"],
		["MediaWiki", "[" + url + " " + label.replace(/\[|\]|\{\{|''|</g, function (m) { return wiki[m]; }) + "]"],
		["HTML", "<a href=\"" + escapeHTML(url) + "\">" + escapeHTML(label) + "</a>"]
	];
	// They go between the permalink and the citation line.
	var before = codes[1].parentNode.previousElementSibling;
	snippets.forEach(function (s) {
		var dt = document.createElement("dt");
		dt.textContent = s[0];
		var dd = document.createElement("dd");
		var code = document.createElement("code");
		code.className = "c";
		code.textContent = s[1];
		dd.appendChild(code);
		box.insertBefore(dt, before);
		box.insertBefore(dd, before);
	});

	if (!navigator.clipboard) {
		return;
	}
	box.querySelectorAll("code.c").forEach(function (c) {
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
