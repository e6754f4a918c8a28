// Buffered line output: writing each line to stdout separately costs a
// syscall per frame; a 64 KiB buffer makes `decode` I/O-cheap.

import { writeSync } from 'node:fs';

export class LineWriter {
  private buf: string[] = [];
  private size = 0;
  constructor(private readonly fd = 1, private readonly limit = 1 << 16) {}

  line(s: string): void {
    this.buf.push(s);
    this.size += s.length + 1;
    if (this.size >= this.limit) this.flush();
  }

  flush(): void {
    if (this.buf.length === 0) return;
    const text = this.buf.join('\n') + '\n';
    this.buf = [];
    this.size = 0;
    writeAll(this.fd, text);
  }
}

function writeAll(fd: number, text: string): void {
  // Hand the string to writeSync as it is: Node encodes it natively, twice
  // as fast as Buffer.from first. Only a short write (a full pipe) or
  // EAGAIN takes the Buffer path below, from the byte where it stopped.
  let off = 0;
  try {
    off = writeSync(fd, text);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EPIPE') process.exit(0);
    if (code !== 'EAGAIN') throw e;
  }
  if (off === Buffer.byteLength(text, 'utf8')) return;
  const bytes = Buffer.from(text, 'utf8');
  while (off < bytes.length) {
    try {
      off += writeSync(fd, bytes, off);
    } catch (e) {
      // A pipe that is full (EAGAIN) retries; a closed pipe (EPIPE: `| head`) ends quietly.
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') continue;
      if (code === 'EPIPE') process.exit(0);
      throw e;
    }
  }
}
