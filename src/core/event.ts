import type { Disposable } from './ports';

/** A listener registration function with the shape of `vscode.Event<T>`. */
export type Event<T> = (listener: (value: T) => void) => Disposable;

/**
 * A tiny event emitter for the core (which cannot use `vscode.EventEmitter`). A listener that
 * throws does not stop the others; the error goes to `onListenerError`.
 */
export class Emitter<T> implements Disposable {
  private listeners = new Set<(value: T) => void>();

  constructor(private readonly onListenerError: (error: unknown) => void = () => undefined) {}

  readonly event: Event<T> = (listener) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
