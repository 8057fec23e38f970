/* Small progressive enhancements; every page works without them. */
(function () {
  "use strict";

  // A form submits once: a double click (or an impatient Enter) sends one request.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("[data-once]")) return;
    if (form.dataset.sent) { event.preventDefault(); return; }
    form.dataset.sent = "1";
    form.querySelectorAll("button[type=submit]").forEach(function (b) {
      setTimeout(function () { b.disabled = true; }, 0);
      b.classList.add("busy");
    });
  });

  // A "tick all" box in a list's heading ticks every box named by its data-target.
  document.addEventListener("change", function (event) {
    var all = event.target;
    if (!all.matches("input.check-all")) return;
    all.form.querySelectorAll("input[name='" + all.dataset.target + "']").forEach(function (box) {
      box.checked = all.checked;
    });
  });

  // A team member's visit: the phone's position, only when asked for.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("#locate");
    if (!button || !navigator.geolocation) return;
    navigator.geolocation.getCurrentPosition(function (position) {
      document.getElementById("lat").value = position.coords.latitude.toFixed(6);
      document.getElementById("lon").value = position.coords.longitude.toFixed(6);
      button.textContent = button.dataset.found;
    });
  });

  // Ctrl+Enter saves the form being filled in.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      var form = document.activeElement && document.activeElement.form;
      var button = form && form.querySelector("button[type=submit]");
      if (button) { event.preventDefault(); button.click(); }
    }
  });

  // Cascading area selects: province -> district -> subdistrict.
  function fill(select, items) {
    select.innerHTML = "";
    var blank = document.createElement("option");
    blank.value = ""; blank.textContent = "—";
    select.appendChild(blank);
    items.forEach(function (item) {
      var option = document.createElement("option");
      option.value = item[0]; option.textContent = item[1];
      select.appendChild(option);
    });
  }
  function cascade(from, to, next) {
    if (!from || !to) return;
    from.addEventListener("change", function () {
      if (next) fill(next, []);
      if (!from.value) { fill(to, []); return; }
      var root = document.body.dataset.app || "";
      fetch(root + "/@@areas.json?parent=" + encodeURIComponent(from.value), {credentials: "same-origin"})
        .then(function (r) { return r.json(); })
        .then(function (items) { fill(to, items); });
    });
  }
  // Print buttons (the receipt): no inline handlers, the Content-Security-Policy forbids them.
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) window.print();
  });

  document.addEventListener("DOMContentLoaded", function () {
    cascade(document.querySelector("select.province"), document.querySelector("select.district"),
            document.querySelector("select.subdistrict"));
    cascade(document.querySelector("select.district"), document.querySelector("select.subdistrict"));

    // Anonymous complainant: the identity fields are not needed.
    var anonymous = document.querySelector("input[name=anonymous]");
    if (anonymous) {
      var toggle = function () {
        document.querySelectorAll("[name=title],[name=first_name],[name=last_name],[name=national_id]")
          .forEach(function (el) { el.closest(".field").classList.toggle("muted", anonymous.checked); });
      };
      anonymous.addEventListener("change", toggle); toggle();
    }

    // Documents still being processed (a complaint's list, a document's own page): poll their
    // state until ready or failed.
    document.querySelectorAll("[data-status]").forEach(function (li) {
      if (li.dataset.state === "ready" || li.dataset.state === "failed") return;
      var timer = setInterval(function () {
        fetch(li.dataset.status, {credentials: "same-origin"}).then(function (r) { return r.json(); })
          .then(function (s) {
            var label = li.querySelector(".state");
            label.textContent = s.label + (s.error ? ": " + s.error : "");
            label.className = "state s-" + s.state;
            var queue = li.querySelector(".queue");
            if (queue) queue.textContent = s.queue;
            var bar = li.querySelector("progress");
            if (bar) { bar.max = Math.max(s.page_count, 1); bar.value = s.pages_read; }
            if (s.state === "ready" || s.state === "failed") { clearInterval(timer); location.reload(); }
          });
      }, 1500);
    });
  });
})();
