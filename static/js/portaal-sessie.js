/*
 * Burgerportaal: warn before the DigiD session ends for inactivity (WCAG 2.2.1 Timing Adjustable).
 *
 * The server logs a burger out after DIGID_IDLE_TIMEOUT_SECONDS without requests
 * (bijstand.portaal.middleware). Shortly before that, this script asks the server how much
 * time is left (portaal:sessie_status, which does not count as activity; another tab may have
 * been used) and, if the end is near, opens a modal alert dialog with a "Blijf ingelogd" button.
 * That button posts the form to portaal:sessie_verlengen (works without JavaScript too).
 * When the time is up it asks the server again; if the session has ended it goes to the login
 * page, which explains why.
 */
(function () {
  "use strict";

  var dialog = document.getElementById("portaal-sessie");
  if (!dialog) {
    return;
  }
  var form = document.getElementById("portaal-sessie-verlengen");
  var tekst = document.getElementById("portaal-sessie-tekst");
  var fout = document.getElementById("portaal-sessie-fout");
  var timeout = parseInt(dialog.dataset.timeout, 10) || 900;
  var waarschuwing = parseInt(dialog.dataset.waarschuwing, 10) || 120;
  var statusUrl = dialog.dataset.statusUrl;
  var loginUrl = dialog.dataset.loginUrl;
  var eindtijd = Date.now() + timeout * 1000;
  var timer = null;
  var aftellen = null;
  var vorigeFocus = null;

  function resterend() {
    return Math.max(0, Math.round((eindtijd - Date.now()) / 1000));
  }

  function zetTekst() {
    var minuten = Math.ceil(resterend() / 60);
    tekst.textContent = minuten > 1
      ? dialog.dataset.tekstMinuten.replace("{minuten}", String(minuten))
      : dialog.dataset.tekstMinuut;
  }

  function isOpen() {
    return dialog.hasAttribute("open");
  }

  function open() {
    if (isOpen()) {
      return;
    }
    vorigeFocus = document.activeElement;
    fout.hidden = true;
    zetTekst();
    if (typeof dialog.showModal === "function") {
      dialog.showModal();
    } else {
      dialog.setAttribute("open", "");
    }
    document.getElementById("portaal-sessie-blijf").focus();
    aftellen = window.setInterval(zetTekst, 5000);
  }

  function sluit() {
    window.clearInterval(aftellen);
    if (isOpen()) {
      if (typeof dialog.close === "function") {
        dialog.close();
      } else {
        dialog.removeAttribute("open");
      }
    }
    if (vorigeFocus && typeof vorigeFocus.focus === "function") {
      vorigeFocus.focus();
    }
  }

  function verlopen() {
    window.clearInterval(aftellen);
    window.clearTimeout(timer);
    // Ask the server (this does not count as activity). When the session has ended it answers
    // 401 and we go to the login page, which explains why. Another tab may have kept it alive.
    window.fetch(statusUrl, {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(antwoord)
      .then(function (data) {
        if (!data) {
          return;
        }
        if (data.resterend > waarschuwing) {
          sluit();
          plan(data.resterend);
        } else {
          eindtijd = Date.now() + data.resterend * 1000;
          timer = window.setTimeout(verlopen, (data.resterend + 1) * 1000);
        }
      })
      .catch(function () {
        window.location.assign(loginUrl);
      });
  }

  function plan(seconden) {
    eindtijd = Date.now() + seconden * 1000;
    window.clearTimeout(timer);
    timer = window.setTimeout(controleer, Math.max(0, seconden - waarschuwing) * 1000);
  }

  function antwoord(response) {
    if (response.status === 401 || response.status === 403) {
      window.location.assign(loginUrl);
      return null;
    }
    if (!response.ok) {
      throw new Error("HTTP " + response.status);
    }
    return response.json();
  }

  function controleer() {
    window.fetch(statusUrl, {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(antwoord)
      .then(function (data) {
        if (!data) {
          return;
        }
        if (data.resterend > waarschuwing + 5) {
          plan(data.resterend);
        } else {
          eindtijd = Date.now() + data.resterend * 1000;
          open();
          timer = window.setTimeout(verlopen, (data.resterend + 1) * 1000);
        }
      })
      .catch(function () {
        open();
        timer = window.setTimeout(verlopen, (resterend() + 1) * 1000);
      });
  }

  function verleng() {
    var data = new FormData(form);
    return window.fetch(form.action, {
      method: "POST",
      body: data,
      headers: {
        Accept: "application/json",
        "X-CSRFToken": data.get("csrfmiddlewaretoken"),
      },
      credentials: "same-origin",
    })
      .then(antwoord)
      .then(function (json) {
        if (!json) {
          return;
        }
        sluit();
        plan(json.resterend);
      })
      .catch(function () {
        fout.textContent = dialog.dataset.tekstFout;
        fout.hidden = false;
      });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    verleng();
  });

  // Escape closes a modal dialog; here it means "Blijf ingelogd", never a silent dismissal.
  dialog.addEventListener("cancel", function (event) {
    event.preventDefault();
    verleng();
  });

  plan(timeout);
})();
