/**
 * The `images` bundle: the bulk image description page's `wab-image-job` controller,
 * registered with Wagtail's Stimulus application.
 */

import type { Application } from '@hotwired/stimulus';

import { ImageJobController } from '../images/job_controller';

declare global {
  interface Window {
    wagtail?: { app?: Application };
  }
}

function register(): boolean {
  const app = window.wagtail?.app;
  if (!app) return false;
  app.register('wab-image-job', ImageJobController);
  return true;
}

if (!register()) {
  document.addEventListener('DOMContentLoaded', register, { once: true });
}
