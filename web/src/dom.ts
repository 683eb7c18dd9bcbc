/** Tiny DOM helpers. Everything is built with textContent, never innerHTML, because API data is untrusted. */

type Child = Node | string | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { className?: string; text?: string; attrs?: Record<string, string> } = {},
  children: Child[] = [],
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.className) element.className = props.className;
  if (props.text !== undefined) element.textContent = props.text;
  for (const [name, value] of Object.entries(props.attrs ?? {})) element.setAttribute(name, value);
  for (const child of children) {
    if (child) element.append(child);
  }
  return element;
}

/** Looks up an element the page cannot work without; a missing one is a bug in index.html, so fail loudly. */
export function required<T extends HTMLElement>(id: string, type: new () => T): T {
  const element = document.getElementById(id);
  if (!(element instanceof type)) throw new Error(`index.html is missing #${id} (${type.name})`);
  return element;
}

export function listedBadge(): HTMLElement {
  return el('span', { className: 'badge badge-listed', text: 'listed', attrs: { title: 'On a restricted-party or forced-labor list' } });
}
