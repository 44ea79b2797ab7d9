// zemu dashboard, the Deliveries, Requests and Controls tabs: what zemu.js does not already do,
// again by attributes and with no library.
//   <form data-filter="#list" action="/ui/...">  its fields, as a query, re-render #list (on
//                                               change, on typing, on submit)
//   <a data-open="#panel" href="/ui/...">        loads the href into #panel, which then reloads
//                                               on the link's data-refresh-on events
//   <button data-reload="#list">                 reloads #list from where it last loaded
//   <div data-mark-selected="#panel [data-delivery]">  after each reload, marks its row
//                                               tr[data-delivery] that #panel shows
//   <div data-mirror="#a" data-mirror-to="#b">  after each reload, #b shows #a's text (the
//                                               nav bar's clock follows the clock card)
//   <input type="checkbox" data-follow="#list">  while checked, #list reloads every 2 s
//   <form data-confirm="question">               asks before zemu.js posts it
//   <form data-seconds>                          keeps its hidden "seconds" field equal to
//                                               [data-amount] times the [data-unit] chosen
//   <form data-trigger="#out" data-trigger-link="#a">  POSTs /zemu/trigger/{event} with the
//                                               chosen parameters, shows what it touched in #out
//                                               and points #a at that event's deliveries
"use strict";
(function () {
  function filterUrl(form) {
    const query = new URLSearchParams();
    for (const field of form.elements) {
      if (field.name && field.value.trim() !== "") query.set(field.name, field.value.trim());
    }
    const text = query.toString();
    return form.getAttribute("action") + (text ? "?" + text : "");
  }

  function refilter(form) {
    const target = document.querySelector(form.dataset.filter);
    if (target) window.zemu.load(target, filterUrl(form));
  }

  let typing = null;
  document.addEventListener("input", (event) => {
    const form = event.target.closest("form[data-filter]");
    if (form && event.target.type === "text") {
      clearTimeout(typing);
      typing = setTimeout(() => refilter(form), 250);
    }
    const seconds = event.target.closest("form[data-seconds]");
    if (seconds) syncSeconds(seconds);
  });

  document.addEventListener("change", (event) => {
    const form = event.target.closest("form[data-filter]");
    if (form && event.target.tagName === "SELECT") refilter(form);
    const seconds = event.target.closest("form[data-seconds]");
    if (seconds) syncSeconds(seconds);
    const pick = event.target.closest("select[data-trigger-event]");
    if (pick) describeTrigger(pick);
  });

  // before zemu.js sees the submit: a filter never posts, a confirm may stop a post
  window.addEventListener(
    "submit",
    (event) => {
      const filter = event.target.closest("form[data-filter]");
      if (filter) {
        event.preventDefault();
        event.stopPropagation();
        refilter(filter);
        return;
      }
      const ask = event.target.closest("form[data-confirm]");
      if (ask && !window.confirm(ask.dataset.confirm)) {
        event.preventDefault();
        event.stopPropagation();
        return;
      }
      const trigger = event.target.closest("form[data-trigger]");
      if (trigger) {
        event.preventDefault();
        event.stopPropagation();
        runTrigger(trigger);
      }
    },
    true,
  );

  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-open]");
    if (link) {
      event.preventDefault();
      const panel = document.querySelector(link.dataset.open);
      if (!panel) return;
      if (link.dataset.refreshOn) panel.dataset.refreshOn = link.dataset.refreshOn;
      window.zemu.load(panel, link.getAttribute("href"));
      document.querySelectorAll("tr.selected").forEach((row) => row.classList.remove("selected"));
      const row = link.closest("tr");
      if (row) row.classList.add("selected");
      return;
    }
    const reload = event.target.closest("button[data-reload]");
    if (reload) {
      const target = document.querySelector(reload.dataset.reload);
      if (target && target.dataset.partial) window.zemu.load(target, target.dataset.partial);
    }
  });

  function syncSeconds(form) {
    const amount = Number(form.querySelector("[data-amount]").value || 0);
    const unit = Number(form.querySelector("[data-unit]").value || 1);
    form.querySelector("input[name=seconds]").value = String(amount * unit);
  }

  function describeTrigger(select) {
    const about = document.querySelector(select.dataset.triggerEvent);
    const chosen = select.selectedOptions[0];
    if (about) about.textContent = chosen ? chosen.dataset.about || "" : "";
  }

  function triggerBody(form) {
    const body = {};
    const user = form.querySelector("[name=user]").value.trim();
    if (user) body.user = user;
    for (const line of form.querySelector("[data-params]").value.split("\n")) {
      const at = line.indexOf("=");
      if (at > 0) body[line.slice(0, at).trim()] = line.slice(at + 1).trim();
    }
    return body;
  }

  async function runTrigger(form) {
    const event = form.querySelector("select[data-trigger-event]").value;
    const out = document.querySelector(form.dataset.trigger);
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    out.className = "result";
    out.textContent = "…";
    try {
      const answer = await fetch("/zemu/trigger/" + encodeURIComponent(event), {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        credentials: "same-origin",
        body: JSON.stringify(triggerBody(form)),
      });
      const json = await answer.json().catch(() => ({}));
      if (answer.ok) {
        out.className = "result ok";
        out.textContent = event + " caused; it touched:\n" + JSON.stringify(json.touched, null, 2);
        const link = document.querySelector(form.dataset.triggerLink);
        if (link) {
          link.href = "/ui/deliveries?event=" + encodeURIComponent(event);
          link.hidden = false;
        }
        window.zemu.fire(["triggered"]);
      } else {
        out.className = "result bad";
        out.textContent = answer.status + ": " + (json.message || answer.statusText);
      }
    } catch (error) {
      out.className = "result bad";
      out.textContent = String(error);
    } finally {
      button.disabled = false;
    }
  }

  function markSelected(list) {
    const shown = document.querySelector(list.dataset.markSelected);
    list.querySelectorAll("tr[data-delivery]").forEach((row) => {
      row.classList.toggle("selected", !!shown && row.dataset.delivery === shown.dataset.delivery);
    });
  }

  setInterval(() => {
    document.querySelectorAll("input[data-follow]:checked").forEach((box) => {
      const target = document.querySelector(box.dataset.follow);
      if (target && target.dataset.partial && !document.hidden) window.zemu.load(target, target.dataset.partial);
    });
  }, 2000);

  document.addEventListener("zemu:reset", () => window.location.reload());
  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("form[data-seconds]").forEach(syncSeconds);
    document.querySelectorAll("select[data-trigger-event]").forEach(describeTrigger);
    document.querySelectorAll("[data-mirror]").forEach((box) => {
      new MutationObserver(() => {
        const from = box.querySelector(box.dataset.mirror);
        const to = document.querySelector(box.dataset.mirrorTo);
        if (from && to) to.textContent = from.textContent;
      }).observe(box, { childList: true });
    });
    document.querySelectorAll("[data-mark-selected]").forEach((list) => {
      new MutationObserver(() => markSelected(list)).observe(list, { childList: true });
    });
  });
})();
