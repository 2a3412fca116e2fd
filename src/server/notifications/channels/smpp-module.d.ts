// Types for the parts of the untyped `smpp` 0.5 package that Nettlege uses (client session, test server, PDUs).
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Server as NetServer, Socket } from 'node:net';

  /** A decoded PDU: the header plus whatever fields and TLVs its command carries. */
  interface PDU {
    command: string;
    command_id: number;
    command_status: number;
    sequence_number: number;
    [field: string]: unknown;
    isResponse(): boolean;
    response(options?: Record<string, unknown>): PDU;
  }

  type ResponseCallback = (pdu: PDU) => void;

  interface Session extends EventEmitter {
    readonly socket: Socket;
    send(pdu: PDU, responseCallback?: ResponseCallback, sendCallback?: ResponseCallback): boolean;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
    bind_transceiver(options: Record<string, unknown>, responseCallback?: ResponseCallback): boolean;
    submit_sm(options: Record<string, unknown>, responseCallback?: ResponseCallback): boolean;
    deliver_sm(options: Record<string, unknown>, responseCallback?: ResponseCallback): boolean;
    enquire_link(options?: Record<string, unknown> | ResponseCallback, responseCallback?: ResponseCallback): boolean;
    unbind(options?: Record<string, unknown> | ResponseCallback, responseCallback?: ResponseCallback): boolean;
    on(event: 'connect' | 'close', listener: () => void): this;
    on(event: 'error', listener: (err: Error) => void): this;
    on(event: string, listener: (pdu: PDU) => void): this;
  }

  interface Server extends NetServer {
    sessions: Session[];
  }

  interface ConnectOptions {
    /** smpp://host:port (or ssmpp:// for TLS). */
    url: string;
    auto_enquire_link_period?: number;
  }

  interface PduConstructor {
    new (command: string, options?: Record<string, unknown>): PDU;
  }

  const smpp: {
    connect(options: ConnectOptions, listener?: () => void): Session;
    createServer(listener?: (session: Session) => void): Server;
    PDU: PduConstructor;
    /** Command status names to numbers, e.g. ESME_RINVDSTADR → 0x0B. */
    errors: Record<string, number>;
  };
  export default smpp;
  export type { PDU, Session, Server, ConnectOptions };
}
