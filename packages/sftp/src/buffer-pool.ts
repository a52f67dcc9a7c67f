/**
 * Reuses the buffers that large replies are assembled in. A 255 KiB DATA
 * reply spans several pipe chunks, so it is copied into a buffer of its own;
 * allocating a fresh one per reply made garbage collection and page faults
 * the largest CPU cost of a download (measured: ~0.9 s of GC per GiB).
 *
 * Only buffers this pool handed out are taken back, each at most once, and
 * only by code that owns the reply's bytes outright (fastGet, after writing
 * them to disk). A buffer nobody returns is simply collected.
 */
export class BufferPool {
  private readonly free = new Map<number, Uint8Array[]>();
  private readonly issued = new WeakSet<ArrayBufferLike>();
  private readonly returned = new WeakSet<ArrayBufferLike>();

  constructor(private readonly maxFreePerSize = 16) {}

  /** A buffer of exactly `size` bytes; contents are undefined. */
  acquire(size: number): Uint8Array {
    const reused = this.free.get(size)?.pop();
    if (reused !== undefined) {
      this.returned.delete(reused.buffer);
      return reused;
    }
    const fresh: Uint8Array = Buffer.allocUnsafeSlow(size);
    this.issued.add(fresh.buffer);
    return fresh;
  }

  /**
   * Gives back the buffer behind `view` (any view into it). Ignored for
   * memory the pool did not issue or that is already back.
   */
  release(view: Uint8Array): void {
    const { buffer } = view;
    if (!this.issued.has(buffer) || this.returned.has(buffer)) return;
    const size = buffer.byteLength;
    const list = this.free.get(size) ?? [];
    if (list.length >= this.maxFreePerSize) return;
    this.returned.add(buffer);
    list.push(Buffer.from(buffer, 0, size));
    this.free.set(size, list);
  }
}
