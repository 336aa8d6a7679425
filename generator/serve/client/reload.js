// The dev server's live reload (ezine serve; never in a build). It listens
// for Server-Sent Events: "reload" reloads the page where it was scrolled
// to, "main" swaps what changed inside the page's <main> (the server sends
// it when nothing else changed), "css" swaps changed stylesheets in place,
// "problems" shows the build errors over the page and "ok" takes them away.
(() => {
  "use strict";
  const script = document.currentScript;
  const version = script ? new URL(script.src).searchParams.get("v") || "" : "";
  const scrollKey = "ezine-scroll:" + location.pathname;

  // Back where the reader was before the reload.
  const saved = sessionStorage.getItem(scrollKey);
  if (saved) {
    sessionStorage.removeItem(scrollKey);
    const [x, y] = JSON.parse(saved);
    // "instant": a theme's smooth scrolling would animate from the top.
    const restore = () => window.scrollTo({ left: x, top: y, behavior: "instant" });
    restore();
    window.addEventListener("load", restore, { once: true });
  }

  const css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = "/__ezine/reload.css";
  document.head.appendChild(css);

  const events = new EventSource("/__ezine/events?path=" + encodeURIComponent(location.pathname) + "&v=" + encodeURIComponent(version));

  // For tests and the curious: whether the page is listening.
  events.addEventListener("open", () => { window.ezineLive = true; });
  events.addEventListener("error", () => { window.ezineLive = false; });

  events.addEventListener("reload", () => {
    sessionStorage.setItem(scrollKey, JSON.stringify([window.scrollX, window.scrollY]));
    events.close();
    location.reload();
  });

  // The server sends the <main> element the page was served with and the
  // new one. Walking the two side by side with the live page, a node that
  // did not change is kept as the reader has it (a started video, a shown
  // button, a focused link), and a changed one is replaced. Where the live
  // page no longer matches what was served (a script changed it), the
  // nearest enclosing node is replaced whole. Anything unexpected reloads.
  const parse = (html) => {
    const t = document.createElement("template");
    t.innerHTML = html;
    return t.content.firstElementChild;
  };
  const sameShell = (a, b) => {
    if (a.nodeType !== b.nodeType || a.nodeName !== b.nodeName) return false;
    if (a.nodeType !== Node.ELEMENT_NODE) return true;
    if (a.attributes.length !== b.attributes.length) return false;
    for (const at of a.attributes) {
      if (b.getAttribute(at.name) !== at.value) return false;
    }
    return true;
  };
  const patch = (live, was, now) => {
    if (was.isEqualNode(now)) return;
    const lk = live.childNodes, wk = was.childNodes, nk = now.childNodes;
    if (!sameShell(live, was) || !sameShell(was, now) || lk.length !== wk.length || wk.length !== nk.length || was.nodeType !== Node.ELEMENT_NODE) {
      live.replaceWith(document.importNode(now, true));
      return;
    }
    const pairs = Array.from(lk, (l, i) => [l, wk[i], nk[i]]);
    for (const [l, w, n] of pairs) patch(l, w, n);
  };
  events.addEventListener("main", (e) => {
    const live = document.querySelector("main");
    try {
      const { old, new: now } = JSON.parse(e.data);
      const was = parse(old), next = parse(now);
      if (!live || !was || !next || !sameShell(live, was)) throw new Error("not the page it was");
      // The reader stays where they were reading: Chromium and Firefox
      // anchor the scroll position to what is in view.
      patch(live, was, next);
    } catch (err) {
      sessionStorage.setItem(scrollKey, JSON.stringify([window.scrollX, window.scrollY]));
      events.close();
      location.reload();
    }
  });

  events.addEventListener("css", (e) => {
    const swap = JSON.parse(e.data); // old URL path -> new URL path
    for (const link of document.querySelectorAll('link[rel~="stylesheet"]')) {
      const url = new URL(link.href, location.href);
      const to = swap[url.pathname];
      if (!to || url.origin !== location.origin) continue;
      const next = link.cloneNode();
      next.href = to === url.pathname ? to + "?t=" + Date.now() : to;
      next.addEventListener("load", () => link.remove(), { once: true });
      link.after(next);
    }
  });

  // The overlay speaks the site's language, as its messages do (the
  // server sends them in the language of the site's lang setting): Dutch
  // for a page whose lang starts with "nl", English otherwise.
  const dutch = (document.documentElement.lang || "nl").toLowerCase().startsWith("nl");
  const words = dutch ? {
    lang: "nl",
    title: (n) => "De site is niet bijgewerkt: " + (n === 1 ? "1 fout" : n + " fouten"),
    intro: "Je ziet de laatste goede versie. Herstel het bestand en sla het op; deze melding verdwijnt dan vanzelf.",
    hide: "Verbergen",
  } : {
    lang: "en",
    title: (n) => "The site was not updated: " + (n === 1 ? "1 error" : n + " errors"),
    intro: "You see the last good version. Fix the file and save it; this notice then goes away by itself.",
    hide: "Hide",
  };

  let overlay = null;
  const hide = () => {
    if (overlay) overlay.remove();
    overlay = null;
  };

  events.addEventListener("problems", (e) => {
    const problems = JSON.parse(e.data);
    hide();
    overlay = document.createElement("div");
    overlay.id = "ezine-problems";
    overlay.setAttribute("role", "alert");
    overlay.setAttribute("lang", words.lang);
    const title = document.createElement("h2");
    title.textContent = words.title(problems.length);
    const intro = document.createElement("p");
    intro.textContent = words.intro;
    const list = document.createElement("ul");
    for (const p of problems) {
      const item = document.createElement("li");
      const where = document.createElement("code");
      where.textContent = p.position;
      item.append(where, " " + p.message);
      if (p.hint) {
        const hint = document.createElement("span");
        hint.className = "hint";
        hint.textContent = p.hint;
        item.append(hint);
      }
      list.append(item);
    }
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = words.hide;
    close.addEventListener("click", hide);
    overlay.append(title, intro, list, close);
    document.body.append(overlay);
  });

  events.addEventListener("ok", hide);
})();
