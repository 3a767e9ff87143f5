import type { ServerResponse } from 'node:http';

/** How long the room holds a device's wait before answering that it has nothing to say (the device asks again). */
export const WAIT_MS = 10_000;

interface Held {
  readonly answer: (closed: boolean) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

/**
 * The devices waiting for the room's word, one wait each: when the room closes every one is told
 * at once, before the room stops listening (after that a device can only find the room out of reach).
 */
export class WaitingDevices {
  private readonly held = new Map<string, Held>();
  private closing = false;

  /** True from the moment the room starts closing: every answer from then on says it is closed. */
  get isClosing(): boolean {
    return this.closing;
  }

  /** Holds a device's wait; a newer wait from the same device answers the older one first. */
  hold(deviceId: string, res: ServerResponse, answer: (closed: boolean) => void): void {
    if (this.closing) return answer(true);
    this.release(deviceId, false);
    const held: Held = { answer, timer: setTimeout(() => this.release(deviceId, false), WAIT_MS) };
    this.held.set(deviceId, held);
    // The device went away (its page closed, its network dropped): nothing more to hold.
    res.once('close', () => {
      if (this.held.get(deviceId) !== held) return;
      clearTimeout(held.timer);
      this.held.delete(deviceId);
    });
  }

  /** The room is closing: every waiting device is told now. */
  tellClosed(): void {
    this.closing = true;
    for (const deviceId of [...this.held.keys()]) this.release(deviceId, true);
  }

  private release(deviceId: string, closed: boolean): void {
    const held = this.held.get(deviceId);
    if (!held) return;
    this.held.delete(deviceId);
    clearTimeout(held.timer);
    held.answer(closed);
  }
}
