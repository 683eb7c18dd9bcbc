/**
 * The search box and its results list, wired as an ARIA combobox: focus stays in the input while the
 * arrow keys move the active result, and Enter opens the active result or, with none active, searches.
 */

import { isAbortError, searchEntities, type SearchResult } from './api';
import { el, listedBadge } from './dom';
import type { StatusLine } from './status';

export interface SearchOptions {
  form: HTMLFormElement;
  input: HTMLInputElement;
  list: HTMLElement;
  status: StatusLine;
  onOpen: (result: SearchResult) => void;
}

/** Type-ahead starts at this many characters; an explicit submit accepts any non-empty query. */
const TYPE_AHEAD_MIN_CHARS = 2;
const TYPE_AHEAD_DELAY_MS = 200;
const RESULT_LIMIT = 20;

export function setupSearch({ form, input, list, status, onOpen }: SearchOptions): void {
  let results: SearchResult[] = [];
  let active = -1;
  let timer: number | undefined;
  let request: AbortController | undefined;

  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    setActive(-1); // the query changed, so Enter must search again rather than open a stale result
    const query = input.value.trim();
    if (query.length < TYPE_AHEAD_MIN_CHARS) {
      request?.abort();
      render([]);
      status.clear('search');
      return;
    }
    timer = window.setTimeout(() => void run(query), TYPE_AHEAD_DELAY_MS);
  });

  // Enter in the input submits the form, so this one handler covers both "search now" and "open".
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    window.clearTimeout(timer);
    if (active >= 0) {
      open(active);
      return;
    }
    const query = input.value.trim();
    if (query !== '') void run(query);
  });

  input.addEventListener('keydown', (event) => {
    if (results.length === 0) return;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        setActive(active + 1 >= results.length ? 0 : active + 1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        setActive(active <= 0 ? results.length - 1 : active - 1);
        break;
      case 'Escape':
        if (active >= 0) {
          event.preventDefault();
          setActive(-1);
        }
        break;
    }
  });

  list.addEventListener('click', (event) => {
    const item = (event.target as Element).closest<HTMLElement>('[data-index]');
    if (!item) return;
    open(Number(item.dataset.index));
  });

  // Keep focus in the input when a result is clicked, so the arrow keys keep working afterwards.
  list.addEventListener('mousedown', (event) => event.preventDefault());

  async function run(query: string): Promise<void> {
    request?.abort();
    const controller = new AbortController();
    request = controller;
    list.setAttribute('aria-busy', 'true');
    try {
      const response = await searchEntities(query, RESULT_LIMIT, controller.signal);
      render(response.results);
      if (response.results.length === 0) status.info('search', `No results for “${query}”.`);
      else status.clear('search');
    } catch (error) {
      if (isAbortError(error)) return;
      render([]);
      status.error('search', error instanceof Error ? error.message : String(error));
    } finally {
      if (request === controller) list.removeAttribute('aria-busy');
    }
  }

  function render(next: SearchResult[]): void {
    results = next;
    active = -1;
    list.replaceChildren(...next.map(renderItem));
    input.setAttribute('aria-expanded', String(next.length > 0));
    input.removeAttribute('aria-activedescendant');
  }

  function setActive(index: number): void {
    list.querySelector('[aria-selected="true"]')?.setAttribute('aria-selected', 'false');
    active = index;
    const item = index >= 0 ? list.children[index] : undefined;
    if (!item) {
      input.removeAttribute('aria-activedescendant');
      return;
    }
    item.setAttribute('aria-selected', 'true');
    input.setAttribute('aria-activedescendant', item.id);
    item.scrollIntoView({ block: 'nearest' });
  }

  function open(index: number): void {
    const result = results[index];
    if (!result) return;
    setActive(index);
    for (const item of list.children) item.classList.toggle('is-open', item === list.children[index]);
    onOpen(result);
  }
}

function renderItem(result: SearchResult, index: number): HTMLLIElement {
  const meta = [result.kind, result.country ?? 'country unknown'].join(' · ');
  const item = el(
    'li',
    {
      className: 'result',
      attrs: {
        id: `result-${index}`,
        role: 'option',
        'aria-selected': 'false',
        'data-index': String(index),
        'data-entity-id': result.id,
        'data-kind': result.kind,
      },
    },
    [
      el('span', { className: 'result-name', text: result.name }),
      result.listed && listedBadge(),
      el('span', { className: 'result-meta', text: meta }),
    ],
  );
  if (result.aliases.length > 0) item.title = `Also known as: ${result.aliases.join('; ')}`;
  return item;
}
