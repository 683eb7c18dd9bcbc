/**
 * The one status line under the search box. Search, graph and details all report here; each message
 * remembers who wrote it so that one part clearing its own message never wipes another part's error.
 */

export type StatusSource = 'search' | 'graph' | 'details';
export type StatusTone = 'info' | 'warning' | 'error';

export class StatusLine {
  private source: StatusSource | null = null;

  constructor(private readonly element: HTMLElement) {}

  show(source: StatusSource, tone: StatusTone, message: string): void {
    this.source = source;
    this.element.textContent = message;
    this.element.dataset.tone = tone;
  }

  info(source: StatusSource, message: string): void {
    this.show(source, 'info', message);
  }

  error(source: StatusSource, message: string): void {
    this.show(source, 'error', message);
  }

  /** Clears the line only if `source` wrote the current message. */
  clear(source: StatusSource): void {
    if (this.source !== source) return;
    this.source = null;
    this.element.textContent = '';
    delete this.element.dataset.tone;
  }
}
