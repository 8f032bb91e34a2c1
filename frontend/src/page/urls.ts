/**
 * The page endpoints for the page being edited: `<pages>5/review` on the edit
 * view, `<pages>new/blog/blogpage/3/review` on the create view (Python:
 * `feedback/api.py`, `related/api.py`). The page is read from the edit form's
 * action, which Wagtail 7.4 and 8 both render as `/pages/<id>/edit/` or
 * `/pages/add/<app>/<model>/<parent>/`.
 *
 * @example
 * pageUrl('/admin/ai-blocks/api/v1/pages/', form, 'review'); // '/admin/…/pages/5/review'
 */

const EDIT = /\/pages\/(\d+)\/edit\/?$/;
const ADD = /\/pages\/add\/(\w+)\/(\w+)\/(\d+)\/?$/;

export type PageEndpoint = 'review' | 'related';

/** The endpoint URL, or null when `form` is not a page's edit or create form. */
export function pageUrl(
  pages: string,
  form: HTMLFormElement,
  endpoint: PageEndpoint,
): string | null {
  const action = new URL(form.getAttribute('action') ?? '', window.location.href).pathname;
  const edit = EDIT.exec(action);
  if (edit) return `${pages}${edit[1]}/${endpoint}`;
  const add = ADD.exec(action);
  if (add) return `${pages}new/${add[1]}/${add[2]}/${add[3]}/${endpoint}`;
  return null;
}

/** The page edit form on this page (`data-edit-form` in 7.4 and 8, else `#page-edit-form`). */
export function editForm(doc: Document = document): HTMLFormElement | null {
  const form = doc.querySelector('form[data-edit-form]') ?? doc.getElementById('page-edit-form');
  return form instanceof HTMLFormElement ? form : null;
}
