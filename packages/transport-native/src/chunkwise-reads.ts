/**
 * Lets a Readable's async iterator take its buffered chunks one at a time.
 *
 * Node's iterator calls `read()` without a size, which joins every buffered
 * chunk into a new buffer. A channel pushes one chunk per DATA packet, many
 * per socket read, so that would copy most of a stream once more. Reading
 * exactly the first chunk's length hands that chunk over as it is. The
 * chunks' lengths are recorded only while iterating (nobody else needs
 * them), and a wrong guess costs only a copy: any size up to the buffered
 * length reads the right bytes.
 */
export class ChunkwiseReads {
  private lengths: number[] = [];
  private head = 0;
  /** Bytes of the chunks before `head`, counted from the start of recording. */
  private passed = 0;
  /** Bytes pushed since recording started. */
  private pushedBytes = 0;
  private recording = false;

  /** Starts recording; what is buffered already counts as one chunk. */
  start(buffered: number): void {
    if (this.recording) return;
    this.recording = true;
    if (buffered > 0) this.record(buffered);
  }

  /** A chunk of `length` bytes was pushed. */
  record(length: number): void {
    if (!this.recording) return;
    this.lengths.push(length);
    this.pushedBytes += length;
  }

  /** The size for a `read()` that hands over the first buffered chunk whole, or undefined. */
  nextSize(buffered: number): number | undefined {
    if (!this.recording || buffered === 0) return undefined;
    const taken = this.pushedBytes - buffered;
    while (this.head < this.lengths.length && this.passed + this.lengths[this.head]! <= taken) {
      this.passed += this.lengths[this.head]!;
      this.head += 1;
    }
    if (this.head > 1024) {
      this.lengths = this.lengths.slice(this.head);
      this.head = 0;
    }
    const first = this.lengths[this.head];
    if (first === undefined) return undefined;
    const size = this.passed + first - taken;
    return size > 0 && size <= buffered ? size : undefined;
  }
}
