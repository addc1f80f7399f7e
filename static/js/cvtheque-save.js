// « Sauvegarder » without a page reload: the form still works as a plain POST without JavaScript.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-cv-save]") || !window.fetch) { return; }
    event.preventDefault();
    var status = form.querySelector(".cv-save-status");
    var button = form.querySelector("button[type=submit]");
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    button.disabled = true;
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": token ? token.value : "" }
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (result) {
      if (status) { status.textContent = result.data.message; }
      if (result.ok) { form.classList.add("is-saved"); }
    }).catch(function () {
      if (status) { status.textContent = "La sauvegarde a échoué : réessayez."; }
    }).finally(function () {
      button.disabled = false;
    });
  });
})();
