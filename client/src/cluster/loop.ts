/**
 * A background loop that reconnects by itself until stopped: `start()` runs `loop()` once; `stop()`
 * aborts the request in flight (`abort.signal`) and wakes a pending `sleep()`. The watchers, the
 * MachineConfigNode source and the daemon log follower share it.
 */
export abstract class StoppableLoop {
  protected stopped = false;
  protected readonly abort = new AbortController();
  private wake: (() => void) | undefined;

  start(): this {
    void this.loop();
    return this;
  }

  stop(): void {
    this.stopped = true;
    this.abort.abort();
    this.wake?.();
  }

  /** Waits `ms`, or less when stop() comes first. */
  protected sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
  }

  protected abstract loop(): Promise<void>;
}
