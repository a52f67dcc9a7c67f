// What a soak run counts, and how it tells a failure a fault explains from
// one it does not. A fault explains a failure that came while it lasted or
// within the detection deadline after it ended (a partition is only noticed
// by keepalives, a reset at once); anything else is a failure that was not
// a fault, and the point of the soak is that there are none.

/** One injected fault: when it started, and when it ended (a partition heals later). */
interface FaultSpan {
  readonly kind: string;
  readonly start: number;
  end: number;
}

/** A failure no fault explains, kept for the report. */
export interface UnexplainedFailure {
  readonly operation: string;
  readonly at: number;
  readonly message: string;
}

/** Counters of a soak run. */
export class SoakTally {
  readonly operations = new Map<string, { ok: number; failedByFault: number }>();
  readonly faults = new Map<string, number>();
  readonly unexplained: UnexplainedFailure[] = [];
  connects = 0;
  /** Partial files that errors said they left behind (`SftpError.partial`), by base name. */
  readonly namedPartials = new Set<string>();
  readonly #spans: FaultSpan[] = [];

  constructor(
    /** How long after a fault a failure may still be its doing, in ms. */
    private readonly explainsFor: number,
  ) {}

  /** Records a fault starting now; call the result when it ends. */
  faultStarted(kind: string): () => void {
    this.faults.set(kind, (this.faults.get(kind) ?? 0) + 1);
    const span: FaultSpan = { kind, start: Date.now(), end: Date.now() };
    this.#spans.push(span);
    return () => {
      span.end = Date.now();
    };
  }

  /** Whether some fault was under way at `at`, or ended at most `explainsFor` ms before. */
  explained(at: number): boolean {
    return this.#spans.some(
      (span) => span.start <= at && at <= Math.max(span.end, span.start) + this.explainsFor,
    );
  }

  #entry(operation: string): { ok: number; failedByFault: number } {
    let entry = this.operations.get(operation);
    if (entry === undefined) {
      entry = { ok: 0, failedByFault: 0 };
      this.operations.set(operation, entry);
    }
    return entry;
  }

  succeeded(operation: string): void {
    this.#entry(operation).ok += 1;
  }

  /** Records a failure; returns whether a fault explains it. */
  failed(operation: string, error: unknown): boolean {
    const at = Date.now();
    const partial = (error as { partial?: unknown } | null)?.partial;
    if (typeof partial === 'string')
      this.namedPartials.add(partial.slice(partial.lastIndexOf('/') + 1));
    if (this.explained(at)) {
      this.#entry(operation).failedByFault += 1;
      return true;
    }
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    this.unexplained.push({ operation, at, message });
    return false;
  }
}
