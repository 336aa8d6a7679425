// video.js: click-to-load for the e-zine's ::: video blocks.
//
// The page holds only a placeholder (see generator/markdown/blocks): the
// title, a link to the video on its platform, and a hidden button whose
// data-embed is the player's address. This script shows the buttons and,
// on a click, puts the player in the placeholder's place. Nothing is
// requested from YouTube or Vimeo before that click. No inline handlers and
// no inline styles: the site's Content-Security-Policy allows neither.
(function () {
  "use strict";

  // Only these players may be loaded, whatever a data-embed says. The
  // generator's tests check that every address it writes matches.
  var allowed = /^https:\/\/(?:www\.youtube-nocookie\.com\/embed\/[A-Za-z0-9_-]{11}|player\.vimeo\.com\/video\/[0-9]{1,12})(?:\?[A-Za-z0-9=&_-]*)?$/;

  function load(button) {
    var embed = button.getAttribute("data-embed") || "";
    var speler = button.closest(".video-speler");
    if (!speler || !allowed.test(embed)) {
      return;
    }
    var frame = document.createElement("iframe");
    frame.className = "video-frame";
    // The reader asked for the video: play it, rather than ask twice.
    frame.src = embed + (embed.indexOf("?") < 0 ? "?" : "&") + "autoplay=1";
    // A frame needs a name for screen readers (WCAG 4.1.2).
    frame.title = button.getAttribute("data-titel") || "Video";
    frame.setAttribute("allow", "autoplay; encrypted-media; fullscreen; picture-in-picture");
    frame.setAttribute("allowfullscreen", "");
    // YouTube's player refuses to play without knowing the embedding site.
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    while (speler.firstChild) {
      speler.removeChild(speler.firstChild);
    }
    speler.appendChild(frame);
    speler.classList.add("video-speler--geladen");
    // The button is gone; keep keyboard focus where the reader was.
    frame.focus();
  }

  function init() {
    document.addEventListener("click", function (event) {
      var target = event.target;
      var button = target && target.closest ? target.closest("button.video-laden") : null;
      if (button) {
        load(button);
      }
    });
    // Without this script the buttons stay hidden: they could do nothing.
    var buttons = document.querySelectorAll("button.video-laden");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
