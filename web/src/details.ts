/** The side panel with one entity's facts, properties and list entries. */

import { fetchEntity, isAbortError, type Entity, type JsonValue, type Listing } from './api';
import { el, listedBadge } from './dom';
import type { StatusLine } from './status';

export interface DetailsPanel {
  /** Shows the entity; repeated calls for the one already shown (a double tap taps twice) are no-ops. */
  show(id: string): void;
}

export function createDetailsPanel(panel: HTMLElement, status: StatusLine): DetailsPanel {
  let shownId: string | undefined;
  let request: AbortController | undefined;

  return {
    show(id) {
      if (id === shownId) return;
      shownId = id;
      request?.abort();
      const controller = new AbortController();
      request = controller;

      panel.hidden = false;
      panel.setAttribute('aria-busy', 'true');
      panel.replaceChildren(el('p', { className: 'details-placeholder', text: 'Loading details…' }));

      fetchEntity(id, controller.signal)
        .then((entity) => {
          panel.replaceChildren(...renderEntity(entity));
          status.clear('details');
        })
        .catch((error: unknown) => {
          if (isAbortError(error)) return;
          shownId = undefined; // let the user retry by tapping again
          panel.replaceChildren(el('p', { className: 'details-placeholder', text: 'Details are unavailable.' }));
          status.error('details', error instanceof Error ? error.message : String(error));
        })
        .finally(() => {
          if (request === controller) panel.removeAttribute('aria-busy');
        });
    },
  };
}

function renderEntity(entity: Entity): Node[] {
  const heading = el('header', { className: 'details-header' }, [
    el('h2', { text: entity.name }),
    entity.listed && listedBadge(),
  ]);

  const facts = definitionList([
    ['Kind', entity.kind],
    ['Country', entity.country ?? '—'],
    ['ID', entity.id],
  ]);

  const propertyRows = Object.entries(entity.properties).map(([key, value]): [string, Node | string] => [
    key,
    formatValue(value),
  ]);

  return [
    heading,
    facts,
    el('h3', { text: 'Properties' }),
    propertyRows.length > 0 ? definitionList(propertyRows) : el('p', { className: 'muted', text: 'No other properties.' }),
    el('h3', { text: `Listings (${entity.listings.length})` }),
    entity.listings.length > 0
      ? el('ul', { className: 'listings' }, entity.listings.map(renderListing))
      : el('p', { className: 'muted', text: 'Not on any list.' }),
  ];
}

function renderListing(listing: Listing): HTMLLIElement {
  const where = [listing.section, listing.effectiveDate && `effective ${listing.effectiveDate}`].filter(Boolean).join(' · ');
  return el('li', { className: 'listing', attrs: { 'data-listing-id': listing.id } }, [
    el('strong', { text: listing.program }),
    where !== '' && el('span', { className: 'listing-meta', text: where }),
    el('span', { className: 'listing-name', text: `Listed as “${listing.name}”` }),
  ]);
}

function definitionList(rows: [string, Node | string][]): HTMLDListElement {
  return el(
    'dl',
    { className: 'facts' },
    rows.flatMap(([term, value]) => [el('dt', { text: term }), el('dd', {}, [value])]),
  );
}

/** Scalars and lists of scalars read as text; anything nested is shown as formatted JSON. */
function formatValue(value: JsonValue): Node | string {
  if (value === null || value === '') return '—';
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value) && value.every((item) => item === null || typeof item !== 'object')) {
    return value.length > 0 ? value.map((item) => String(item ?? '—')).join(', ') : '—';
  }
  return el('pre', { className: 'json', text: JSON.stringify(value, null, 2) });
}
