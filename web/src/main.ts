/** Entry point: finds the page's parts and connects search -> graph -> details. */

import type { Core } from 'cytoscape';
import { createDetailsPanel } from './details';
import { required } from './dom';
import { createGraphView } from './graph';
import { setupSearch } from './search';
import { StatusLine } from './status';

declare global {
  interface Window {
    /** Debugging and end-to-end tests only. */
    threadline: { cy: Core };
  }
}

const status = new StatusLine(required('status', HTMLElement));
const details = createDetailsPanel(required('details', HTMLElement), status);
const graph = createGraphView(required('graph', HTMLElement), {
  status,
  onSelect: (id) => details.show(id),
});

setupSearch({
  form: required('search-form', HTMLFormElement),
  input: required('search', HTMLInputElement),
  list: required('results', HTMLUListElement),
  status,
  onOpen: (result) => {
    void graph.load(result.id);
    details.show(result.id);
  },
});

window.threadline = { cy: graph.cy };
