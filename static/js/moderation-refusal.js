// Review page of the moderation queue: choosing a refusal reason fills the text for the recruiter with that
// reason's message, unless the moderator has already written something of their own.
(function () {
  const data = document.getElementById("refusal-messages");
  const form = document.querySelector(".decision-reject");
  if (!data || !form) return;
  const messages = JSON.parse(data.textContent);
  const reason = form.querySelector("select[name=reason]");
  const text = form.querySelector("textarea[name=text]");
  if (!reason || !text) return;
  reason.addEventListener("change", function () {
    const current = text.value.trim();
    const untouched = current === "" || Object.values(messages).includes(current);
    if (untouched) text.value = messages[reason.value] || "";
  });
})();
