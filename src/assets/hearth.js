// Progressive enhancement only: every page works without this file.
import { initAll } from './govuk-frontend.min.js';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');
initAll();

// Staff sessions end after a period without activity. Warn five minutes before, and let the person stay signed in.
const timeoutMeta = document.querySelector('meta[name="hearth-session-timeout"]');
const csrfMeta = document.querySelector('meta[name="hearth-csrf"]');
if (timeoutMeta && csrfMeta) {
  const timeoutMs = Number(timeoutMeta.content) * 1000;
  const warnBeforeMs = Math.min(5 * 60 * 1000, timeoutMs / 2);
  let warningTimer;
  let warning;

  const schedule = () => {
    clearTimeout(warningTimer);
    warningTimer = setTimeout(showWarning, timeoutMs - warnBeforeMs);
  };

  const showWarning = () => {
    if (warning) return;
    warning = document.createElement('div');
    warning.className = 'govuk-notification-banner hearth-session-warning';
    warning.setAttribute('role', 'alert');
    warning.setAttribute('tabindex', '-1');
    warning.innerHTML =
      '<div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title">Important</h2></div>' +
      '<div class="govuk-notification-banner__content"><p class="govuk-notification-banner__heading">' +
      'You will be signed out in 5 minutes because you have not done anything for a while.</p>' +
      '<p class="govuk-body">Anything you are typing will be kept if that happens.</p>' +
      '<button type="button" class="govuk-button" data-module="govuk-button">Stay signed in</button></div>';
    document.querySelector('main')?.prepend(warning);
    warning.focus();
    warning.querySelector('button').addEventListener('click', async () => {
      const response = await fetch('/session/keep-alive', {
        method: 'POST',
        headers: { 'x-csrf-token': csrfMeta.content },
        credentials: 'same-origin',
      });
      if (response.ok) {
        warning.remove();
        warning = undefined;
        schedule();
      }
    });
  };

  schedule();
}

// Content editors: a live preview of the Markdown as they type. Without JavaScript the Preview button does the same.
const previewSource = document.querySelector('textarea[data-hearth-preview]');
if (previewSource && csrfMeta) {
  const panel = document.getElementById(previewSource.dataset.hearthPreview);
  const output = panel?.querySelector('.hearth-preview__body');
  let previewTimer;
  previewSource.addEventListener('input', () => {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(async () => {
      const response = await fetch('/admin/content/preview', {
        method: 'POST',
        headers: { 'x-csrf-token': csrfMeta.content, 'content-type': 'application/x-www-form-urlencoded' },
        body: `body=${encodeURIComponent(previewSource.value)}`,
        credentials: 'same-origin',
      });
      // The server renders and sanitises with the same allowlist as the published page.
      if (response.ok && output && panel) {
        output.innerHTML = await response.text();
        panel.hidden = false;
      }
    }, 400);
  });
}
