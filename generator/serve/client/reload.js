// The dev server's live reload (ezine serve; never in a build). It listens
// for Server-Sent Events: "reload" reloads the page where it was scrolled
// to, "css" swaps changed stylesheets in place, "problems" shows the build
// errors over the page and "ok" takes them away.
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
    overlay.setAttribute("lang", "nl");
    const title = document.createElement("h2");
    title.textContent = problems.length === 1
      ? "De site is niet bijgewerkt: 1 fout"
      : "De site is niet bijgewerkt: " + problems.length + " fouten";
    const intro = document.createElement("p");
    intro.textContent = "Je ziet de laatste goede versie. Herstel het bestand en sla het op; deze melding verdwijnt dan vanzelf.";
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
    close.textContent = "Verbergen";
    close.addEventListener("click", hide);
    overlay.append(title, intro, list, close);
    document.body.append(overlay);
  });

  events.addEventListener("ok", hide);
})();
