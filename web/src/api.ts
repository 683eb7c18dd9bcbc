/**
 * Typed client for the Threadline HTTP API (same origin).
 *
 * The response types mirror the API contract. When the shared domain module lands, these should be
 * replaced by its `z.infer` types so the web and the server cannot drift apart.
 */

export type EntityKind = 'Company' | 'Shipment' | 'ListEntry';
export type EdgeType = 'SHIPPED' | 'CONSIGNED_TO' | 'NOTIFY' | 'LISTED';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface SearchResult {
  id: string;
  kind: EntityKind;
  name: string;
  country: string | null;
  aliases: string[];
  listed: boolean;
  score: number;
}

export interface SearchResponse {
  query: string;
  results: SearchResult[];
}

export interface Listing {
  id: string;
  program: string;
  section: string | null;
  effectiveDate: string | null;
  name: string;
}

export interface Entity {
  id: string;
  kind: EntityKind;
  name: string;
  country?: string | null;
  listed: boolean;
  properties: Record<string, JsonValue>;
  listings: Listing[];
}

export interface GraphNodeData {
  id: string;
  label: string;
  kind: EntityKind;
  listed: boolean;
  country: string | null;
}

export interface GraphEdgeData {
  id: string;
  source: string;
  target: string;
  type: EdgeType;
}

export interface Neighborhood {
  center: string;
  elements: {
    nodes: { data: GraphNodeData }[];
    edges: { data: GraphEdgeData }[];
  };
  truncated: boolean;
}

/**
 * A failed API call. `message` is the API's own message when it sent one, so the UI can show it as is.
 * `status` is 0 when the server could not be reached at all.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** True for the rejection of a request we cancelled ourselves; callers ignore those. */
export function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

const API_BASE = '/api';

export function searchEntities(query: string, limit: number, signal?: AbortSignal): Promise<SearchResponse> {
  const params = new URLSearchParams({ q: query, limit: String(limit) });
  return getJson<SearchResponse>(`${API_BASE}/search?${params}`, signal);
}

export async function fetchEntity(id: string, signal?: AbortSignal): Promise<Entity> {
  const body = await getJson<{ entity: Entity }>(`${API_BASE}/entities/${encodeURIComponent(id)}`, signal);
  return body.entity;
}

export function fetchNeighborhood(
  id: string,
  options: { depth: number; limit: number },
  signal?: AbortSignal,
): Promise<Neighborhood> {
  const params = new URLSearchParams({ depth: String(options.depth), limit: String(options.limit) });
  return getJson<Neighborhood>(`${API_BASE}/entities/${encodeURIComponent(id)}/neighborhood?${params}`, signal);
}

async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json' }, signal });
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ApiError(0, 'network_error', 'Could not reach the Threadline server. Check that it is running and try again.');
  }

  const body = await readJsonBody(response);
  if (!response.ok) {
    const detail = errorDetail(body);
    throw new ApiError(
      response.status,
      detail?.code ?? `http_${response.status}`,
      detail?.message ?? `The server answered ${response.status} ${response.statusText}`.trim(),
    );
  }
  if (body === undefined) {
    throw new ApiError(response.status, 'invalid_response', 'The server sent a response that is not JSON.');
  }
  return body as T;
}

/** Parses the body as JSON, or returns undefined when it is empty or not JSON (e.g. a proxy's HTML page). */
async function readJsonBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function errorDetail(body: unknown): { code: string; message: string } | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const error = (body as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof message !== 'string' || message === '') return undefined;
  return { code: typeof code === 'string' ? code : 'error', message };
}
