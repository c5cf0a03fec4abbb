import type { Db } from './db/client.ts';
import type { DevMailbox, MailTransport } from './mail/transport.ts';

/** What the API needs from the outside world; tests pass real ones built on libSQL and files. */
export interface Deps {
  db: Db;
  mail: MailTransport;
  /** Present only where mails are kept locally; enables `/dev/mail`. */
  mailbox?: DevMailbox;
  /** The files bucket (R2): media, later uploads. */
  files?: R2Bucket;
  /** The teachers' library: which ids and files may be downloaded (built from the content). */
  materials?: MaterialsDirectory;
  /**
   * The edge cache (the Workers Cache API's `caches.default`); absent in Node. Pages kept in it
   * (the winners pages) are purged by the API when what they show changes.
   */
  edgeCache?: Pick<Cache, 'match' | 'put' | 'delete'>;
  /** The server's clock; injected so deadlines and expiries are testable. */
  clock: () => Date;
  config: AppConfig;
}

export interface AppConfig {
  version: string;
  /** Origin that links in mails point to, e.g. https://spotlight.example.org */
  publicOrigin: string;
  /** Secret for HMAC-signed capability links (unsubscribe). At least 32 characters. */
  tokenSecret: string;
  /** Sender of every mail, e.g. `Spotlight <news@example.org>`. */
  mailFrom: string;
  /** Proof-of-work difficulty: challenges hide a counter below this; solving takes half of it on average. */
  powMaxCounter: number;
  /**
   * Key of the people's-choice voter hashes (`VOTER_HASH_SECRET`, at least 32 characters). When
   * unset, one is derived from `tokenSecret` (functions/votes/voter-hash.ts). Changing it during an
   * open vote lets every address vote again: set it once, keep it.
   */
  voterHashSecret?: string;
}

/** What the download counter and the feedback form may name: the library's ids and files. */
export interface MaterialsDirectory {
  /** The static URL of a material's (or kit's) file, or undefined when either is unknown. */
  fileUrl(id: string, file: string): Promise<string | undefined>;
  has(id: string): Promise<boolean>;
}
