// Framing for the byte stream between the host and an engine process: [u32 header length][u32 payload
// length][header JSON][payload]. The supervisor reads only the small header; the payload (jobs, results)
// passes through it to the executor as bytes, parsed once at each end.

export function encodeFrame(header: unknown, payload?: Uint8Array | string): Buffer {
  const h = Buffer.from(JSON.stringify(header));
  const p = payload === undefined ? Buffer.alloc(0) : typeof payload === 'string' ? Buffer.from(payload) : payload;
  const prefix = Buffer.allocUnsafe(8);
  prefix.writeUInt32LE(h.length, 0);
  prefix.writeUInt32LE(p.length, 4);
  return Buffer.concat([prefix, h, p]);
}

export interface Frame<H> {
  header: H;
  payload: Buffer;
}

/** Collects chunks and yields whole frames. */
export class FrameReader<H> {
  private chunks: Buffer[] = [];
  private size = 0;

  push(chunk: Buffer): Array<Frame<H>> {
    this.chunks.push(chunk);
    this.size += chunk.length;
    const out: Array<Frame<H>> = [];
    while (this.size >= 8) {
      let buf = this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks, this.size);
      const hl = buf.readUInt32LE(0);
      const pl = buf.readUInt32LE(4);
      if (this.size < 8 + hl + pl) {
        this.chunks = [buf];
        break;
      }
      const header = JSON.parse(buf.toString('utf8', 8, 8 + hl)) as H;
      // A copy with its own memory: the payload may be transferred to another thread.
      const payload = Buffer.allocUnsafeSlow(pl);
      buf.copy(payload, 0, 8 + hl, 8 + hl + pl);
      out.push({ header, payload });
      buf = buf.subarray(8 + hl + pl);
      this.chunks = buf.length > 0 ? [buf] : [];
      this.size = buf.length;
    }
    return out;
  }
}

/** The bytes of a Buffer as a standalone ArrayBuffer that can be transferred to a thread. */
export function transferable(buf: Buffer): ArrayBuffer {
  if (buf.byteOffset === 0 && buf.byteLength === buf.buffer.byteLength && buf.buffer instanceof ArrayBuffer) return buf.buffer;
  const ab = new ArrayBuffer(buf.byteLength);
  new Uint8Array(ab).set(buf);
  return ab;
}
