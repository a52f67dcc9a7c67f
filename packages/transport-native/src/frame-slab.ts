import { CHANNEL_MUX_MAX_PACKET } from '@openssh-ts/mux-codec';

/** Bytes of one slab; reads go into its free end until less than {@link MINIMUM_READ} is left. */
const SLAB_SIZE = 256 * 1024;
/** The smallest space offered to a read (Node's own reads are 64 KiB). */
const MINIMUM_READ = 64 * 1024;
/** A frame's length prefix plus the largest frame the decoders accept. */
const LARGEST_FRAME = 4 + CHANNEL_MUX_MAX_PACKET;

/**
 * Read buffers for a mux socket (`net` `onread`), laid out so that frames
 * are never copied.
 *
 * Socket reads land one after another in a large slab, and only whole
 * `uint32 length` frames (the framing of both the mux protocol and proxy
 * mode) are handed on; a frame cut by a read boundary waits, and the next
 * read lands right behind it in memory, so it completes in place. Only when
 * a slab runs out is such a tail copied, once, to the start of the next one.
 * Otherwise the decoder would copy every frame split between two reads — with
 * 32 KiB DATA packets and reads of ~40 KiB that is most of them.
 *
 * Memory is reused only when nobody kept a view into it: the frames handed
 * on are valid for the call that received them, and whoever keeps a view
 * longer calls {@link FrameSlab.retain}. A retained slab is never
 * overwritten (it lives as long as any view of it, and the next read gets a
 * fresh one); a slab nobody retained is used again from its start. Without
 * reuse every byte read would be fresh memory, and its garbage collection
 * cost more CPU than the bytes themselves (~0.7 s per GiB downloaded).
 */
export class FrameSlab {
  private slab: Buffer = Buffer.alloc(0);
  /** Start of the bytes read but not handed on (a partial frame). */
  private tailStart = 0;
  /** End of what was read: the next read lands here. */
  private readEnd = 0;
  /** Whether a view into the current slab may outlive the call it was handed to. */
  private retained = false;

  /** Someone keeps a view of the frames just handed on: never overwrite this slab. */
  retain(): void {
    this.retained = true;
  }

  /** The space for the next read (after any partial frame waiting in the slab). */
  next(): Buffer {
    if (this.slab.byteLength - this.readEnd < MINIMUM_READ) {
      const tailLength = this.readEnd - this.tailStart;
      const size = Math.max(SLAB_SIZE, tailLength + MINIMUM_READ);
      if (this.retained || this.slab.byteLength < size) {
        // Unzeroed: only bytes a read filled are ever handed out.
        const slab = Buffer.allocUnsafeSlow(size);
        slab.set(this.slab.subarray(this.tailStart, this.readEnd));
        this.slab = slab;
        this.retained = false;
      } else {
        this.slab.copyWithin(0, this.tailStart, this.readEnd);
      }
      this.tailStart = 0;
      this.readEnd = tailLength;
    }
    return this.slab.subarray(this.readEnd);
  }

  /**
   * Records that a read put `length` bytes into the space from {@link next};
   * returns the whole frames now available (possibly none).
   */
  filled(length: number): Buffer {
    this.readEnd += length;
    let position = this.tailStart;
    while (this.readEnd - position >= 4) {
      const frameEnd = position + 4 + readLength(this.slab, position);
      if (frameEnd > this.readEnd) {
        // A length beyond any valid frame is passed on, for the decoder to refuse.
        if (frameEnd - position > LARGEST_FRAME) position = this.readEnd;
        break;
      }
      position = frameEnd;
    }
    const frames = this.slab.subarray(this.tailStart, position);
    this.tailStart = position;
    return frames;
  }
}

function readLength(bytes: Uint8Array, offset: number): number {
  return (
    bytes[offset]! * 0x1000000 +
    ((bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!)
  );
}
