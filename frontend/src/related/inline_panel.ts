/**
 * Adding a page to an InlinePanel / MultipleChooserPanel of page links, the way
 * the chooser does: Wagtail's own "add a form" (the panel's `-ADD` button, which
 * `RelatedPagesPanel` also renders for chooser panels), then the chooser
 * widget's `setStateFromModalData` on the new form's field, through the widget
 * factory Wagtail packs into `<script id="<prefix>-CHOOSER_WIDGET">`.
 *
 * @example
 * addPage(document, 'id_related_pages', 'related_page', { id: 7, title: 'Pothos', editUrl: '…' });
 */

/** Wagtail's telepath registry, as far as we use it. */
interface Telepath {
  unpack(data: unknown): unknown;
}

export interface PageChoice {
  id: number;
  title: string;
  editUrl: string;
}

interface ChooserWidget {
  setStateFromModalData(data: Record<string, unknown>): void;
}

interface ChooserFactory {
  getById(id: string): ChooserWidget;
}

/** The ids of the pages already listed (forms not marked deleted). */
export function listedPageIds(doc: Document, prefix: string, field: string): number[] {
  const total = doc.getElementById(`${prefix}-TOTAL_FORMS`);
  const count = total instanceof HTMLInputElement ? Number(total.value) : 0;
  const ids: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const deleted = doc.getElementById(`${prefix}-${index}-DELETE`);
    if (deleted instanceof HTMLInputElement && (deleted.value === '1' || deleted.checked)) continue;
    const input = doc.getElementById(`${prefix}-${index}-${field}`);
    const id = input instanceof HTMLInputElement ? Number(input.value) : 0;
    if (id) ids.push(id);
  }
  return ids;
}

/** Append `page` to the panel. Returns the new form's chooser input id. */
export function addPage(doc: Document, prefix: string, field: string, page: PageChoice): string {
  const add = doc.getElementById(`${prefix}-ADD`);
  if (!(add instanceof HTMLButtonElement)) throw new Error(`No "${prefix}-ADD" button.`);
  const total = doc.getElementById(`${prefix}-TOTAL_FORMS`);
  if (!(total instanceof HTMLInputElement)) throw new Error(`No "${prefix}-TOTAL_FORMS" input.`);
  const index = Number(total.value);
  add.click(); // InlinePanel.addForm(): synchronous
  // Wagtail 8 builds a chooser panel twice (its inline script and its telepath
  // adapter), so the button may add more than one form: keep the first.
  for (let extra = Number(total.value) - 1; extra > index; extra -= 1) {
    doc.getElementById(`inline_child_${prefix.replace(/^id_/, '')}-${extra}`)?.remove();
  }
  total.value = String(index + 1);
  const inputId = `${prefix}-${index}-${field}`;
  const state = { id: page.id, title: page.title, adminTitle: page.title, editUrl: page.editUrl };
  const widget = chooserFactory(doc, prefix)?.getById(inputId);
  if (widget) {
    widget.setStateFromModalData(state);
  } else {
    const input = doc.getElementById(inputId);
    if (!(input instanceof HTMLInputElement)) throw new Error(`No "${inputId}" input.`);
    input.value = String(page.id);
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }
  return inputId;
}

function chooserFactory(doc: Document, prefix: string): ChooserFactory | null {
  const script = doc.getElementById(`${prefix}-CHOOSER_WIDGET`);
  const telepath = (doc.defaultView as { telepath?: Partial<Telepath> } | null)?.telepath;
  if (!script?.textContent || typeof telepath?.unpack !== 'function') return null;
  const factory = telepath.unpack(JSON.parse(script.textContent)) as Partial<ChooserFactory>;
  return typeof factory.getById === 'function' ? (factory as ChooserFactory) : null;
}
