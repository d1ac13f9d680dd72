/**
 * A tiny HTML builder: every interpolated value is escaped unless it is already `SafeHtml`, so record
 * data (names, picklist labels, error messages) can never inject markup into a Lightning page.
 *
 * @example
 *   const row = html`<li title="${name}">${name}</li>`;   // name = '<b>' renders as text
 *   page(html`<ul>${names.map((n) => html`<li>${n}</li>`)}</ul>`);
 */
export class SafeHtml {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | HtmlValue[];

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Markup that is trusted as-is (JSON for a data island, already-built fragments). */
export function raw(text: string): SafeHtml {
  return new SafeHtml(text);
}

/** JSON embedded in a `<script type="application/json">` island; `<` is escaped so `</script>` cannot end it. */
export function jsonIsland(id: string, data: unknown): SafeHtml {
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  return raw(`<script type="application/json" id="${escapeHtml(id)}">${json}</script>`);
}

/** An attribute that appears only when the condition holds: `<input ${attr('required', f.required)}>`. */
export function attr(name: string, on: boolean): SafeHtml {
  return raw(on ? ` ${name}` : '');
}
