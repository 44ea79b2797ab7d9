// zemu dashboard: the whole of its script, no library. Four behaviours, driven by attributes:
//   <form data-post="/zemu/...">      submits its fields as a JSON body; the answer shows in
//                                     the form's [data-result]; then fires "changed"
//   <div data-partial="/ui/...">      a fragment of the page that reloads from that URL when an
//                                     event named in its data-refresh-on happens (or at once with
//                                     data-load); links inside marked data-swap load into it
//   <div data-sse="/ui/live">         follows a server-sent event stream: each event's data is
//                                     HTML for the [data-sse-swap="<event>"] elements, then the
//                                     event is fired as for a form
//   <button data-reveal="/ui/...">    replaces its [data-reveal-target] with what the URL answers
"use strict";
(function () {
  const PARTIAL = { "X-Zemu-Partial": "1" };

  async function load(el, url) {
    const answer = await fetch(url, { headers: PARTIAL, credentials: "same-origin" });
    if (!answer.ok) return;
    el.innerHTML = await answer.text();
    el.dataset.partial = url;
  }

  // a fragment whose recording is being listened to is not reloaded under the listener
  function playing(el) {
    return Array.from(el.querySelectorAll("audio, video")).some((media) => !media.paused);
  }

  function fire(names) {
    for (const name of names) {
      document.querySelectorAll("[data-refresh-on]").forEach((el) => {
        if (el.dataset.refreshOn.split(/\s+/).includes(name) && !playing(el)) load(el, el.dataset.partial);
      });
      document.dispatchEvent(new CustomEvent("zemu:" + name));
    }
  }

  // A field's value in the body: empty fields are left out; data-type says how to read it.
  function bodyOf(form) {
    const body = {};
    for (const field of form.elements) {
      if (!field.name || field.disabled) continue;
      const type = field.dataset.type || "text";
      if (field.type === "checkbox") {
        if (field.checked) body[field.name] = type === "bool" ? true : field.value;
        continue;
      }
      const value = field.value.trim();
      if (value === "") continue;
      if (type === "int") body[field.name] = parseInt(value, 10);
      else if (type === "number") body[field.name] = Number(value);
      else if (type === "json") body[field.name] = JSON.parse(value);
      else body[field.name] = value;
    }
    return body;
  }

  // what a success answered, in a line: its plain fields (the whole answer is in data-json)
  function summary(json) {
    if (json === null || typeof json !== "object") return String(json);
    const plain = Object.entries(json).filter(([, v]) => v === null || typeof v !== "object");
    if (!plain.length) return JSON.stringify(json);
    return "✓ " + plain.map(([k, v]) => k + ": " + v).join(" · ");
  }

  async function submit(form) {
    const out = form.querySelector("[data-result]");
    const button = form.querySelector("button[type=submit], button:not([type])");
    let text, ok, json = null;
    if (button) button.disabled = true;
    try {
      const answer = await fetch(form.dataset.post, {
        method: form.dataset.method || "POST",
        headers: { "Content-Type": "application/json" },
        credentials: "same-origin",
        body: JSON.stringify(bodyOf(form)),
      });
      const raw = await answer.text();
      ok = answer.ok;
      try {
        json = JSON.parse(raw);
        text = ok ? summary(json) : (json.message || raw);
      } catch (e) {
        text = raw || answer.statusText;
      }
      if (!ok) text = answer.status + ": " + text;
    } catch (error) {
      ok = false;
      text = String(error);
    } finally {
      if (button) button.disabled = false;
    }
    if (out) {
      out.textContent = text;
      out.className = "result " + (ok ? "ok" : "bad");
      // the whole answer stays at hand (a hover shows it; a script or test reads it)
      out.dataset.json = json === null ? "" : JSON.stringify(json);
      out.title = json === null ? "" : JSON.stringify(json, null, 1);
    }
    if (ok) fire((form.dataset.fires || "changed").split(/\s+/));
  }

  function follow(el) {
    const source = new EventSource(el.dataset.sse);
    const names = (el.dataset.sseEvents || "message").split(/\s+/);
    for (const name of names) {
      source.addEventListener(name, (event) => {
        document.querySelectorAll('[data-sse-swap="' + name + '"]').forEach((target) => {
          target.innerHTML = event.data;
        });
        fire([name]);
      });
    }
    el.zemuSource = source;
  }

  document.addEventListener("submit", (event) => {
    const form = event.target.closest("form[data-post]");
    if (!form) return;
    event.preventDefault();
    submit(form);
  });

  document.addEventListener("click", async (event) => {
    const link = event.target.closest("a[data-swap]");
    if (link) {
      const box = link.closest("[data-partial]");
      if (box) {
        event.preventDefault();
        load(box, link.getAttribute("href"));
      }
      return;
    }
    const reveal = event.target.closest("button[data-reveal]");
    if (reveal) {
      const answer = await fetch(reveal.dataset.reveal, { headers: PARTIAL, credentials: "same-origin" });
      const text = answer.ok ? await answer.text() : "(not available)";
      const target = reveal.dataset.revealTarget && document.querySelector(reveal.dataset.revealTarget);
      if (target) target.textContent = text;
      reveal.replaceWith(target ? "" : text);
    }
  });

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("[data-partial][data-load]").forEach((el) => load(el, el.dataset.partial));
    document.querySelectorAll("[data-sse]").forEach(follow);
  });

  window.zemu = { load, fire };
})();
