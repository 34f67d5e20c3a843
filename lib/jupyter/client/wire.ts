import { createHmac, randomUUID, timingSafeEqual } from 'crypto';

/** Header of a Jupyter message (messaging protocol 5.x). */
export interface MessageHeader {
  msg_id: string;
  session: string;
  username: string;
  date: string;
  msg_type: string;
  version: string;
}

/** A JSON object as it travels in a message part. */
export type JsonObject = Record<string, unknown>;

/** A content field the protocol says is text: that text, `fallback` when absent, other values as JSON. */
export function textField(value: unknown, fallback = ''): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return fallback;
  return JSON.stringify(value) ?? fallback;
}

/** One decoded Jupyter message: routing identities, the four JSON parts and raw buffers. */
export interface JupyterMessage<C extends JsonObject = JsonObject> {
  identities: Buffer[];
  header: MessageHeader;
  parent_header: Partial<MessageHeader>;
  metadata: JsonObject;
  content: C;
  buffers: Buffer[];
}

/** How messages are signed: the key and algorithm from the connection file. */
export interface SigningKey {
  key: string;
  /** e.g. 'hmac-sha256'; the part after 'hmac-' is the digest name. */
  scheme: string;
}

/** Thrown when a received message fails its signature check or is malformed. */
export class MessageFormatError extends Error {
  override name = 'MessageFormatError';
}

const DELIMITER = Buffer.from('<IDS|MSG>');
const PROTOCOL_VERSION = '5.3';

/** The protocol version the replearn kernel speaks (5.5: iopub_welcome on subscription). */
export const KERNEL_PROTOCOL_VERSION = '5.5';

/** Hex HMAC over the serialized header, parent header, metadata and content ('' when the key is empty). */
export function signParts(signing: SigningKey, parts: readonly (Buffer | string)[]): string {
  if (signing.key === '') return '';
  const digest = signing.scheme.replace(/^hmac-/, '');
  const hmac = createHmac(digest, signing.key);
  for (const part of parts) hmac.update(part);
  return hmac.digest('hex');
}

/** A new message of `msgType` in `session`, optionally answering `parent` (`version`: the header's protocol version). */
export function newMessage<C extends JsonObject>(
  msgType: string,
  content: C,
  session: string,
  parent?: MessageHeader | Partial<MessageHeader>,
  version: string = PROTOCOL_VERSION,
): JupyterMessage<C> {
  return {
    identities: [],
    header: {
      msg_id: randomUUID(),
      session,
      username: 'replearn',
      date: new Date().toISOString(),
      msg_type: msgType,
      version,
    },
    parent_header: parent ?? {},
    metadata: {},
    content,
    buffers: [],
  };
}

/** An execute_request's content that runs `code` as a notebook cell: kept in history, no stdin, stopping on error. */
export function executeRequestContent(code: string): JsonObject {
  return { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true };
}

/** The multipart frames of `msg`: identities, delimiter, signature, four JSON parts, buffers. */
export function encodeMessage(msg: JupyterMessage, signing: SigningKey): Buffer[] {
  const parts = [msg.header, msg.parent_header, msg.metadata, msg.content].map((p) => Buffer.from(JSON.stringify(p)));
  const signature = signParts(signing, parts);
  return [...msg.identities, DELIMITER, Buffer.from(signature), ...parts, ...msg.buffers];
}

/** Parses and verifies the frames of one message; throws MessageFormatError on a bad signature or shape. */
export function decodeMessage(frames: readonly Buffer[], signing: SigningKey): JupyterMessage {
  const at = frames.findIndex((f) => f.equals(DELIMITER));
  if (at < 0) throw new MessageFormatError('message without the <IDS|MSG> delimiter');
  if (frames.length < at + 6)
    throw new MessageFormatError(`message with ${frames.length - at - 2} parts after the signature (need 4)`);
  const signature = frames[at + 1].toString();
  const parts = frames.slice(at + 2, at + 6);
  if (signing.key !== '') {
    const expected = Buffer.from(signParts(signing, parts));
    const got = Buffer.from(signature);
    if (got.length !== expected.length || !timingSafeEqual(got, expected)) {
      throw new MessageFormatError('message signature does not match the connection key');
    }
  }
  const [header, parent, metadata, content] = parts.map((p, i) => parseObject(p, i));
  return {
    identities: frames.slice(0, at),
    header: header as unknown as MessageHeader,
    parent_header: parent,
    metadata,
    content,
    buffers: frames.slice(at + 6),
  };
}

function parseObject(part: Buffer, index: number): JsonObject {
  let value: unknown;
  try {
    value = JSON.parse(part.toString('utf8'));
  } catch {
    throw new MessageFormatError(`message part ${index} is not JSON`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new MessageFormatError(`message part ${index} is not a JSON object`);
  }
  return value as JsonObject;
}
